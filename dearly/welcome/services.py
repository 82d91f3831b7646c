"""Every write of the welcome sequence: the desk saves steps here, the worker's chore sends.

When is a step sent? `step.day` days after the person confirmed (Subscriber.confirmed_at),
by the chore `welcome.send-due` (every minute, dearly/work). Nothing is back-dated: a step goes
to a person only if their day for it comes at or after both
  - the moment the step was switched on (WelcomeStep.active_since), and
  - the moment the person came onto the list here (Subscriber.created_at: an import with an
    older consent date starts nobody's sequence in the past).
So a day-7 step written today reaches someone who confirmed three days ago in four days, and
never the people who confirmed a month ago. A worker that was down sends what fell due
meanwhile late, once, up to LATE_LIMIT late; a step more overdue than that is not sent (a
"welcome" weeks late reads oddly, and the limit keeps the chore's look-up to recent joiners).

Once per (step, subscriber): the WelcomeEmail row is unique; it is claimed by a conditional
UPDATE (a lease), and the outbox email is queued and the row marked queued in one transaction,
with an outbox purpose that cannot repeat either. People who left, who no longer want the
newsletter, or whose address is suppressed are skipped, now and for every later step.
"""

import secrets
from datetime import timedelta

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from dearly.email.suppressions import is_suppressed
from dearly.mailing import outbox
from dearly.mailing.models import Subscriber
from dearly.mailing.services import greeting_name
from dearly.welcome.models import WelcomeEmail, WelcomeStep, move

State = WelcomeEmail.State
BATCH = 1000
LEASE = timedelta(minutes=10)
LATE_LIMIT = timedelta(days=7)
TEMPLATE = "welcome/email/step"
TEST_TEMPLATE = "welcome/email/test_step"


# The desk ---------------------------------------------------------------------------------

@transaction.atomic
def save_step(step: WelcomeStep, *, now=None) -> WelcomeStep:
    """Save a step written in the desk. Switching it on (or writing a new one) starts it from
    now: only people whose day for it is still ahead will get it."""
    now = now or timezone.now()
    was_active = (WelcomeStep.objects.filter(pk=step.pk).values_list("is_active", flat=True).first()
                  if step.pk else None)
    if step.is_active and not was_active:
        step.active_since = now
    step.save()
    return step


def send_test(step: WelcomeStep, to_address: str, *, name: str = ""):
    """Email the step as it stands to one address (the expert's), through the outbox: the worker
    sends it within seconds, switched on or not. Each call sends one more test, and no reader
    is counted as having had the step. `name` greets as a reader's name would. ValueError for a
    bad address."""
    return outbox.queue_email(
        to=to_address, purpose=f"welcome-test:{step.pk}:{secrets.token_hex(6)}", template=TEST_TEMPLATE,
        context={"step": step, "name": greeting_name(name)},
    )


# The chore --------------------------------------------------------------------------------

def eligible_subscribers(step: WelcomeStep, now):
    """People whose day for `step` has come, who should get it, and have no row for it yet."""
    days = timedelta(days=step.day)
    return (
        Subscriber.objects.filter(
            status=Subscriber.Status.SUBSCRIBED, wants_newsletter=True, confirmed_at__isnull=False,
            confirmed_at__lte=now - days, confirmed_at__gte=max(step.active_since, now - LATE_LIMIT) - days,
        )
        .filter(confirmed_at__gte=F("created_at") - days)
        .exclude(welcome_emails__step=step)
    )


def send_due(now=None) -> dict:
    """The chore: create the rows for steps that fell due, then queue their emails."""
    now = now or timezone.now()
    for step in WelcomeStep.objects.filter(is_active=True):
        ids = list(eligible_subscribers(step, now).order_by("confirmed_at").values_list("pk", flat=True)[:BATCH])
        WelcomeEmail.objects.bulk_create(
            [WelcomeEmail(step=step, subscriber_id=pk, created_at=now) for pk in ids], ignore_conflicts=True)
    counts = {"queued": 0, "skipped": 0}
    waiting = (WelcomeEmail.objects.filter(state=State.WAITING)
               .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
               .order_by("id").values_list("pk", flat=True)[:BATCH])
    for pk in list(waiting):
        outcome = hand_over(pk, now)
        if outcome:
            counts[outcome] += 1
    return counts


def _claim(pk: int, now):
    """Take the row for a while, if it is still waiting and nobody holds it: the UPDATE is the lock.
    The lease's end, made unique by a few random microseconds, is the claim's token."""
    until = now + LEASE + timedelta(microseconds=secrets.randbelow(1_000_000))
    taken = WelcomeEmail.objects.filter(pk=pk, state=State.WAITING).filter(
        Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)).update(claimed_until=until)
    return until if taken == 1 else None


def _reason_to_skip(row: WelcomeEmail) -> str:
    subscriber = row.subscriber
    if not row.step.is_active:
        return "The step was switched off."
    if subscriber.status != Subscriber.Status.SUBSCRIBED or not subscriber.wants_newsletter:
        return "The person left or no longer wants the newsletter."
    if is_suppressed(subscriber.email):
        return "The address is suppressed."
    return ""


def hand_over(pk: int, now) -> str:
    """Queue one waiting row's email through the outbox and mark the row: 'queued', 'skipped',
    or '' when another worker holds it."""
    token = _claim(pk, now)
    if token is None:
        return ""
    with transaction.atomic():
        row = WelcomeEmail.objects.select_related("step", "subscriber").get(pk=pk)
        mine = WelcomeEmail.objects.filter(pk=pk, claimed_until=token)
        if _reason_to_skip(row):
            return "skipped" if move(mine, State.SKIPPED, handled_at=now, claimed_until=None) else ""
        email = queue_step(row.step, row.subscriber)
        return "queued" if move(mine, State.QUEUED, outgoing=email, handled_at=now, claimed_until=None) else ""


def queue_step(step: WelcomeStep, subscriber: Subscriber, *, purpose: str = ""):
    """The outbox email for one step to one subscriber (a list email: unsubscribe headers and footer)."""
    return outbox.queue_email(
        to=subscriber.email,
        purpose=purpose or f"welcome:{step.pk}",
        template=TEMPLATE,
        context={"step": step, "name": greeting_name(subscriber.name)},
        subscriber=subscriber,
    )
