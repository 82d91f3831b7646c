"""The tools' forms: they check what was typed and keep it when something is wrong."""

from django import forms

from dearly.tools import csi

SCALE = [(n, str(n)) for n in range(1, 11)]


class CheckInForm(forms.Form):
    need = forms.TypedChoiceField(
        label="How much do you need closeness right now?", choices=SCALE, coerce=int,
        widget=forms.RadioSelect, help_text="1: not much at all. 10: very much.",
        error_messages={"required": "Choose a number from 1 to 10.",
                        "invalid_choice": "Choose a number from 1 to 10."})
    connected = forms.TypedChoiceField(
        label="How connected do you feel right now?", choices=SCALE, coerce=int,
        widget=forms.RadioSelect, help_text="1: far apart. 10: very close.",
        error_messages={"required": "Choose a number from 1 to 10.",
                        "invalid_choice": "Choose a number from 1 to 10."})
    note = forms.CharField(
        label="One sentence, if you like", required=False, max_length=280,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        help_text="Optional. Only you see it unless you share this check-in.",
        error_messages={"max_length": "Please keep it to 280 characters (this has %(show_value)d)."})
    share = forms.BooleanField(label="Share this check-in with my partner", required=False)


class CheckUpForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for number, item in enumerate(csi.ITEMS, start=1):
            self.fields[item.field] = forms.TypedChoiceField(
                label=f"{number}. {item.text}", choices=item.choices(), coerce=int, widget=forms.RadioSelect,
                error_messages={"required": "Please choose an answer.", "invalid_choice": "Please choose an answer."})
        self.fields["share"] = forms.BooleanField(label="Share this check-up with my partner", required=False)
