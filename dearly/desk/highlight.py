"""Letter text as safe HTML with some spans marked: crisis phrases, anonymizer proposals."""

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe


def marked(text: str, spans, *, css_class: str = "", numbered: bool = False) -> SafeString:
    """Escape `text`, wrapping each (start, end) span in <mark>. Overlapping spans after the
    first are left out; `numbered` adds the span's number (1-based) for the review form."""
    out, pos = [], 0
    for number, (start, end) in sorted(enumerate(spans, 1), key=lambda item: item[1]):
        if start < pos or end <= start or end > len(text):
            continue
        out.append(escape(text[pos:start]))
        label = format_html('<sup class="proposal-number">{}</sup>', number) if numbered else ""
        out.append(format_html('<mark class="{}">{}</mark>{}', css_class, text[start:end], label))
        pos = end
    out.append(escape(text[pos:]))
    return mark_safe("".join(str(part) for part in out))
