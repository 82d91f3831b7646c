"""The database goes away (a PostgreSQL restart ends every session) in the middle of a send: a
real `manage.py work` reconnects, records what it sent, carries on, and every email arrives once."""

import pytest
from django.db import connection

from dearly.email.models import OutgoingEmail
from dearly.email.outbox import queue_email
from dearly.email.tests.test_worker_crash import stall_third_message_once
from dearly.work.tests.helpers import start_worker, stop, wait_for, worker_env


def end_the_workers_sessions() -> int:
    """What a restart does to the worker: every other session on this database is ended."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                       "WHERE datname = current_database() AND pid <> pg_backend_pid()")
        return cursor.fetchone()[0]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_worker_whose_database_session_ends_mid_send_carries_on_and_sends_each_email_once(smtp_server):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    stalled, release = stall_third_message_once(smtp_server)
    emails = [queue_email(to=f"reader{i}@example.com", purpose="restart", template="mailing/email/test",
                          context={}) for i in range(6)]
    # A long lease: only reconnecting, not a reclaim after the lease, can finish in time.
    worker = start_worker("--interval", "0.1", env=worker_env(smtp_server, OUTBOX_LEASE_SECONDS="120"))
    try:
        assert stalled.wait(30), worker.stderr.read().decode() if worker.poll() is not None else "not stalled"
        assert end_the_workers_sessions() >= 1
        release.set()
        assert wait_for(lambda: OutgoingEmail.objects.filter(state="sent").count() == 6, timeout=30), \
            sorted(OutgoingEmail.objects.values_list("state", flat=True))
        assert worker.poll() is None  # it did not exit

        # And while idle: the session ends again, a new email still goes out.
        assert end_the_workers_sessions() >= 1
        emails.append(queue_email(to="later@example.com", purpose="restart", template="mailing/email/test",
                                  context={}))
        assert wait_for(lambda: OutgoingEmail.objects.filter(state="sent").count() == 7, timeout=30)
        assert worker.poll() is None
    finally:
        release.set()
        stop(worker)
    assert sorted(m["Message-ID"] for m in smtp_server.messages) == sorted(e.message_id for e in emails)
    assert set(OutgoingEmail.objects.values_list("attempts", flat=True)) == {1}  # none sent twice
