"""A real worker (manage.py work in a subprocess) is SIGKILLed in the middle of an
SMTP conversation; after a restart every email arrives, and none arrives twice."""

import asyncio
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection

from dearly.email.models import OutgoingEmail
from dearly.email.outbox import queue_email

ROOT = Path(django_settings.BASE_DIR)
LEASE_SECONDS = 2


def database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def start_worker(smtp_server) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "EMAIL_URL": f"smtp://{smtp_server.host}:{smtp_server.port}",
        "CACHE_URL": "locmem://",
        "OUTBOX_LEASE_SECONDS": str(LEASE_SECONDS),
        "LOG_LEVEL": "WARNING",
        "DEBUG": "0",
    }
    return subprocess.Popen(
        [sys.executable, "manage.py", "work", "--interval", "0.1"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )


def stall_third_message_once(smtp_server):
    """The third recipient hangs the SMTP conversation until told to go on, the first time."""
    stalled = threading.Event()
    release = threading.Event()
    seen = {"rcpt": 0}

    async def handle_RCPT(server, session, envelope, address, rcpt_options):
        seen["rcpt"] += 1
        if seen["rcpt"] == 3:
            stalled.set()
            while not release.is_set():
                await asyncio.sleep(0.02)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    smtp_server.controller.handler.handle_RCPT = handle_RCPT
    return stalled, release


def wait_for(predicate, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


@pytest.mark.django_db(transaction=True)
def test_a_killed_worker_leaves_no_email_sent_twice_and_none_lost(smtp_server):
    stalled, release = stall_third_message_once(smtp_server)
    emails = [
        queue_email(to=f"reader{i}@example.com", purpose="crash-test", template="mailing/email/test",
                    context={"who": f"reader {i}"})
        for i in range(5)
    ]
    worker = start_worker(smtp_server)
    try:
        assert stalled.wait(30), worker.stderr.read1().decode() if worker.poll() is not None else "worker stuck"
        worker.send_signal(signal.SIGKILL)
        worker.wait(10)
        release.set()
        assert len(smtp_server.messages) == 2
        states = sorted(OutgoingEmail.objects.values_list("state", flat=True))
        assert states == ["queued", "queued", "sending", "sent", "sent"]

        worker = start_worker(smtp_server)
        assert wait_for(lambda: OutgoingEmail.objects.filter(state="sent").count() == 5), \
            sorted(OutgoingEmail.objects.values_list("state", flat=True))
        time.sleep(0.3)  # let any (wrong) duplicate arrive before counting
    finally:
        release.set()
        if worker.poll() is None:
            worker.send_signal(signal.SIGTERM)
            try:
                worker.wait(10)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()

    ids = [m["Message-ID"] for m in smtp_server.messages]
    assert sorted(ids) == sorted(e.message_id for e in emails)  # each exactly once
    stalled_row = OutgoingEmail.objects.get(to="reader2@example.com")
    assert stalled_row.attempts == 2  # reclaimed after its lease ran out
