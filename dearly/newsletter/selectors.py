"""Reads about broadcasts: who a segment reaches, how a send is going, why deliveries failed.

All are cheap enough for the desk to poll: progress() is one grouped count over the
(broadcast, state, next_attempt_at) index and one count over sent_at.
"""

from datetime import timedelta

from django.db.models import Count
from django.utils import timezone

from dearly.email.models import Suppression
from dearly.mailing.models import SignUp, Subscriber
from dearly.newsletter.models import Broadcast, Delivery

Segment = Broadcast.Segment
RATE_WINDOW = timedelta(seconds=30)


def _segment_fields(segment, guide, topic, tier) -> tuple[str, object, object, object]:
    if isinstance(segment, Broadcast):
        return segment.segment, segment.segment_guide, segment.segment_topic, segment.segment_tier
    return segment, guide, topic, tier


def active_member_emails(tier=None) -> set[str]:
    """Addresses of members whose membership is active now (of `tier`, when given)."""
    from dearly.members.models import Membership

    now = timezone.now()
    memberships = Membership.objects.select_related("member", "tier")
    if tier is not None:
        memberships = memberships.filter(tier=tier)
    return {m.member.email.strip().lower() for m in memberships if m.is_active(now)}


def segment_subscribers(segment="all", *, guide=None, topic=None, tier=None):
    """The subscribers a segment reaches: confirmed, wanting the newsletter, not suppressed, and
    (by segment) who confirmed a sign-up for `guide`, chose `topic`, are members, or are members
    of `tier`. `segment` may also be a Broadcast, whose segment fields are used."""
    segment, guide, topic, tier = _segment_fields(segment, guide, topic, tier)
    people = Subscriber.objects.filter(status=Subscriber.Status.SUBSCRIBED, wants_newsletter=True).exclude(
        email__in=Suppression.objects.filter(reason__in=Suppression.BLOCKS_SENDING).exclude(email="")
        .values("email"))
    if segment == Segment.ALL:
        return people
    if segment == Segment.GUIDE:
        if guide is None:
            raise ValueError("Choose the guide whose subscribers get it.")
        return people.filter(pk__in=SignUp.objects.filter(guide=guide, state=SignUp.State.CONFIRMED)
                             .values("subscriber_id"))
    if segment == Segment.TOPIC:
        if topic is None:
            raise ValueError("Choose the topic.")
        return people.filter(topics=topic)
    if segment == Segment.MEMBERS:
        return people.filter(email__in=active_member_emails())
    if segment == Segment.TIER:
        if tier is None:
            raise ValueError("Choose the tier.")
        return people.filter(email__in=active_member_emails(tier))
    raise ValueError(f"Unknown segment: {segment!r}.")


def recipients_count(segment="all", *, guide=None, topic=None, tier=None) -> int:
    """How many people a segment reaches today (see segment_subscribers; a Broadcast works too).
    Once a broadcast is sending, its own count is progress(broadcast)["total"]."""
    return segment_subscribers(segment, guide=guide, topic=topic, tier=tier).count()


def state_counts(broadcast: Broadcast) -> dict[str, int]:
    """Deliveries per state: one grouped count over the index."""
    counts = {state: 0 for state in Delivery.State.values}
    for row in Delivery.objects.filter(broadcast=broadcast).values("state").annotate(n=Count("id")).order_by():
        counts[row["state"]] = row["n"]
    return counts


def progress(broadcast: Broadcast, *, now=None) -> dict:
    """What the desk's bar and the terminal show:

    {"state", "total", "sent", "failed", "skipped", "cancelled", "waiting" (not yet sent:
    waiting, retrying and being sent), "retrying", "done" (0–1, finished/total), "rate"
    (messages a second over the last 30 s), "time_left" (seconds at that rate; None when
    unknown), "started_at", "finished_at"}."""
    now = now or timezone.now()
    broadcast.refresh_from_db(fields=["state", "started_at", "finished_at", "recipients"])
    counts = state_counts(broadcast)
    S = Delivery.State
    waiting = counts[S.WAITING] + counts[S.SENDING] + counts[S.RETRYING]
    total = sum(counts.values())
    finished = total - waiting
    rate = 0.0
    if broadcast.state == Broadcast.State.SENDING and broadcast.started_at:
        window_start = max(now - RATE_WINDOW, broadcast.started_at)
        seconds = (now - window_start).total_seconds()
        recent = Delivery.objects.filter(broadcast=broadcast, sent_at__gt=window_start).count()
        rate = recent / seconds if seconds > 0.5 else 0.0
    return {
        "state": broadcast.state,
        "total": total,
        "sent": counts[S.SENT],
        "failed": counts[S.FAILED],
        "skipped": counts[S.SKIPPED],
        "cancelled": counts[S.CANCELLED],
        "waiting": waiting,
        "retrying": counts[S.RETRYING],
        "done": finished / total if total else (1.0 if broadcast.state == Broadcast.State.SENT else 0.0),
        "rate": round(rate, 1),
        "time_left": round(waiting / rate) if rate > 0 else (0 if not waiting and total else None),
        "started_at": broadcast.started_at,
        "finished_at": broadcast.finished_at,
    }


def failures_by_reason(broadcast: Broadcast) -> list[tuple[str, int]]:
    """Failed deliveries grouped by their kept reason (a code and a generic text, never an
    address), most frequent first."""
    rows = (Delivery.objects.filter(broadcast=broadcast, state=Delivery.State.FAILED)
            .values("last_error").annotate(n=Count("id")).order_by("-n", "last_error"))
    return [(row["last_error"] or "Unknown", row["n"]) for row in rows]


def preview(broadcast: Broadcast, variant: str = "full") -> dict[str, str]:
    """The email as a recipient sees it, for the desk's preview: {"subject", "html", "text"}.
    `variant` "full" (entitled readers) or "teaser" (everyone else, for a members-only article).
    The footer's links are shown as the site's address (each recipient gets their own)."""
    from django.conf import settings

    from dearly.newsletter import rendering

    if variant not in ("full", "teaser"):
        raise ValueError("variant is 'full' or 'teaser'.")
    parts = rendering.render(broadcast)
    links = {"unsubscribe_url": settings.SITE_URL + "/", "preferences_url": settings.SITE_URL + "/"}
    return {
        "subject": broadcast.subject,
        "html": rendering.personalize(parts[f"html_{variant}"], **links),
        "text": rendering.personalize(parts[f"text_{variant}"], **links),
    }


def broadcasts_for_desk():
    """Every broadcast, newest first, for the desk's list."""
    return Broadcast.objects.select_related("article", "segment_guide", "segment_topic", "segment_tier")


def archived_issues():
    """Sent broadcasts the expert kept in the web archive, newest first (show each with
    archive_body(), never with html_full)."""
    return Broadcast.objects.filter(state=Broadcast.State.SENT, in_archive=True).order_by("-started_at", "-id")


def archive_body(broadcast: Broadcast) -> str:
    """An issue's body as a page of the web archive shows it: sanitized HTML, without the email
    around it, and only what anyone may read (an article's teaser when it is members-only)."""
    from dearly.newsletter import rendering

    return rendering.bodies(broadcast)["teaser"][0]
