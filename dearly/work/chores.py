"""Periodic chores: each app registers its own in AppConfig.ready(); `manage.py work` runs them.

    from dearly.work import chores
    chores.register("letters.purge", timedelta(days=1), purge)   # purge(now) runs once a day

A chore runs once soon after it is first registered, then every `every`, whether or not any
email is sent, on whichever worker claims it first (dearly.work.models.Chore). A chore that
fails is tried again after at most RETRY_AFTER; its error is kept in Chore.last_error.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.db import InterfaceError, OperationalError
from django.db.models import F, Q
from django.utils import timezone

from dearly.email.errors import scrub
from dearly.work.models import Chore

logger = logging.getLogger(__name__)

LEASE = timedelta(minutes=30)  # longer than any chore takes; a dead worker's claim ends then
RETRY_AFTER = timedelta(minutes=15)
TASK_RESULTS_KEPT = timedelta(days=7)


@dataclass(frozen=True)
class Registered:
    name: str
    every: timedelta
    run: object


REGISTRY: dict[str, Registered] = {}


def register(name: str, every: timedelta, run) -> None:
    REGISTRY[name] = Registered(name, every, run)


def _ensure_rows(now) -> None:
    known = set(Chore.objects.values_list("name", flat=True))
    missing = [Chore(name=c.name, interval=c.every, next_run_at=now) for c in REGISTRY.values() if c.name not in known]
    if missing:
        Chore.objects.bulk_create(missing, ignore_conflicts=True)


def claim(name: str, now) -> bool:
    """Take the chore for this run if it is due and nobody holds it: the UPDATE is the lock."""
    return Chore.objects.filter(name=name, next_run_at__lte=now).filter(
        Q(claimed_until__isnull=True) | Q(claimed_until__lte=now)
    ).update(claimed_until=now + LEASE) == 1


def run_due(now=None) -> list[str]:
    """Run every registered chore that is due and that this worker manages to claim. Returns
    the names of those it ran."""
    now = now or timezone.now()
    _ensure_rows(now)
    due = Chore.objects.filter(name__in=list(REGISTRY), next_run_at__lte=now).filter(
        Q(claimed_until__isnull=True) | Q(claimed_until__lte=now)).values_list("name", flat=True)
    ran = []
    for name in list(due):
        chore = REGISTRY[name]
        if not claim(name, now):
            continue  # another worker took it
        try:
            result = chore.run(now)
        except Exception as exc:
            if isinstance(exc, OperationalError | InterfaceError):
                raise  # the loop reconnects; the claim runs out and the chore runs again
            logger.exception("chore %s failed", name)
            Chore.objects.filter(name=name).update(
                claimed_until=None, last_run_at=now, next_run_at=now + min(chore.every, RETRY_AFTER),
                last_error=scrub(f"{type(exc).__name__}: {exc}")[:2000], interval=chore.every)
        else:
            logger.info("chore %s done: %s", name, result)

            Chore.objects.filter(name=name).update(
                claimed_until=None, last_run_at=now, next_run_at=now + chore.every, last_error="",
                interval=chore.every, runs=F("runs") + 1)
        ran.append(name)
    return ran


def prune_task_results(now) -> int:
    """Finished one-off tasks (dearly.work.loop runs them) are kept a week, then deleted."""
    from django_tasks_db.models import DBTaskResult

    deleted, _ = DBTaskResult.objects.finished().filter(finished_at__lte=now - TASK_RESULTS_KEPT).delete()
    return deleted
