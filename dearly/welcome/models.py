"""The welcome sequence: steps the expert writes in the desk (WelcomeStep) and one row per
(step, subscriber) for each step that has been handled (WelcomeEmail).

A WelcomeEmail is created when its step falls due for a subscriber, claimed by a conditional
UPDATE (a lease, like the outbox's), handed to the outbox, then marked queued; or skipped when
the person left first. Its states and allowed moves are TRANSITIONS below; move() is the one
write of `state`.
"""

from django.db import models
from django.utils import timezone

from dearly.lib import markdown


class WelcomeStep(models.Model):
    day = models.PositiveSmallIntegerField(
        help_text="Days after the person confirms: 0 sends it within a minute or two of confirming.")
    subject = models.CharField(max_length=150)
    body = models.TextField(help_text="In Markdown. The plain-text part of the email is this text as you wrote it.")
    body_html = models.TextField(editable=False, default="")
    is_active = models.BooleanField(
        default=True, help_text="Switched off, it goes to nobody; switched on again, only to people whose day for it is still ahead.")
    # Set each time the step is switched on: a step goes only to people whose day for it comes
    # after this moment (see services.eligible_subscribers); nobody gets it back-dated.
    active_since = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["day", "id"]

    def __str__(self):
        return f"Day {self.day}: {self.subject}"

    def save(self, *args, **kwargs):
        self.body_html = markdown.render(self.body)
        super().save(*args, **kwargs)


class WelcomeEmail(models.Model):
    """One step for one subscriber: unique, so however many workers look, one email."""

    class State(models.TextChoices):
        WAITING = "waiting", "Waiting to be queued"
        QUEUED = "queued", "Handed to the outbox"
        SKIPPED = "skipped", "Skipped (the person left first)"

    step = models.ForeignKey(WelcomeStep, on_delete=models.CASCADE, related_name="emails")
    subscriber = models.ForeignKey("mailing.Subscriber", on_delete=models.CASCADE, related_name="welcome_emails")
    state = models.CharField(max_length=8, choices=State.choices, default=State.WAITING)
    claimed_until = models.DateTimeField(null=True, blank=True)
    outgoing = models.ForeignKey("email.OutgoingEmail", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["step", "subscriber"], name="welcome_once_per_step_and_subscriber"),
        ]
        indexes = [models.Index(fields=["state", "claimed_until"], name="welcome_waiting")]

    def __str__(self):
        return f"{self.step} → {self.subscriber_id} [{self.state}]"


S = WelcomeEmail.State
# waiting → queued (handed to the outbox) or skipped (left, suppressed, step switched off).
TRANSITIONS = {S.WAITING: (S.QUEUED, S.SKIPPED), S.QUEUED: (), S.SKIPPED: ()}


class RefusedMove(ValueError):
    pass


def move(rows, target, **changes) -> int:
    """The one write of WelcomeEmail.state: a conditional UPDATE of the rows allowed to reach
    `target`. Returns how many moved."""
    target = WelcomeEmail.State(target)
    sources = [state for state, targets in TRANSITIONS.items() if target in targets]
    if not sources:
        raise RefusedMove(f"No welcome email may move to {target}.")
    return rows.filter(state__in=sources).update(state=target, **changes)
