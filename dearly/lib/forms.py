"""Form fields shared by every form that takes text from a reader or the expert."""

from django import forms

from dearly.lib.text import normalize_newlines


class MultilineField(forms.CharField):
    """A textarea's text with one kind of line ending. Browsers send "\\r\\n"; code downstream
    (the members-only teaser, Markdown, word counts) looks for "\\n" and must find it."""

    widget = forms.Textarea

    def to_python(self, value):
        if isinstance(value, str):
            value = normalize_newlines(value)
        return super().to_python(value)
