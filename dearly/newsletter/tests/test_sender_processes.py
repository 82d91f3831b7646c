"""A worker sends a broadcast from more than one process (dearly/newsletter/senders.py): a real
`manage.py work` forks its senders while the broadcast goes out, they send at the same time as
the worker, each recipient gets the issue once (counted at a real SMTP server), and the senders
are gone when the broadcast is sent, when the worker is stopped, and when it is killed."""

import os
import signal
import time
from collections import Counter
from itertools import pairwise
from pathlib import Path

import pytest

from dearly.newsletter import services
from dearly.newsletter.models import Broadcast, Delivery
from dearly.newsletter.tests.test_workers import (
    record_sessions,
    sent_exactly_once,
    subscribed_quietly,
)
from dearly.work.tests.helpers import start_worker, stop, wait_for, worker_env

D = Delivery.State


def children_of(pid: int) -> list[int]:
    try:
        return [int(k) for k in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state != "Z"


def sent_state(broadcast):
    return Broadcast.objects.get(pk=broadcast.pk).state == Broadcast.State.SENT


def senders_env(smtp_server, **extra):
    return worker_env(smtp_server, NEWSLETTER_PROCESSES="2", NEWSLETTER_CONNECTIONS="1", NEWSLETTER_CHUNK="10",
                      DEARLY_PRELOAD_MODELS="0", **extra)


@pytest.mark.django_db(transaction=True)
def test_a_worker_sends_a_broadcast_from_two_processes_at_once_and_each_recipient_gets_it_once(smtp_server):
    people = subscribed_quietly(160, smtp_server)
    sessions = record_sessions(smtp_server, delay=0.004)
    worker = start_worker("--interval", "0.1", env=senders_env(smtp_server))
    try:
        time.sleep(2)  # up and idle: no sender process while nothing is being sent
        assert worker.poll() is None
        assert children_of(worker.pid) == []
        broadcast = services.create_broadcast(subject="Two processes", body="Once each.")
        services.start_sending(broadcast)
        assert wait_for(lambda: len(children_of(worker.pid)) == 1, timeout=20), "no sender process was started"
        assert wait_for(lambda: sent_state(broadcast), timeout=120), \
            Counter(Delivery.objects.values_list("state", flat=True))
        # Sent: the sender process has nothing left to do, exits, and the worker waits for it.
        assert wait_for(lambda: children_of(worker.pid) == [], timeout=20), children_of(worker.pid)
        assert worker.poll() is None
        time.sleep(0.5)  # let any (wrong) duplicate arrive before counting
    finally:
        stop(worker)
    sent_exactly_once(smtp_server, people, broadcast)
    # Two SMTP connections were delivering at the same time: the worker's and its sender's.
    spans = sorted((times[0], times[-1]) for times in sessions.values())
    assert any(later_start < earlier_end for (_, earlier_end), (later_start, _) in pairwise(spans)), spans
    assert set(Delivery.objects.values_list("attempts", flat=True)) == {1}


@pytest.mark.django_db(transaction=True)
def test_stopping_a_worker_mid_broadcast_stops_its_sender_processes_and_a_new_worker_finishes_the_rest(
        smtp_server):
    people = subscribed_quietly(240, smtp_server)
    record_sessions(smtp_server, delay=0.03)  # slow enough to stop it halfway
    env = senders_env(smtp_server)
    worker = start_worker("--interval", "0.1", env=env)
    try:
        broadcast = services.create_broadcast(subject="Stopped halfway", body="Once each, in two goes.")
        services.start_sending(broadcast)
        assert wait_for(lambda: len(children_of(worker.pid)) == 1, timeout=20), "no sender process was started"
        sender = children_of(worker.pid)[0]
        assert wait_for(lambda: Delivery.objects.filter(state=D.SENT).count() >= 20, timeout=60)
        worker.send_signal(signal.SIGTERM)
        worker.wait(30)
        assert not alive(sender), "the sender process outlived its worker"
        sent_before = Delivery.objects.filter(state=D.SENT).count()
        assert sent_before < len(people), "it was not stopped halfway"
        # Each stopped after the chunk in hand: nothing is left claimed, the rest waits.
        assert not Delivery.objects.filter(state=D.SENDING).exists()

        worker = start_worker("--interval", "0.1", env=env)
        assert wait_for(lambda: sent_state(broadcast), timeout=120), \
            Counter(Delivery.objects.values_list("state", flat=True))
        time.sleep(0.5)
    finally:
        stop(worker)
    sent_exactly_once(smtp_server, people, broadcast)


def gate_after(smtp_server, messages: int):
    """After `messages` recipients, every SMTP conversation waits at RCPT (before any message
    is handed over, so nothing is half sent) until `release` is set; `waiting` counts them."""
    import asyncio
    import threading

    release = threading.Event()
    seen = {"rcpt": 0, "waiting": 0}

    async def handle_RCPT(server, session, envelope, address, rcpt_options):
        seen["rcpt"] += 1
        if seen["rcpt"] > messages:
            seen["waiting"] += 1
            while not release.is_set():
                await asyncio.sleep(0.02)
            seen["waiting"] -= 1
        envelope.rcpt_tos.append(address)
        return "250 OK"

    smtp_server.controller.handler.handle_RCPT = handle_RCPT
    return seen, release


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_broadcast_leaves_its_sender_to_finish_and_nobody_gets_the_issue_twice(smtp_server):
    people = subscribed_quietly(120, smtp_server)
    seen, release = gate_after(smtp_server, 30)
    env = senders_env(smtp_server, OUTBOX_LEASE_SECONDS="2")
    worker = start_worker("--interval", "0.1", env=env)
    sender = None
    try:
        broadcast = services.create_broadcast(subject="Killed with its sender", body="Once each.")
        services.start_sending(broadcast)
        assert wait_for(lambda: len(children_of(worker.pid)) == 1, timeout=20), "no sender process was started"
        sender = children_of(worker.pid)[0]
        # Both the worker and its sender hold a message at the gate: kill the worker there.
        assert wait_for(lambda: seen["waiting"] == 2, timeout=60), seen
        worker.send_signal(signal.SIGKILL)
        worker.wait(10)
        release.set()
        # The orphaned sender goes on with what is due and exits when nothing is.
        assert wait_for(lambda: not alive(sender), timeout=120), "the orphaned sender never exited"
        assert Delivery.objects.filter(state=D.SENDING).exists(), "the killed worker's chunk should wait"
        # The killed worker's chunk stays claimed until its lease runs out; a new worker takes it.
        worker = start_worker("--interval", "0.1", env=env)
        assert wait_for(lambda: sent_state(broadcast), timeout=120), \
            Counter(Delivery.objects.values_list("state", flat=True))
        time.sleep(0.5)
    finally:
        release.set()
        stop(worker)
        if sender and alive(sender):
            os.kill(sender, signal.SIGKILL)
    sent_exactly_once(smtp_server, people, broadcast)
