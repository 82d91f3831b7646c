"""Sending through a real SMTP server that fails: transient failures are retried with
backoff and nothing is lost; permanent ones fail, and repeat offenders are suppressed."""

from datetime import timedelta

import pytest
from django.utils import timezone

from dearly.mailing import services
from dearly.mailing.models import OutgoingEmail, Subscriber, Suppression
from dearly.mailing.outbox import queue_email
from dearly.mailing.testing import deliver_outbox
from dearly.mailing.tests.helpers import make_form, make_guide

pytestmark = pytest.mark.django_db
State = OutgoingEmail.State
LATER = timedelta(hours=7)  # past the longest backoff


def sign_up_people(n):
    form = make_form(make_guide())
    for i in range(n):
        services.sign_up(email=f"reader{i}@example.com", form=form)


def test_sign_ups_during_an_smtp_outage_go_out_once_it_returns(smtp_server):
    smtp_server.refuse = True  # 451 to every message
    sign_up_people(3)
    assert deliver_outbox() == 0
    rows = list(OutgoingEmail.objects.all())
    assert [r.state for r in rows] == [State.RETRYING] * 3
    assert all(r.next_attempt_at > timezone.now() and r.attempts == 1 and "451" in r.last_error for r in rows)
    assert deliver_outbox() == 0  # not due yet: backoff
    assert smtp_server.messages == []

    smtp_server.refuse = False
    assert deliver_outbox(at=timezone.now() + LATER) == 3
    assert deliver_outbox(at=timezone.now() + LATER) == 0
    assert sorted(str(m["To"]) for m in smtp_server.messages) == [f"reader{i}@example.com" for i in range(3)]
    assert len({m["Message-ID"] for m in smtp_server.messages}) == 3
    assert set(OutgoingEmail.objects.values_list("state", flat=True)) == {State.SENT}


def test_a_server_that_refuses_connections_loses_nothing(smtp_server, settings):
    from conftest import free_port

    sign_up_people(3)
    settings.EMAIL_PORT = free_port()  # nothing listens there: connection refused
    assert deliver_outbox() == 0
    # The run stops at the first refused connection instead of hammering a dead server.
    states = sorted(OutgoingEmail.objects.values_list("state", flat=True))
    assert states == [State.QUEUED, State.QUEUED, State.RETRYING]

    settings.EMAIL_PORT = smtp_server.port
    assert deliver_outbox(at=timezone.now() + LATER) == 3
    assert deliver_outbox(at=timezone.now() + LATER) == 0
    assert len(smtp_server.messages) == 3


def test_retries_back_off_exponentially(smtp_server, settings):
    settings.OUTBOX_RETRY_SECONDS = 60
    smtp_server.refuse = True
    email = queue_email(to="a@example.com", purpose="t", template="mailing/email/test", context={})
    now = timezone.now()
    deliver_outbox(at=now)
    email.refresh_from_db()
    assert email.next_attempt_at == now + timedelta(seconds=60)
    deliver_outbox(at=email.next_attempt_at)
    email.refresh_from_db()
    assert email.attempts == 2 and email.next_attempt_at - now == timedelta(seconds=60 + 120)


def test_it_gives_up_after_the_last_attempt(smtp_server, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 3
    smtp_server.refuse = True
    email = queue_email(to="a@example.com", purpose="t", template="mailing/email/test", context={})
    at = timezone.now()
    for _ in range(5):
        at += LATER
        deliver_outbox(at=at)
    email.refresh_from_db()
    assert email.state == State.FAILED and email.attempts == 3
    assert not email.permanent_failure  # transient failures never suppress an address


def refuse_recipients(smtp_server):
    async def handle_RCPT(server, session, envelope, address, rcpt_options):
        return "550 5.1.1 No such user here"

    smtp_server.controller.handler.handle_RCPT = handle_RCPT


def test_a_permanent_failure_fails_at_once_and_a_second_suppresses_the_address(smtp_server):
    refuse_recipients(smtp_server)
    first = queue_email(to="gone@example.com", purpose="one", template="mailing/email/test", context={})
    deliver_outbox()
    first.refresh_from_db()
    assert first.state == State.FAILED and first.permanent_failure and first.attempts == 1
    assert not Suppression.objects.exists()

    queue_email(to="gone@example.com", purpose="two", template="mailing/email/test", context={})
    deliver_outbox()
    suppression = Suppression.objects.get()
    assert suppression.email == "gone@example.com"
    assert suppression.reason == Suppression.Reason.HARD_FAILURES
    third = queue_email(to="gone@example.com", purpose="three", template="mailing/email/test", context={})
    assert third.state == State.CANCELLED


def test_a_suppressed_subscriber_is_unsubscribed_and_never_mailed_again(smtp_server):
    form = make_form(make_guide())
    services.sign_up(email="sam@example.com", form=form)
    services.suppress("sam@example.com", Suppression.Reason.COMPLAINED, detail="test")
    assert Subscriber.objects.get().status == Subscriber.Status.UNSUBSCRIBED
    assert deliver_outbox() == 0
    services.sign_up(email="sam@example.com", form=form)
    assert deliver_outbox() == 0
    assert smtp_server.messages == []
