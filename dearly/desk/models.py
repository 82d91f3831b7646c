from django.conf import settings
from django.db import models
from django.utils import timezone


class LetterAccess(models.Model):
    """One look at, or change to, a letter: the expert can always see who read or changed what.

    The letter is named by id, not by a foreign key, so the record outlives a purged letter.
    Nothing of the letter itself is kept here.
    """

    class Action(models.TextChoices):
        VIEWED = "viewed", "Read the letter"
        REVIEWED = "reviewed", "Reviewed the anonymized copy"
        MOVED = "moved", "Moved the letter"
        NOTED = "noted", "Added a note"
        TAGGED = "tagged", "Changed topics"
        ANSWERED = "answered", "Started an answer"
        EDITED = "edited", "Saved the answer"
        PUBLISHED = "published", "Published the answer"
        NOTIFIED = "notified", "Told the writer; address erased"
        FOLLOWED_UP = "followed_up", "Followed up"
        TRIAGED = "triaged", "Read it for danger"
        PURGED = "purged", "Deleted at the end of retention"

    letter_id = models.BigIntegerField(db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    username = models.CharField(max_length=150, help_text="Kept in case the account is deleted.")
    action = models.CharField(max_length=12, choices=Action.choices)
    detail = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name_plural = "letter accesses"
        # The desk's one permission (dearly.desk.access.DESK_PERMISSION) lives here.
        permissions = [("use_desk", "Can use the desk")]

    def __str__(self):
        return f"{self.username} {self.action} letter #{self.letter_id}"


class FollowUp(models.Model):
    """What the desk did about an urgent letter, by whom and when: the inbox shows at a glance
    which urgent letters nobody has followed up yet. Private like the letter, purged with it."""

    class Action(models.TextChoices):
        CALLED_BACK = "called_back", "Called back"
        RESOURCES_SENT = "resources_sent", "Resources sent"
        REFERRED = "referred", "Referred"
        OTHER = "other", "Other (see the note)"

    letter = models.ForeignKey("letters.Letter", on_delete=models.CASCADE, related_name="follow_ups")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    by_name = models.CharField(max_length=150, help_text="Kept in case the account is deleted.")
    action = models.CharField(max_length=20, choices=Action.choices)
    note = models.TextField(blank=True, max_length=2000)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["letter", "at"], name="desk_followup_letter")]

    def __str__(self):
        return f"Follow-up #{self.pk} of letter #{self.letter_id}"


class Triage(models.Model):
    """The expert's own reading of a letter's danger, beside the crisis screen's. It puts the
    letter in the queue the expert chose (urgent, worth a look, or neither), and, kept beside
    what the screen said at the time, it measures the screen on the practice's real letters
    (`manage.py triage_report`: counts only, never text). Private like the letter, purged with it."""

    class Reading(models.TextChoices):
        URGENT = "urgent", "In danger now: urgent"
        WORTH_A_LOOK = "worth_a_look", "Worth a look: may be in danger"
        NONE = "none", "Not in danger"

    letter = models.ForeignKey("letters.Letter", on_delete=models.CASCADE, related_name="triages")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    by_name = models.CharField(max_length=150, help_text="Kept in case the account is deleted.")
    reading = models.CharField(max_length=12, choices=Reading.choices)
    categories = models.JSONField(default=list, blank=True)
    # What the crisis screen said when the expert read it (its outcome and version).
    screen_outcome = models.CharField(max_length=12)
    screen_version = models.CharField(max_length=40, blank=True)
    note = models.TextField(blank=True, max_length=2000)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["letter", "at"], name="desk_triage_letter")]

    def __str__(self):
        return f"Triage #{self.pk} of letter #{self.letter_id}"

    @property
    def screen_said(self) -> str:
        return {"urgent": "urgent", "worth_a_look": "worth a look"}.get(self.screen_outcome, "nothing found")
