"""Background work for letters. Tasks only call services, and every one is safe to run twice.

The daily purge: django-tasks has no scheduler, so `purge_letters_daily` enqueues its own next
run (for the next day) before it does anything else, so that a failing run cannot end the
chain, and `ensure_daily_purge()` starts the chain after every
`migrate` (so each `make run` checks it is there) unless a run is already waiting. If the chain
ever breaks, `manage.py purge_letters` does the same work, e.g. from cron.
"""

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from dearly.letters import services

PURGE_HOUR = 3  # local time: a quiet hour


def next_purge_time(now=None):
    now = timezone.localtime(now or timezone.now())
    run = now.replace(hour=PURGE_HOUR, minute=0, second=0, microsecond=0)
    return run if run > now else run + timedelta(days=1)


@task
def purge_letters_daily() -> dict:
    ensure_daily_purge()  # this run is RUNNING, not waiting: the next one is enqueued
    return services.daily_upkeep()


@task
def prepare_letter_for_desk(letter_id: int) -> bool:
    return services.prepare_letter(letter_id)


@task
def notify_writer_when_published(letter_id: int) -> bool:
    from dearly.letters.models import Letter

    letter = Letter.objects.filter(pk=letter_id).first()
    return bool(letter and services.notify_writer(letter))


def _waiting_purges():
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(status=TaskResultStatus.READY, task_path=purge_letters_daily.module_path)


def ensure_daily_purge() -> bool:
    """Enqueue the next daily purge unless one is already waiting. True when it enqueued."""
    if _waiting_purges().exists():
        return False
    purge_letters_daily.using(run_after=next_purge_time()).enqueue()
    return True
