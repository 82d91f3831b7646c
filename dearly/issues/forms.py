"""The desk's form for writing an issue. It checks what it can beside each field; the
newsletter's services check again (and their ValueError is shown above the form)."""

from django import forms
from django.utils import timezone

from dearly.column.models import Article, Topic
from dearly.mailing.models import Guide
from dearly.newsletter.models import Broadcast

Segment = Broadcast.Segment
SEGMENT_FIELD = {Segment.GUIDE: "segment_guide", Segment.TOPIC: "segment_topic", Segment.TIER: "segment_tier"}


def _tiers():
    from dearly.members.models import Tier

    return Tier.objects.all()


class BroadcastForm(forms.Form):
    subject = forms.CharField(max_length=200, label="Subject")
    body = forms.CharField(
        required=False, label="The issue", widget=forms.Textarea(attrs={"rows": 18}),
        help_text="In Markdown: **bold**, *italic*, ## a heading, [a link](https://…), - a list. "
                  "With an article chosen below, this is an optional note above it.")
    article = forms.ModelChoiceField(
        queryset=Article.objects.none(), required=False, label="Send a published article",
        empty_label="None: a written issue",
        help_text="Members-only text goes only to members; everyone else gets the teaser and a way to join.")
    segment = forms.ChoiceField(choices=Segment.choices, initial=Segment.ALL, label="Who gets it",
                                widget=forms.RadioSelect)
    segment_guide = forms.ModelChoiceField(queryset=Guide.objects.all(), required=False, label="Which guide")
    segment_topic = forms.ModelChoiceField(queryset=Topic.objects.all(), required=False, label="Which topic")
    # Its queryset is set per form: the members app is asked only when the form is made.
    segment_tier = forms.ModelChoiceField(queryset=Guide.objects.none(), required=False, label="Which tier")
    in_archive = forms.BooleanField(required=False, initial=True,
                                    label="Also put it in the web archive of issues on the site")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["article"].queryset = Article.objects.visible(timezone.now()).order_by("-published_at")
        self.fields["segment_tier"].queryset = _tiers()

    def clean_body(self):
        return self.cleaned_data["body"].replace("\r\n", "\n").replace("\r", "\n")

    def clean(self):
        data = super().clean()
        if not (data.get("body") or "").strip() and data.get("article") is None and "body" not in self.errors:
            self.add_error("body", "Write the issue, or choose an article to send.")
        needed = SEGMENT_FIELD.get(data.get("segment"))
        if needed and data.get(needed) is None and needed not in self.errors:
            self.add_error(needed, {"segment_guide": "Choose the guide whose subscribers get it.",
                                    "segment_topic": "Choose the topic.",
                                    "segment_tier": "Choose the tier."}[needed])
        return data

    def service_fields(self) -> dict:
        """The cleaned fields as the newsletter's services take them."""
        data = self.cleaned_data
        return {name: data.get(name) for name in ("subject", "body", "article", "segment", "segment_guide",
                                                  "segment_topic", "segment_tier", "in_archive")}

    @classmethod
    def initial_for(cls, broadcast: Broadcast) -> dict:
        return {"subject": broadcast.subject, "body": broadcast.body, "article": broadcast.article_id,
                "segment": broadcast.segment, "segment_guide": broadcast.segment_guide_id,
                "segment_topic": broadcast.segment_topic_id, "segment_tier": broadcast.segment_tier_id,
                "in_archive": broadcast.in_archive}


class ScheduleForm(forms.Form):
    send_at = forms.DateTimeField(
        label="Send it at", input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"))

    def clean_send_at(self):
        send_at = self.cleaned_data["send_at"]
        if send_at <= timezone.now():
            raise forms.ValidationError("Choose a time in the future, or send it now.")
        return send_at
