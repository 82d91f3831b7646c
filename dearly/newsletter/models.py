"""Broadcasts (one newsletter issue to a segment of the list) and their deliveries.

Both have explicit state machines: TRANSITIONS below, and one conditional-update function each
(`move_broadcast`, `move_deliveries`) through which every change of state goes. Writes are made
by dearly.newsletter.services (the desk's API) and dearly.newsletter.sending (the worker).
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone


class Broadcast(models.Model):
    """One newsletter issue: written in Markdown or started from a published article, sent to a
    segment, now or at `send_at`. The body is rendered once, when sending starts."""

    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        SCHEDULED = "scheduled", "Scheduled"
        SENDING = "sending", "Sending"
        PAUSED = "paused", "Paused"
        SENT = "sent", "Sent"
        CANCELLED = "cancelled", "Cancelled"

    class Segment(models.TextChoices):
        ALL = "all", "All confirmed subscribers"
        GUIDE = "guide", "Subscribers of one guide"
        TOPIC = "topic", "Subscribers who chose a topic"
        MEMBERS = "members", "Subscribers who are members"
        TIER = "tier", "Subscribers who are members of one tier"

    subject = models.CharField(max_length=200)
    body = models.TextField(blank=True, help_text="Markdown. For an article, an optional note above it.")
    article = models.ForeignKey("column.Article", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="broadcasts", help_text="Send this published article.")
    segment = models.CharField(max_length=10, choices=Segment.choices, default=Segment.ALL)
    segment_guide = models.ForeignKey("mailing.Guide", null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="+")
    segment_topic = models.ForeignKey("column.Topic", null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="+")
    segment_tier = models.ForeignKey("members.Tier", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    in_archive = models.BooleanField(default=True, help_text="Also a page in the web archive of issues.")

    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    send_at = models.DateTimeField(null=True, blank=True, help_text="When a scheduled broadcast starts.")
    created_by = models.ForeignKey("auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    # Rendered once when sending starts (services.start_sending); per recipient only the
    # unsubscribe and preferences links change. "full" goes to readers entitled to the whole
    # article (the paywall decides), "teaser" to everyone else; for a written issue both are
    # the same text.
    html_full = models.TextField(blank=True, editable=False)
    text_full = models.TextField(blank=True, editable=False)
    html_teaser = models.TextField(blank=True, editable=False)
    text_teaser = models.TextField(blank=True, editable=False)
    recipients = models.PositiveIntegerField(default=0, help_text="Deliveries made when sending started.")

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "send_at"], name="newsletter_broadcast_due")]

    def __str__(self):
        return f"{self.subject} [{self.state}]"


class Delivery(models.Model):
    """One broadcast to one subscriber: made when sending starts, unique per pair, so a person
    can get an issue at most once however often anything is run again."""

    class State(models.TextChoices):
        WAITING = "waiting", "Waiting"
        SENDING = "sending", "Being sent"
        RETRYING = "retrying", "Waiting to retry"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        SKIPPED = "skipped", "Left out (unsubscribed or suppressed since)"
        CANCELLED = "cancelled", "Cancelled"

    DUE_STATES = (State.WAITING, State.RETRYING)
    OPEN_STATES = (State.WAITING, State.SENDING, State.RETRYING)

    broadcast = models.ForeignKey(Broadcast, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey("mailing.Subscriber", null=True, on_delete=models.SET_NULL, related_name="+")
    full_text = models.BooleanField(default=False, help_text="Entitled to the members-only text.")
    state = models.CharField(max_length=10, choices=State.choices, default=State.WAITING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claim = models.CharField(max_length=32, blank=True, help_text="Who holds the lease.")
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True, help_text="Never an address.")
    permanent_failure = models.BooleanField(default=False)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["broadcast", "subscriber"], name="newsletter_delivery_once"),
        ]
        indexes = [
            # Claims, and the progress counts the desk polls (an index-only count per state).
            models.Index(fields=["broadcast", "state", "next_attempt_at"], name="newsletter_delivery_due"),
            models.Index(fields=["state", "lease_expires_at"], name="newsletter_delivery_leases"),
            # The rate shown while sending, and the hourly limit.
            models.Index(fields=["sent_at"], name="newsletter_delivery_sent_at"),
        ]

    def __str__(self):
        return f"{self.broadcast_id} → {self.subscriber_id} [{self.state}]"

    @classmethod
    def due(cls, now):
        """Rows a sender may claim now: due ones, and ones whose sender's lease ran out."""
        return cls.objects.filter(
            Q(state__in=cls.DUE_STATES, next_attempt_at__lte=now)
            | Q(state=cls.State.SENDING, lease_expires_at__lt=now)
        )


class Throttle(models.Model):
    """The one row sending reserves its time slots in, when NEWSLETTER_RATE_PER_SECOND is set:
    every worker, on every machine, takes its next chunk's slots under this row's lock."""

    name = models.CharField(max_length=40, unique=True)
    next_free_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.name}: free at {self.next_free_at}"


B = Broadcast.State
# How a broadcast may move; move_broadcast() refuses everything else.
# draft → scheduled (a time is set) → draft (unscheduled); draft/scheduled → sending (deliveries
# made); sending ⇄ paused; sending → sent when no delivery is open; sent → sending again only to
# retry failed deliveries; anything not finished → cancelled.
BROADCAST_TRANSITIONS: dict[Broadcast.State, tuple[Broadcast.State, ...]] = {
    B.DRAFT: (B.SCHEDULED, B.SENDING, B.CANCELLED),
    B.SCHEDULED: (B.DRAFT, B.SENDING, B.CANCELLED),
    B.SENDING: (B.PAUSED, B.SENT, B.CANCELLED),
    B.PAUSED: (B.SENDING, B.CANCELLED),
    B.SENT: (B.SENDING,),
    B.CANCELLED: (),
}

D = Delivery.State
# How a delivery may move; move_deliveries() refuses everything else.
# waiting/retrying → sending (claimed with a lease) → sent | retrying (transient failure, with
# backoff) | failed (permanent, or attempts used up) | skipped (left or suppressed since it was
# made) | cancelled (the broadcast was) | waiting (released unsent: paused, or the server went
# away before it was tried) | sending (the lease ran out and another sender took it);
# failed → waiting (the desk retries the failed ones). Sent, skipped and cancelled are final.
DELIVERY_TRANSITIONS: dict[Delivery.State, tuple[Delivery.State, ...]] = {
    D.WAITING: (D.SENDING, D.SKIPPED, D.CANCELLED),
    D.RETRYING: (D.SENDING, D.SKIPPED, D.CANCELLED),
    D.SENDING: (D.SENDING, D.SENT, D.RETRYING, D.FAILED, D.SKIPPED, D.CANCELLED, D.WAITING),
    D.FAILED: (D.WAITING,),
    D.SENT: (),
    D.SKIPPED: (),
    D.CANCELLED: (),
}
TRANSITIONS = BROADCAST_TRANSITIONS  # the name every app's state machine has


class RefusedMove(ValueError):
    """A state change the TRANSITIONS do not allow."""


def _move(rows, transitions, state_enum, target, changes) -> int:
    target = state_enum(target)
    sources = [state for state, targets in transitions.items() if target in targets]
    if not sources:
        raise RefusedMove(f"Nothing may move to {target}.")
    if "state" in changes:
        raise RefusedMove("Pass the target state as `target`.")
    return rows.filter(state__in=sources).update(state=target, **changes)


def move_broadcast(broadcast: Broadcast, target: Broadcast.State, *, only_from=None, **changes) -> bool:
    """The one write of Broadcast.state: a conditional UPDATE of this broadcast from a state
    allowed to reach `target` (and in `only_from`, when given). True when it moved; False when
    it was not in such a state (another process moved it first). Refreshes `broadcast`.
    Asking for a move TRANSITIONS do not list (from `only_from`, or from anywhere) raises
    RefusedMove."""
    rows = Broadcast.objects.filter(pk=broadcast.pk)
    if only_from is not None:
        if wrong := [s for s in only_from if Broadcast.State(target) not in BROADCAST_TRANSITIONS[Broadcast.State(s)]]:
            raise RefusedMove(f"A broadcast may not move from {', '.join(wrong)} to {target}.")
        rows = rows.filter(state__in=list(only_from))
    moved = _move(rows, BROADCAST_TRANSITIONS, Broadcast.State, target,
                  {"updated_at": timezone.now(), **changes})
    broadcast.refresh_from_db()
    return moved == 1


def move_deliveries(rows, target: Delivery.State, **changes) -> int:
    """The one write of Delivery.state: move the rows of the queryset `rows` that are in a state
    allowed to reach `target`, with `changes`, in one conditional UPDATE. Returns how many moved.

    A `rows` that is a (pk, claim) pair instead of a queryset takes the fast path the sender
    uses once per message: the same conditional UPDATE of a claimed row (still `sending`, still
    held by this claim, and allowed to reach `target` from there), written as plain SQL, since building a queryset costs more than the
    statement itself (about 300 µs against 20 µs)."""
    if isinstance(rows, tuple):
        return _move_claimed(*rows, Delivery.State(target), changes)
    return _move(rows, DELIVERY_TRANSITIONS, Delivery.State, target, changes)


def _move_claimed(pk: int, claim: str, target: Delivery.State, changes: dict) -> int:
    from django.db import connection

    # A claimed row is `sending`: only moves from there are allowed on this path.
    if target not in DELIVERY_TRANSITIONS[Delivery.State.SENDING]:
        raise RefusedMove(f"A delivery being sent may not move to {target}.")
    if "state" in changes:
        raise RefusedMove("Pass the target state as `target`.")
    meta = Delivery._meta
    columns, values = [meta.get_field("state").column], [str(target)]
    for name, value in changes.items():
        field = meta.get_field(name)
        columns.append(field.column)
        values.append(field.get_db_prep_save(value, connection))
    assignments = ", ".join(f"{connection.ops.quote_name(c)} = %s" for c in columns)
    sql = (f"UPDATE {connection.ops.quote_name(meta.db_table)} SET {assignments} "
           f"WHERE id = %s AND claim = %s AND state = %s")
    with connection.cursor() as cursor:
        cursor.execute(sql, [*values, pk, claim, str(Delivery.State.SENDING)])
        return cursor.rowcount
