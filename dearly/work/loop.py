"""The one way Dearly runs background work: `manage.py work`, a loop of ticks.

Each tick (healthchecks' `sendalerts` pattern):
  1. sends the email that is due (dearly.email.outbox.deliver_due: claims by conditional update),
  2. runs one-off tasks that are ready (letters' `prepare_letter_for_desk`,
     `notify_writer_when_published`: django-tasks on the database, claimed as django_tasks_db's
     own worker claims them, with `SELECT … FOR UPDATE SKIP LOCKED` on PostgreSQL),
  3. runs the periodic chores that are due (dearly.work.chores: claimed by conditional update),
  4. runs the steps apps registered with register_step (the newsletter: start scheduled
     broadcasts, send a few chunks of deliveries; each claims its own work),
then sleeps `interval` seconds if there was nothing to do. Any number of workers may run, on
any number of machines: every claim is a conditional write in the shared database.

The database may go away (a restart, a failover): a tick that meets a connection error closes
the connection, waits (1, 2, 4 … up to 30 seconds) and carries on; nothing exits for it.
"""

import logging
import os
import socket
import time

from django.conf import settings
from django.db import (
    InterfaceError,
    OperationalError,
    close_old_connections,
    connection,
    connections,
)
from django.utils import timezone

from dearly.email import outbox
from dearly.language import memory, usage
from dearly.work import chores

logger = logging.getLogger(__name__)

DATABASE_GONE = (OperationalError, InterfaceError)
MAX_PAUSE = 30.0
TASKS_PER_TICK = 20

# Work an app does on every tick, in every worker (not once per interval like a chore):
# name -> step(now) returning how much it did (0 lets an idle loop sleep).
STEPS: dict[str, object] = {}


# What an app must stop when a worker's loop ends or starts afresh (processes it started).
STOPS: dict[str, object] = {}
_looping = False


def register_step(name: str, step) -> None:
    """Run `step(now)` on every tick of every worker (an app's AppConfig.ready() calls this)."""
    STEPS[name] = step


def register_stop(name: str, stop) -> None:
    """Call `stop()` when a worker's loop ends, and before it starts afresh."""
    STOPS[name] = stop


def looping() -> bool:
    """Is this process a worker running its loop (`manage.py work`), rather than a web process,
    a one-off command or a test calling a step? Only such a process may start others."""
    return _looping


def _stop_all() -> None:
    for name, stop in STOPS.items():
        try:
            stop()
        except Exception:
            logger.exception("work: stopping %s failed", name)


def run_ready_tasks(limit: int = TASKS_PER_TICK) -> int:
    """Run up to `limit` ready one-off tasks from django-tasks' database backend."""
    from django.conf import settings

    if not settings.TASKS["default"]["BACKEND"].startswith("django_tasks_db."):
        return 0  # another backend runs its tasks itself (e.g. immediately)
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult
    from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

    worker = Worker(queue_names=["*"], interval=0, batch=True, backend_name="default", startup_delay=False,
                    max_tasks=None, worker_id=f"{socket.gethostname()}-{os.getpid()}"[:64],
                    excluded_queue_names=[])
    ran = 0
    while ran < limit:
        ready = DBTaskResult.objects.ready().filter(backend_name="default")
        try:
            with exclusive_transaction(ready.db):
                task_result = ready.get_locked()
                if task_result is not None:
                    task_result.claim(worker.worker_id)
        except OperationalError as exc:
            if is_locked_database_exception(exc):
                return ran  # SQLite busy: next tick
            raise
        if task_result is None:
            return ran
        worker.run_task(task_result)
        ran += 1
    return ran


def tick(now=None) -> dict:
    """One round of background work. `now` pretends it is that time (tests)."""
    sent = outbox.deliver_due(now=now)
    tasks = run_ready_tasks()
    ran = chores.run_due(now or timezone.now())
    sent += sum(step(now) for step in STEPS.values())
    return {"sent": sent, "tasks": tasks, "chores": ran}


def run(*, interval: float = 1.0, should_stop=lambda: False, renew=None) -> None:
    """Tick until should_stop() says so, surviving the database going away. `renew`, when
    given, is called (database connections closed) once the idle worker has let its language
    models go: `manage.py work` starts afresh there to give back the memory they left behind."""
    global _looping
    _looping = True
    try:
        _run(interval, should_stop, renew)
    finally:
        _looping = False
        _stop_all()


def _run(interval, should_stop, renew) -> None:
    pause = 1.0
    worked = False
    while not should_stop():
        try:
            close_old_connections()
            done = tick()
            pause = 1.0
        except DATABASE_GONE as exc:
            logger.warning("work: the database is unreachable (%s); trying again in %.0f s",
                           type(exc).__name__, pause)
            try:
                connection.close()
            except Exception:  # a dead connection may fail to close; it is dropped either way
                pass
            _sleep(pause, should_stop)
            pause = min(pause * 2, MAX_PAUSE)
            continue
        if not (done["sent"] or done["tasks"]):
            if worked:  # idle again: the language models' buffers go back to the system
                memory.give_back()
                worked = False
            if usage.release_if_idle(settings.WORKER_MODELS_IDLE_SECONDS) and renew and not should_stop():
                logger.info("work: language models unused for %s s, let go; starting afresh",
                            settings.WORKER_MODELS_IDLE_SECONDS)
                _stop_all()
                connections.close_all()
                renew()
            _sleep(interval, should_stop)
        else:
            worked = True


def _sleep(seconds: float, should_stop) -> None:
    deadline = time.monotonic() + seconds
    while not should_stop() and time.monotonic() < deadline:
        time.sleep(min(0.1, max(0.0, deadline - time.monotonic())))
