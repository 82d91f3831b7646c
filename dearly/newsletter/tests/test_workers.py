"""Real workers (`manage.py work` subprocesses) sending a broadcast through a real SMTP server:
killed with SIGKILL mid-chunk and started again, two at once, and a database that goes away
mid-send. Every recipient gets the issue exactly once, counted at the server."""

import signal
import threading
import time
from collections import Counter
from itertools import pairwise

import pytest
from django.db import connection

from dearly.email.tests.test_worker_crash import stall_third_message_once
from dearly.newsletter import services
from dearly.newsletter.models import Broadcast, Delivery
from dearly.newsletter.tests.helpers import newsletters_at, readers, subscribe
from dearly.work.tests.helpers import start_worker, stop, wait_for, worker_env
from dearly.work.tests.test_database_goes_away import end_the_workers_sessions

D = Delivery.State


def subscribed_quietly(n, smtp_server):
    """n confirmed subscribers; their confirmation emails are left unsent (cancelled), so the
    worker has nothing but the broadcast to send."""
    from dearly.email.models import OutgoingEmail

    people = subscribe(*readers(n))
    OutgoingEmail.objects.update(state=OutgoingEmail.State.CANCELLED)
    return people


def sent_exactly_once(smtp_server, people, broadcast):
    got = newsletters_at(smtp_server)
    by_recipient = Counter(str(m["To"]) for m in got)
    assert by_recipient == Counter({p.email: 1 for p in people}), by_recipient
    ids = {m["Message-ID"] for m in got}
    assert ids == {f"<newsletter.{broadcast.pk}.{pk}@dearly.example>"
                   for pk in Delivery.objects.filter(broadcast=broadcast).values_list("pk", flat=True)}


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_broadcast_and_started_again_sends_each_recipient_the_issue_once(smtp_server):
    people = subscribed_quietly(8, smtp_server)
    stalled, release = stall_third_message_once(smtp_server)
    broadcast = services.create_broadcast(subject="Killed mid-send", body="Once, and only once.")
    services.start_sending(broadcast)
    env = worker_env(smtp_server, OUTBOX_LEASE_SECONDS="2", DEARLY_PRELOAD_MODELS="0")
    worker = start_worker("--interval", "0.1", env=env)
    try:
        assert stalled.wait(60), worker.stderr.read1().decode() if worker.poll() is not None else "not stalled"
        worker.send_signal(signal.SIGKILL)
        worker.wait(10)
        release.set()
        # Two went out and were recorded before the kill; the rest of the chunk is still claimed.
        assert len(newsletters_at(smtp_server)) == 2
        assert sorted(Counter(Delivery.objects.values_list("state", flat=True)).items()) == [
            (D.SENDING, 6), (D.SENT, 2)]

        worker = start_worker("--interval", "0.1", env=env)
        assert wait_for(lambda: Delivery.objects.filter(state=D.SENT).count() == 8, timeout=60), \
            Counter(Delivery.objects.values_list("state", flat=True))
        assert wait_for(lambda: Broadcast.objects.get(pk=broadcast.pk).state == Broadcast.State.SENT, timeout=10)
        time.sleep(0.5)  # let any (wrong) duplicate arrive before counting
    finally:
        release.set()
        stop(worker)
    sent_exactly_once(smtp_server, people, broadcast)
    # The stalled one was taken again after its lease ran out; none was sent twice.
    assert sorted(Delivery.objects.values_list("attempts", flat=True)) == [1, 1, 2, 2, 2, 2, 2, 2]


def record_sessions(smtp_server, delay: float):
    """Slow the server a little and note when each SMTP connection delivered something."""
    original = smtp_server.controller.handler.handle_DATA
    seen: dict[tuple, list[float]] = {}
    lock = threading.Lock()

    async def handle_DATA(server, session, envelope):
        import asyncio

        await asyncio.sleep(delay)
        with lock:
            seen.setdefault(session.peer, []).append(time.monotonic())
        return await original(server, session, envelope)

    smtp_server.controller.handler.handle_DATA = handle_DATA
    return seen


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_sending_one_broadcast_at_once_send_nobody_the_issue_twice(smtp_server):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (SQLite's writers take turns; nothing runs at once)")
    people = subscribed_quietly(240, smtp_server)
    sessions = record_sessions(smtp_server, delay=0.003)
    env = worker_env(smtp_server, NEWSLETTER_CHUNK="15", DEARLY_PRELOAD_MODELS="0")
    workers = [start_worker("--interval", "0.1", env=env) for _ in range(2)]
    try:
        time.sleep(3)  # both up and idle
        assert all(w.poll() is None for w in workers)
        broadcast = services.create_broadcast(subject="Two workers", body="Once each.")
        services.start_sending(broadcast)
        assert wait_for(lambda: Broadcast.objects.get(pk=broadcast.pk).state == Broadcast.State.SENT, timeout=120), \
            Counter(Delivery.objects.values_list("state", flat=True))
        time.sleep(0.5)
    finally:
        for w in workers:
            stop(w)
    sent_exactly_once(smtp_server, people, broadcast)
    # Both workers sent, at the same time: two connections were delivering during one interval.
    spans = sorted((times[0], times[-1]) for times in sessions.values())
    assert any(later_start < earlier_end for (_, earlier_end), (later_start, _) in pairwise(spans)), spans


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_worker_whose_database_goes_away_mid_broadcast_carries_on_and_sends_each_once(smtp_server):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    people = subscribed_quietly(6, smtp_server)
    stalled, release = stall_third_message_once(smtp_server)
    broadcast = services.create_broadcast(subject="Restart", body="The database restarts.")
    services.start_sending(broadcast)
    # A long lease: only reconnecting, not a reclaim after the lease, can finish in time.
    worker = start_worker("--interval", "0.1", env=worker_env(smtp_server, OUTBOX_LEASE_SECONDS="120",
                                                                DEARLY_PRELOAD_MODELS="0"))
    try:
        assert stalled.wait(60), worker.stderr.read().decode() if worker.poll() is not None else "not stalled"
        assert end_the_workers_sessions() >= 1
        release.set()
        assert wait_for(lambda: Broadcast.objects.get(pk=broadcast.pk).state == Broadcast.State.SENT, timeout=60), \
            Counter(Delivery.objects.values_list("state", flat=True))
        assert worker.poll() is None  # it did not exit
        time.sleep(0.3)
    finally:
        release.set()
        stop(worker)
    sent_exactly_once(smtp_server, people, broadcast)
    assert set(Delivery.objects.values_list("attempts", flat=True)) == {1}


@pytest.mark.django_db(transaction=True)
def test_a_worker_sends_over_two_connections_at_once_and_still_sends_each_recipient_once(smtp_server,
                                                                                         settings, monkeypatch):
    from dearly.newsletter import sending

    settings.NEWSLETTER_CONNECTIONS = 2
    settings.NEWSLETTER_CHUNK = 5
    people = subscribed_quietly(40, smtp_server)
    broadcast = services.create_broadcast(subject="Two at once", body="Sent over two connections.")
    services.start_sending(broadcast)
    threads = set()
    send = sending.Sender.send

    def noting_the_thread(self, *args):
        threads.add(threading.get_ident())
        time.sleep(0.005)  # as a real server's answers take a moment
        return send(self, *args)

    monkeypatch.setattr(sending.Sender, "send", noting_the_thread)
    while sending.work_step():
        pass
    assert len(threads) == 2
    sent_exactly_once(smtp_server, people, broadcast)
    assert Broadcast.objects.get().state == Broadcast.State.SENT
