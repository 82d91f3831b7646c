from django import forms

from dearly.tools import cycle


class StepForm(forms.Form):
    """One step of the worksheet: the pick list, "other" in the person's own words and, at
    "what I did", which way their own move goes."""

    choices = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)
    other = forms.CharField(required=False, max_length=cycle.OTHER_MAX_CHARS, strip=True,
                            widget=forms.TextInput(attrs={"autocomplete": "off"}))
    other_kind = forms.ChoiceField(
        required=False, widget=forms.RadioSelect, label="Was that more a move towards your partner, or away?",
        choices=[(cycle.Side.REACH.value, "Towards: to get a response"),
                 (cycle.Side.WITHDRAW.value, "Away: to keep the peace or get some space")],
    )

    def __init__(self, step: cycle.Step, *args, **kwargs):
        self.step = step
        super().__init__(*args, **kwargs)
        self.fields["choices"].choices = [(c.key, c.label) for c in step.choices]
        self.fields["choices"].label = step.question
        self.fields["other"].label = f"{step.other_label} (in your own words)"
        self.fields["other"].error_messages["max_length"] = (
            f"Please keep it to {cycle.OTHER_MAX_CHARS} characters; the picture has room for a short phrase.")
        if not step.asks_side_of_other:
            del self.fields["other_kind"]

    @classmethod
    def initial_for(cls, answer: cycle.StepAnswer) -> dict:
        return {"choices": list(answer.choices), "other": answer.other, "other_kind": answer.other_kind}

    def answer(self) -> cycle.StepAnswer:
        data = self.cleaned_data
        return cycle.StepAnswer(tuple(data.get("choices") or ()), data.get("other", ""), data.get("other_kind", ""))
