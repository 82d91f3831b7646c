"""Text from a browser's textarea has one kind of line ending before anything looks for blank lines."""

import pytest


def test_line_endings_of_every_kind_become_one():
    from dearly.lib.text import normalize_newlines

    assert normalize_newlines("a\r\nb\rc\u2028d\ne") == "a\nb\nc\nd\ne"


@pytest.mark.parametrize("text", ["One.\n\nTwo.", "One.\r\n\r\nTwo.", "One.\n \nTwo.", "One.\n\t\u200b\nTwo.",
                                  "\n\nOne.\n   \n\nTwo."])
def test_a_first_block_ends_at_any_blank_line(text):
    from dearly.lib.text import first_block

    assert first_block(text) == ("One.", "Two.")


def test_a_textarea_field_gives_one_kind_of_line_ending():
    from dearly.lib.forms import MultilineField

    assert MultilineField().clean("a\r\n\r\nb") == "a\n\nb"


def test_every_desk_letter_and_mailing_form_textarea_normalizes_line_endings():
    from django import forms

    from dearly.desk import forms as desk_forms
    from dearly.letters import forms as letter_forms
    from dearly.lib.forms import MultilineField
    from dearly.mailing import forms as mailing_forms

    checked = 0
    for module in (desk_forms, letter_forms, mailing_forms):
        for form in vars(module).values():
            if isinstance(form, type) and issubclass(form, forms.BaseForm):
                for name, field in form.base_fields.items():
                    if isinstance(field.widget, forms.Textarea):
                        assert isinstance(field, MultilineField), f"{form.__name__}.{name}"
                        checked += 1
    assert checked >= 6
