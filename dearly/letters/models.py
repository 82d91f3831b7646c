"""Letters from readers: private, kept apart from anything published, purged unless published.

Nothing here is ever shown outside the desk. The column's Article is only linked to, once the
expert has started an answer from a reviewed, anonymized copy of the letter.
"""

from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone


class Letter(models.Model):
    class State(models.TextChoices):
        NEW = "new", "New"
        SHORTLISTED = "shortlisted", "Shortlisted"
        ANSWERING = "answering", "Answering"
        PUBLISHED = "published", "Published"
        DECLINED = "declined", "Declined"
        DUPLICATE = "duplicate", "Duplicate"

    class WriterSignal(models.TextChoices):
        """What the writer told us about their safety, in their own words (a choice on the form).

        Either one makes the letter urgent, whatever the crisis screen makes of its text."""

        NONE = "", "Nothing said"
        NOT_SAFE = "not_safe", "Not safe right now"
        ENDING_LIFE = "ending_life", "Thinking of ending their life"

    pen_name = models.CharField(max_length=60)
    body = models.TextField()
    words = models.PositiveIntegerField()
    # Only for one note when the answer is out; erased then, or at the end of retention.
    email = models.EmailField(blank=True)

    state = models.CharField(max_length=12, choices=State.choices, default=State.NEW)
    state_changed_at = models.DateTimeField(default=timezone.now)
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="duplicates"
    )
    topics = models.ManyToManyField("column.Topic", blank=True, related_name="+")
    article = models.OneToOneField(
        "column.Article", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    # The crisis screen's verdict, kept with the rules version that gave it.
    urgent = models.BooleanField(default=False)
    crisis_categories = models.JSONField(default=list, blank=True)
    crisis_matches = models.JSONField(default=list, blank=True, help_text="[phrase, start, end] triples.")
    screening_version = models.CharField(max_length=40, blank=True)
    writer_signal = models.CharField(max_length=12, choices=WriterSignal.choices, default="", blank=True)
    # urgent, worth_a_look (the desk's second queue) or none; `urgent` above stays the inbox's sort key.
    screening_outcome = models.CharField(max_length=12, default="none", db_index=True)
    # Prepared by the worker after the letter arrives, so the desk opens at once: the anonymizer's
    # proposals (dicts of kind, start, end, original, replacement, reason) and suggested topics.
    proposals = models.JSONField(default=list, blank=True)
    suggested_topics = models.JSONField(default=list, blank=True, help_text="Topic ids, closest first.")
    prepared_at = models.DateTimeField(null=True, blank=True)

    # What the writer agreed to, word for word, and which version of the wording that was.
    consent_publication = models.BooleanField()
    consent_sensitive_data = models.BooleanField()
    consent_wording = models.TextField()
    consent_version = models.CharField(max_length=20)

    received_at = models.DateTimeField(default=timezone.now)
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-urgent", "-received_at", "-id"]
        indexes = [
            models.Index(fields=["urgent", "received_at"], name="letters_inbox"),
            models.Index(fields=["state", "received_at"], name="letters_state"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(consent_publication=True, consent_sensitive_data=True),
                name="letters_need_both_consents",
            ),
            # Whatever stores a letter, a writer who says they are not safe is never left unflagged.
            models.CheckConstraint(
                condition=models.Q(writer_signal="") | models.Q(urgent=True),
                name="letters_writer_signal_is_urgent",
            ),
        ]

    def __str__(self):
        # Never the text, never the email: this string can end up in logs and admin screens.
        return f"Letter #{self.pk}"

    @property
    def screened_by_rules_only(self) -> bool:
        """The language model could not run when the letter arrived: only the rules read it."""
        return self.screening_version.endswith("+rules-only")

    @property
    def purge_on(self):
        """When the letter is deleted if it is not published by then (None once published)."""
        if self.state == self.State.PUBLISHED:
            return None
        return self.received_at + timedelta(days=settings.LETTER_RETENTION_DAYS)

    @property
    def allowed_moves(self) -> list["Letter.State"]:
        return [self.State(s) for s in TRANSITIONS[self.State(self.state)]]

    @property
    def can_be_answered(self) -> bool:
        """Answering, or allowed to move there: the desk offers an answer only then."""
        return self.state == self.State.ANSWERING or self.State.ANSWERING in self.allowed_moves


S = Letter.State
# The one place that says how a letter may move; move_letter() refuses everything else.
# A declined or duplicate letter may be reopened. Published is final, and no move leads there:
# only publish_answer() publishes, from PUBLISHED_FROM, with its article (a published letter is
# kept for good, so one without an answer would never be purged).
TRANSITIONS: dict[Letter.State, tuple[Letter.State, ...]] = {
    S.NEW: (S.SHORTLISTED, S.ANSWERING, S.DECLINED, S.DUPLICATE),
    S.SHORTLISTED: (S.ANSWERING, S.NEW, S.DECLINED, S.DUPLICATE),
    S.ANSWERING: (S.SHORTLISTED, S.DECLINED),
    S.PUBLISHED: (),
    S.DECLINED: (S.NEW,),
    S.DUPLICATE: (S.NEW,),
}
PUBLISHED_FROM = S.ANSWERING


class Note(models.Model):
    """The expert's note on a letter: private like the letter, and purged with it."""

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"Note #{self.pk} on letter #{self.letter_id}"


class IntakeSettings(models.Model):
    """What the expert decides about the letter form, changed in the desk (/desk/settings/).

    One row; LETTER_WORD_LIMIT is only the starting value."""

    word_limit = models.PositiveIntegerField(
        validators=[MinValueValidator(50), MaxValueValidator(3000)],
        help_text="The longest letter the form accepts, in words.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "intake settings"

    def __str__(self):
        return f"Letters up to {self.word_limit} words"

    @classmethod
    def current(cls) -> "IntakeSettings":
        found, _ = cls.objects.get_or_create(pk=1, defaults={"word_limit": settings.LETTER_WORD_LIMIT})
        return found
