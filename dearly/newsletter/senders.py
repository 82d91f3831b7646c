"""More processes sending while a broadcast goes out, started by the worker that is running.

One worker process sends one message at a time: it composes the copy, hands it to the SMTP
server, waits for the answer, writes the outcome, and only then starts the next. On a machine
where the SMTP server (or the provider's relay) answers in about the time the worker takes to
compose, one process leaves a core idle half the time, and threads in it do not help much:
composing and writing outcomes hold Python's one lock. So while a broadcast is sending, the
worker forks NEWSLETTER_PROCESSES - 1 sender processes. Each only sends: it claims chunks of
deliveries exactly as a second worker on another machine would (a conditional update, `SKIP
LOCKED` on PostgreSQL; see sending.py), sends them, and exits when nothing is due any more.
Nothing else runs in them (no chores, no letters, no language models are loaded for them).

They are forked, not started afresh: they share the worker's memory until they write to it,
and they are gone when the broadcast is, so the site at rest holds no more than before.
Stopping the worker (SIGTERM, Ctrl-C) stops them after the chunk in hand; a worker killed
outright leaves them to finish what they hold and exit, and anything a dead process held is
taken again by any worker once its lease runs out. The tests prove exactly once either way.
"""

import logging
import multiprocessing
import signal

from django.db import connections

logger = logging.getLogger(__name__)

_running: list[multiprocessing.Process] = []


def running() -> int:
    """How many sender processes this worker has alive (the dead ones are reaped)."""
    for process in [p for p in _running if not p.is_alive()]:
        process.join()
        _running.remove(process)
        if process.exitcode:
            logger.warning("newsletter: a sender process ended with exit code %s", process.exitcode)
    return len(_running)


def keep(wanted: int) -> int:
    """Have `wanted` sender processes alive, forking the missing ones. Returns how many were
    started. Call only from the worker's loop, outside any transaction."""
    missing = max(0, wanted - running())
    if not missing:
        return 0
    # A forked child must not share the parent's database connections: close them here (the
    # parent opens new ones on its next query) and each child opens its own.
    connections.close_all()
    context = multiprocessing.get_context("fork")
    for _ in range(missing):
        process = context.Process(target=_send_until_done, name="dearly-newsletter-sender", daemon=True)
        process.start()
        _running.append(process)
    return missing


def stop_all(timeout: float = 30.0) -> None:
    """Ask every sender process to stop after its chunk in hand, and wait for them."""
    for process in _running:
        if process.is_alive():
            process.terminate()  # SIGTERM: finishes the chunk in hand, then exits
    for process in list(_running):
        process.join(timeout)
        if process.is_alive():
            process.kill()
            process.join()
        _running.remove(process)


def _send_until_done() -> None:
    from dearly.newsletter import sending

    stopping = []

    def stop(signum, frame):
        stopping.append(signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    _running.clear()  # the parent's list, copied by the fork: not this process's children
    try:
        while not stopping:
            outcome = sending.send_chunk()
            if outcome is None or outcome.server_down:
                break  # nothing due now, or the server is down: the worker's own loop waits
    except sending.DATABASE_GONE as exc:
        logger.warning("newsletter: a sender process lost the database (%s); the worker goes on",
                       type(exc).__name__)
    finally:
        connections.close_all()
