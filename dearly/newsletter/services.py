"""Every change to a broadcast happens here: the desk, `manage.py broadcast`, the worker and
tests call these. Reads are in dearly.newsletter.selectors; the sending itself in
dearly.newsletter.sending.

    b = create_broadcast(subject="…", body="Markdown…", segment="all")   # a draft
    update_draft(b, subject="…")               # while draft or scheduled
    send_test(b, "me@example.org")             # one email through the outbox, now
    draft_digest()                             # a draft of the answers published since the last issue
    schedule(b, send_at)  /  start_sending(b)  # later, or now
    pause(b); resume(b); cancel(b)             # at any point of a send
    retry_failed(b)                            # after it: the failed ones again

States (models.BROADCAST_TRANSITIONS): draft → scheduled → sending ⇄ paused → sent, or
cancelled from any unfinished state. Refused moves raise BroadcastStateError with a sentence
the desk can show.
"""

import secrets
from datetime import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from dearly.column import paywall
from dearly.email.models import OutgoingEmail, Suppression, address_key
from dearly.email.outbox import queue_email
from dearly.newsletter import rendering, selectors
from dearly.newsletter.models import Broadcast, Delivery, move_broadcast, move_deliveries

State = Broadcast.State
Segment = Broadcast.Segment
EDITABLE = (State.DRAFT, State.SCHEDULED)
DRAFT_FIELDS = {"subject", "body", "article", "segment", "segment_guide", "segment_topic", "segment_tier",
                "in_archive"}


class BroadcastStateError(ValueError):
    """The broadcast is not in a state that allows this (the message says why)."""


def _clean(fields: dict) -> dict:
    """Check a draft's fields; ValueError with a sentence for the desk when one is wrong."""
    subject = " ".join((fields.get("subject") or "").split())
    if not subject:
        raise ValueError("Give the issue a subject.")
    if len(subject) > 200:
        raise ValueError("Keep the subject under 200 characters.")
    fields["subject"] = subject
    fields["body"] = (fields.get("body") or "").replace("\r\n", "\n").replace("\r", "\n")
    article = fields.get("article")
    if not fields["body"].strip() and article is None:
        raise ValueError("Write the issue, or choose an article to send.")
    if article is not None and not article.is_visible():
        raise ValueError("Only a published article can be sent.")
    segment = fields.get("segment") or Segment.ALL
    if segment not in Segment.values:
        raise ValueError(f"Unknown segment: {segment!r}.")
    fields["segment"] = segment
    needed = {Segment.GUIDE: "segment_guide", Segment.TOPIC: "segment_topic", Segment.TIER: "segment_tier"}
    if segment in needed and fields.get(needed[segment]) is None:
        raise ValueError({Segment.GUIDE: "Choose the guide whose subscribers get it.",
                          Segment.TOPIC: "Choose the topic.", Segment.TIER: "Choose the tier."}[segment])
    for name in needed.values():  # only the chosen segment's choice is kept
        if needed.get(segment) != name:
            fields[name] = None
    return fields


def create_broadcast(*, subject: str, body: str = "", article=None, segment: str = Segment.ALL,
                     segment_guide=None, segment_topic=None, segment_tier=None, in_archive: bool = True,
                     created_by=None) -> Broadcast:
    """A new draft: written in Markdown (`body`), or an article (`article`, published; `body`
    then is an optional note above it), for a segment ("all", "guide" with segment_guide,
    "topic" with segment_topic, "members", "tier" with segment_tier). ValueError with a
    sentence for the desk when something is missing or wrong."""
    fields = _clean({"subject": subject, "body": body, "article": article, "segment": segment,
                     "segment_guide": segment_guide, "segment_topic": segment_topic,
                     "segment_tier": segment_tier})
    return Broadcast.objects.create(**fields, in_archive=in_archive, created_by=created_by)


@transaction.atomic
def update_draft(broadcast: Broadcast, **changes) -> Broadcast:
    """Change a draft's (or a scheduled broadcast's) subject, body, article, segment or
    in_archive. BroadcastStateError once it is sending or done; ValueError for bad fields."""
    unknown = set(changes) - DRAFT_FIELDS
    if unknown:
        raise TypeError(f"Not a draft's field: {', '.join(sorted(unknown))}.")
    current = Broadcast.objects.select_for_update().get(pk=broadcast.pk)
    if current.state not in EDITABLE:
        raise BroadcastStateError("This issue is no longer a draft; it cannot be changed.")
    fields = {name: getattr(current, name) for name in DRAFT_FIELDS}
    fields.update(changes)
    fields = _clean(fields)
    updated = Broadcast.objects.filter(pk=broadcast.pk, state__in=EDITABLE).update(**fields, updated_at=timezone.now())
    if not updated:
        raise BroadcastStateError("This issue is no longer a draft; it cannot be changed.")
    broadcast.refresh_from_db()
    return broadcast


def schedule(broadcast: Broadcast, send_at: datetime, *, now=None) -> Broadcast:
    """Send it at `send_at` (aware, in the future): the worker starts it then. Moving the time
    of a scheduled broadcast is allowed until it starts."""
    now = now or timezone.now()
    if timezone.is_naive(send_at):
        raise ValueError("Give the time with its time zone.")
    if send_at <= now:
        raise ValueError("Choose a time in the future, or send it now.")
    if broadcast.state == State.SCHEDULED:
        if Broadcast.objects.filter(pk=broadcast.pk, state=State.SCHEDULED).update(
                send_at=send_at, updated_at=now) != 1:
            raise BroadcastStateError("It has started already.")
        broadcast.refresh_from_db()
        return broadcast
    if not move_broadcast(broadcast, State.SCHEDULED, only_from=[State.DRAFT], send_at=send_at):
        raise BroadcastStateError("Only a draft can be scheduled.")
    return broadcast


def unschedule(broadcast: Broadcast) -> Broadcast:
    """Back to a draft before its time comes."""
    if not move_broadcast(broadcast, State.DRAFT, only_from=[State.SCHEDULED], send_at=None):
        raise BroadcastStateError("Only a scheduled issue that has not started can go back to draft.")
    return broadcast


def _entitled_emails(broadcast: Broadcast) -> set[str]:
    """Addresses of the members who may read the article's members-only text: the paywall's
    one function decides, for the member behind each address."""
    from dearly.members.models import Member

    article = broadcast.article
    members = Member.objects.filter(membership__isnull=False).select_related("user", "membership__tier")
    return {m.email.strip().lower() for m in members if paywall.can_read_in_full(m.user, article)}


def _make_deliveries(broadcast: Broadcast, now) -> int:
    """One delivery per recipient of the segment, in one INSERT … SELECT (50,000 rows in about
    a second; building them in Python took ten times that), then the exceptions in Python."""
    from django.db import connection

    people = selectors.segment_subscribers(broadcast).annotate(recipient=F("pk")).order_by("pk").values("recipient")
    select_sql, select_params = people.query.sql_with_params()
    table = connection.ops.quote_name(Delivery._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(Delivery._meta.get_field(name).column) for name in (
        "broadcast", "subscriber", "full_text", "state", "attempts", "next_attempt_at", "claim", "last_error",
        "permanent_failure"))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({columns}) SELECT %s, segment.recipient, %s, %s, 0, %s, '', '', %s "
            f"FROM ({select_sql}) segment WHERE true ON CONFLICT DO NOTHING",  # WHERE: SQLite reads ON as a join without it
            [broadcast.pk, False, str(Delivery.State.WAITING),
             Delivery._meta.get_field("next_attempt_at").get_db_prep_save(now, connection), False, *select_params])
    mine = Delivery.objects.filter(broadcast=broadcast)
    # Suppressions kept by fingerprint only (the address was erased since) match no email:
    # compare fingerprints, when there are any.
    fingerprints = set(Suppression.objects.filter(reason__in=Suppression.BLOCKS_SENDING, email="")
                       .values_list("address_key", flat=True))
    if fingerprints:
        blocked = [pk for pk, email in mine.values_list("pk", "subscriber__email") if address_key(email) in fingerprints]
        mine.filter(pk__in=blocked).delete()
    if broadcast.article_id and broadcast.article.is_members_only:
        entitled = _entitled_emails(broadcast)
        if entitled:
            mine.filter(subscriber__email__in=list(entitled)).update(full_text=True)
    return mine.count()


@transaction.atomic
def start_sending(broadcast: Broadcast, *, now=None) -> int:
    """Start sending now: render the email once, make one delivery per recipient of the segment
    (suppressed and unsubscribed people left out), and hand it to the worker. Returns how many
    deliveries were made. Idempotent: a broadcast already started makes none again."""
    now = now or timezone.now()
    current = Broadcast.objects.select_for_update().get(pk=broadcast.pk)
    if current.state not in EDITABLE:
        if current.state in (State.SENDING, State.PAUSED, State.SENT):
            broadcast.refresh_from_db()
            return 0
        raise BroadcastStateError("A cancelled issue cannot be sent.")
    rendered = rendering.render(current)
    made = _make_deliveries(current, now)
    if not move_broadcast(current, State.SENDING, only_from=EDITABLE, started_at=now, recipients=made,
                          **rendered):
        raise BroadcastStateError("It was started or cancelled meanwhile.")
    broadcast.refresh_from_db()
    return made


def pause(broadcast: Broadcast) -> Broadcast:
    """Stop sending after the messages in hand (a few at most); resume() carries on."""
    if not move_broadcast(broadcast, State.PAUSED, only_from=[State.SENDING]):
        raise BroadcastStateError("Only an issue that is being sent can be paused.")
    return broadcast


def resume(broadcast: Broadcast) -> Broadcast:
    """Carry on sending a paused broadcast where it stopped."""
    if not move_broadcast(broadcast, State.SENDING, only_from=[State.PAUSED]):
        raise BroadcastStateError("Only a paused issue can be resumed.")
    return broadcast


@transaction.atomic
def cancel(broadcast: Broadcast) -> int:
    """Stop for good: nobody not yet sent to gets it (a draft or a scheduled issue is simply
    never sent). Returns how many deliveries were cancelled. Messages a worker is sending at this
    moment (a few at most) may still go; the worker cancels the rest of its chunk."""
    if not move_broadcast(broadcast, State.CANCELLED,
                          only_from=[State.DRAFT, State.SCHEDULED, State.SENDING, State.PAUSED],
                          finished_at=timezone.now()):
        raise BroadcastStateError("It has been sent or cancelled already.")
    return move_deliveries(Delivery.objects.filter(broadcast=broadcast, state__in=Delivery.DUE_STATES),
                           Delivery.State.CANCELLED, last_error="The issue was cancelled.")


@transaction.atomic
def retry_failed(broadcast: Broadcast) -> int:
    """Send the failed deliveries again (not to addresses suppressed since: they are skipped
    when their turn comes). Returns how many will be tried."""
    current = Broadcast.objects.select_for_update().get(pk=broadcast.pk)
    if current.state not in (State.SENDING, State.PAUSED, State.SENT):
        raise BroadcastStateError("Only an issue that has been sent can retry its failed deliveries.")
    count = move_deliveries(Delivery.objects.filter(broadcast=current, state=Delivery.State.FAILED),
                            Delivery.State.WAITING, attempts=0, permanent_failure=False, last_error="",
                            next_attempt_at=timezone.now())
    if count and current.state == State.SENT:
        move_broadcast(current, State.SENDING, only_from=[State.SENT], finished_at=None)
    broadcast.refresh_from_db()
    return count


def send_test(broadcast: Broadcast, to_address: str, *, variant: str = "full") -> OutgoingEmail:
    """Email the issue as it stands to one address (the expert's), now, through the outbox: the
    worker sends it within seconds. `variant` "full" or "teaser" (what non-members get of a
    members-only article). Each call sends one more test. ValueError for a bad address."""
    if variant not in ("full", "teaser"):
        raise ValueError("variant is 'full' or 'teaser'.")
    body_html, body_text = rendering.bodies(broadcast)[variant]
    label = "the whole text" if variant == "full" else "what non-members get"
    return queue_email(
        to=to_address, purpose=f"newsletter-test:{broadcast.pk}:{secrets.token_hex(6)}",
        template="newsletter/email/test_send",
        context={"subject": broadcast.subject, "body_html": body_html, "body_text": body_text,
                 "variant_label": label},
    )


def draft_digest(*, created_by=None, now=None) -> Broadcast:
    """A draft listing the answers published since the last issue went out (since the oldest
    published one, before the first issue): each title linked to its page, with its excerpt.
    The expert edits it like any draft. ValueError when nothing new has been published."""
    from django.conf import settings

    from dearly.column.models import Article

    now = now or timezone.now()
    last = (Broadcast.objects.filter(state=State.SENT, started_at__isnull=False)
            .order_by("-started_at").values_list("started_at", flat=True).first())
    articles = Article.objects.visible(now).order_by("published_at", "id")
    if last is not None:
        articles = articles.filter(published_at__gt=last)
    articles = list(articles[:20])
    if not articles:
        raise ValueError("Nothing has been published since the last issue.")
    lines = ["New answers since the last issue:", ""]
    for article in articles:
        title = article.title.replace("[", "(").replace("]", ")")
        lines += [f"## [{title}]({settings.SITE_URL}{article.get_absolute_url()})", "", article.excerpt, ""]
    subject = f"New answers: {articles[-1].title}" if len(articles) == 1 else f"{len(articles)} new answers"
    return create_broadcast(subject=subject[:200], body="\n".join(lines).strip() + "\n", created_by=created_by)


def start_due(now=None) -> list[int]:
    """Start every scheduled broadcast whose time has come (the worker's loop calls this each
    tick). Returns the ids started. Safe in any number of workers: start_sending locks the row
    and moves it once."""
    now = now or timezone.now()
    started = []
    for pk in Broadcast.objects.filter(state=State.SCHEDULED, send_at__lte=now).values_list("pk", flat=True):
        broadcast = Broadcast.objects.get(pk=pk)
        try:
            if start_sending(broadcast, now=now) or broadcast.state == State.SENDING:
                started.append(pk)
        except BroadcastStateError:
            continue
    return started
