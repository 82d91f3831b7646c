"""Outgoing email: one row per email (OutgoingEmail), the suppression list, the demo mailbox.

Every change of an email's state goes through `move()`, a conditional UPDATE that only
TRANSITIONS allows. The tables keep their names from when they lived in dearly.mailing
(migrations moved the models without touching the data).
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac


def normalize_email(address: str) -> str:
    """One spelling per mailbox: trimmed and lower-cased (providers treat local parts that way)."""
    return (address or "").strip().lower()


def address_key(address: str) -> str:
    """A keyed, one-way fingerprint of an address.

    Lets the outbox's unique (address, purpose) and the suppression list keep working after an
    address has been erased. It is keyed with SECRET_KEY: rotating the key forgets the
    fingerprints (a second email for an old purpose becomes possible; suppressions by
    fingerprint alone stop matching). The salt keeps its old name: stored keys stay valid.
    """
    return salted_hmac("dearly.mailing.address", normalize_email(address), algorithm="sha256").hexdigest()


class Suppression(models.Model):
    """An address that must not be mailed (bounced, complained, failing) or re-imported (erased)."""

    class Reason(models.TextChoices):
        BOUNCED = "bounced", "Bounced"
        COMPLAINED = "complained", "Marked as spam"
        REJECTED = "rejected", "Rejected by the email provider"
        HARD_FAILURES = "hard_failures", "Repeated permanent delivery failures"
        MANUAL = "manual", "Suppressed by the desk"
        ERASED = "erased", "Deleted at their request"

    # An erased person's fingerprint still blocks re-imports, but a fresh double opt-in from
    # the person themselves may bring them back; these reasons block every email, forever.
    BLOCKS_SENDING = (Reason.BOUNCED, Reason.COMPLAINED, Reason.REJECTED, Reason.HARD_FAILURES, Reason.MANUAL)

    address_key = models.CharField(max_length=64, unique=True)
    email = models.EmailField(max_length=254, blank=True, help_text="Empty when erased.")
    reason = models.CharField(max_length=16, choices=Reason.choices)
    detail = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "mailing_suppression"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email or '(erased)'}: {self.get_reason_display()}"


class OutgoingEmail(models.Model):
    """One email to one address for one purpose: rendered when queued, sent by the outbox.

    How it may move is TRANSITIONS below; `move()` is the one write of `state`.
    """

    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENDING = "sending", "Sending"
        RETRYING = "retrying", "Waiting to retry"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        CANCELLED = "cancelled", "Cancelled"

    DUE_STATES = (State.QUEUED, State.RETRYING)

    to = models.EmailField(max_length=254, blank=True, help_text="Erased after sending when forget_address.")
    recipient_key = models.CharField(max_length=64)
    purpose = models.CharField(max_length=200)
    # The mailing list's subscriber this is a list email to (unsubscribe link, footer). Named,
    # not imported: the email app never imports the mailing list.
    subscriber = models.ForeignKey("mailing.Subscriber", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="emails")
    forget_address = models.BooleanField(default=False)
    template = models.CharField(max_length=200)
    from_email = models.CharField(max_length=254)
    subject = models.CharField(max_length=300)
    body_text = models.TextField()
    body_html = models.TextField()
    headers = models.JSONField(default=dict)
    message_id = models.CharField(max_length=200)

    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    claim = models.CharField(max_length=32, blank=True, help_text="Who holds the lease.")
    last_error = models.TextField(blank=True, help_text="Never an address: scrubbed before it is kept.")
    permanent_failure = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "mailing_outgoingemail"
        ordering = ["-created_at", "-id"]
        constraints = [
            # The idempotency key: whatever calls queue_email twice, one row, one email.
            models.UniqueConstraint(fields=["recipient_key", "purpose"], name="mailing_email_once_per_purpose"),
        ]
        indexes = [
            models.Index(fields=["state", "next_attempt_at"], name="mailing_outbox_due"),
            models.Index(fields=["state", "lease_expires_at"], name="mailing_outbox_leases"),
        ]

    def __str__(self):
        return f"{self.purpose} → {self.to or '(erased)'} [{self.state}]"

    @classmethod
    def due(cls, now):
        """Rows a sender may claim now: due ones, and ones whose sender's lease ran out."""
        return cls.objects.filter(
            Q(state__in=cls.DUE_STATES, next_attempt_at__lte=now)
            | Q(state=cls.State.SENDING, lease_expires_at__lt=now)
        )


S = OutgoingEmail.State
# The one place that says how an email may move; move() refuses everything else.
# queued → sending → sent; sending → retrying → sending … (a transient failure); sending →
# failed (a permanent failure, or attempts exhausted); sending → sending (a sender's lease ran
# out and another takes it); queued/retrying/sending → cancelled (suppressed, left, erased,
# before it went out). Sent, failed and cancelled are final.
TRANSITIONS: dict[OutgoingEmail.State, tuple[OutgoingEmail.State, ...]] = {
    S.QUEUED: (S.SENDING, S.CANCELLED),
    S.RETRYING: (S.SENDING, S.CANCELLED),
    S.SENDING: (S.SENDING, S.SENT, S.RETRYING, S.FAILED, S.CANCELLED),
    S.SENT: (),
    S.FAILED: (),
    S.CANCELLED: (),
}


class RefusedMove(ValueError):
    """A state change TRANSITIONS does not allow."""


def move(rows, target: OutgoingEmail.State, **changes) -> int:
    """The one write of OutgoingEmail.state: move the rows of the queryset `rows` that are in a
    state allowed to reach `target`, with `changes`, in one conditional UPDATE. Returns how many
    moved (0 when another process moved them first). Rows in other states are left alone;
    asking for a move no state allows raises RefusedMove."""
    target = OutgoingEmail.State(target)
    sources = [state for state, targets in TRANSITIONS.items() if target in targets]
    if not sources:
        raise RefusedMove(f"No email may move to {target}.")
    if "state" in changes:
        raise RefusedMove("Pass the target state as `target`.")
    return rows.filter(state__in=sources).update(state=target, **changes)


class MailboxMessage(models.Model):
    """An email kept by the mailbox:// backend instead of being sent, readable in the desk."""

    to = models.TextField()
    from_email = models.CharField(max_length=254)
    subject = models.CharField(max_length=300)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    headers = models.JSONField(default=dict)
    raw = models.TextField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        db_table = "mailing_mailboxmessage"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.subject} → {self.to}"
