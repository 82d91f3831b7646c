import dataclasses
import hashlib

from django import forms

from dearly.column.models import Article, Topic
from dearly.desk.models import FollowUp, Triage
from dearly.letters.models import IntakeSettings, Letter
from dearly.lib.forms import MultilineField
from dearly.safety.models import CrisisResource

# The moves the desk offers as buttons; answering and publishing have their own pages.
MOVE_LABELS = {
    Letter.State.NEW: "Back to new",
    Letter.State.SHORTLISTED: "Shortlist",
    Letter.State.DECLINED: "Decline",
    Letter.State.DUPLICATE: "Mark as a duplicate",
}


def offered_moves(letter: Letter) -> list[tuple[str, str]]:
    return [(s.value, MOVE_LABELS[s]) for s in letter.allowed_moves if s in MOVE_LABELS]


class MoveForm(forms.Form):
    to = forms.ChoiceField()  # the moves this letter allows, set in __init__
    duplicate_of = forms.IntegerField(required=False, min_value=1, label="Duplicate of letter #")

    def __init__(self, *args, letter: Letter, **kwargs):
        super().__init__(*args, **kwargs)
        self.letter = letter
        self.fields["to"].choices = offered_moves(letter)

    def clean(self):
        data = super().clean()
        if data.get("to") == Letter.State.DUPLICATE:
            other = Letter.objects.filter(pk=data.get("duplicate_of") or 0).exclude(pk=self.letter.pk).first()
            if other is None:
                raise forms.ValidationError("Give the number of the other letter this one repeats.")
            data["duplicate_letter"] = other
        return data


class NoteForm(forms.Form):
    text = MultilineField(label="Add a note", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class FollowUpForm(forms.Form):
    action = forms.ChoiceField(choices=FollowUp.Action.choices, widget=forms.RadioSelect, label="What was done")
    note = MultilineField(label="Note (optional)", required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}),
                           help_text="For example: which service, or when to try again.")


class TriageForm(forms.Form):
    reading = forms.ChoiceField(choices=Triage.Reading.choices, widget=forms.RadioSelect,
                                label="How you read it")
    categories = forms.MultipleChoiceField(
        choices=[(c, label) for c, label in CrisisResource.Need.choices if c != CrisisResource.Need.ANY],
        widget=forms.CheckboxSelectMultiple, required=False, label="What the danger is",
        help_text="Needed when the writer is in danger.")
    note = MultilineField(label="Note (optional)", required=False, max_length=2000,
                          widget=forms.Textarea(attrs={"rows": 2}),
                          help_text="For example: what made you read it so.")

    def clean(self):
        data = super().clean()
        if data.get("reading") in (Triage.Reading.URGENT, Triage.Reading.WORTH_A_LOOK) and not data.get("categories"):
            self.add_error("categories", "Choose what the danger is.")
        return data


class TopicsForm(forms.Form):
    topics = forms.ModelMultipleChoiceField(
        queryset=Topic.objects.all(), required=False, widget=forms.CheckboxSelectMultiple, label="Topics"
    )


def fingerprint(proposals) -> str:
    """Identifies the exact set of proposals a review form was made for."""
    raw = "|".join(f"{p.kind}:{p.start}:{p.end}:{p.original}" for p in proposals)
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def with_replacement(proposal, replacement: str):
    return dataclasses.replace(proposal, replacement=replacement)


class AnonymizeForm(forms.Form):
    """One decision per proposal: replace (with the proposed or an edited text) or keep."""

    DECISIONS = [("replace", "Replace"), ("keep", "Keep as written")]
    title = forms.CharField(
        label="Working title (you can change it later)", max_length=200, required=False
    )
    fingerprint = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, proposals, **kwargs):
        super().__init__(*args, **kwargs)
        self.proposals = list(proposals)
        self.initial.setdefault("fingerprint", fingerprint(self.proposals))
        for i, p in enumerate(self.proposals):
            self.fields[f"p{i}_decision"] = forms.ChoiceField(
                choices=self.DECISIONS, initial="replace", widget=forms.RadioSelect, label="Decision"
            )
            self.fields[f"p{i}_replacement"] = forms.CharField(
                required=False, initial=p.replacement, max_length=200, label="Replace with",
                help_text="Leave empty to remove it.",
            )

    def rows(self):
        """(number, proposal, decision field, replacement field) for the template."""
        return [(i + 1, p, self[f"p{i}_decision"], self[f"p{i}_replacement"]) for i, p in enumerate(self.proposals)]

    def clean_fingerprint(self):
        value = self.cleaned_data["fingerprint"]
        if value != fingerprint(self.proposals):
            raise forms.ValidationError("The proposals changed since this page was opened. Please review them again.")
        return value

    def accepted(self):
        """The proposals to apply, each with the replacement the expert approved."""
        return [
            with_replacement(p, self.cleaned_data[f"p{i}_replacement"].strip())
            for i, p in enumerate(self.proposals)
            if self.cleaned_data[f"p{i}_decision"] == "replace"
        ]


class DraftForm(forms.Form):
    title = forms.CharField(max_length=200)
    letter = MultilineField(
        label="The letter, as it will be published (Markdown)", widget=forms.Textarea(attrs={"rows": 12})
    )
    answer = MultilineField(
        label="Your answer (Markdown)", widget=forms.Textarea(attrs={"rows": 18}), required=False,
        help_text="For a members-only article, a line <!--more--> ends the public teaser.",
    )
    topics = forms.ModelMultipleChoiceField(
        queryset=Topic.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    visibility = forms.ChoiceField(choices=Article.Visibility.choices, widget=forms.RadioSelect)
    publish_at = forms.DateTimeField(
        required=False,
        label="Publish at (leave empty to publish now)",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def clean(self):
        data = super().clean()
        if "publish" in self.data and not (data.get("answer") or "").strip():
            self.add_error("answer", "Write the answer before publishing it.")
        return data


class PublishForm(forms.Form):
    """The confirmation step: the time chosen in the editor (empty: now), and the yes."""

    publish_at = forms.DateTimeField(required=False)
    confirm = forms.BooleanField()


class IntakeSettingsForm(forms.ModelForm):
    class Meta:
        model = IntakeSettings
        fields = ["word_limit"]
        labels = {"word_limit": "Longest letter, in words"}
