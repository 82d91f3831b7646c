"""Sending through a real SMTP server that fails: transient failures are retried with
backoff and nothing is lost; permanent ones fail, and repeat offenders are suppressed."""

from datetime import timedelta

import pytest
from django.utils import timezone

from dearly.email.models import OutgoingEmail, Suppression
from dearly.email.outbox import queue_email
from dearly.email.testing import deliver_outbox
from dearly.mailing import services
from dearly.mailing.models import Subscriber
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


def refuse_naming_the_address(smtp_server):
    async def handle_RCPT(server, session, envelope, address, rcpt_options):
        return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown in virtual mailbox table"

    smtp_server.controller.handler.handle_RCPT = handle_RCPT


def test_a_refusal_that_names_the_address_is_kept_and_logged_without_it(smtp_server, caplog):
    refuse_naming_the_address(smtp_server)
    email = queue_email(to="Writer.Private@example.com", purpose="answer", template="mailing/email/test",
                        context={}, forget_address=True)
    with caplog.at_level("INFO"):
        deliver_outbox()
    email.refresh_from_db()
    assert email.state == State.FAILED and email.to == ""
    assert "550" in email.last_error and "5.1.1" in email.last_error  # the code and a generic reason
    assert "mailbox unavailable" in email.last_error
    assert "writer.private" not in email.last_error.lower() and "@" not in email.last_error
    assert "writer.private" not in caplog.text.lower()
    assert "550" in caplog.text


def test_a_transient_refusal_naming_the_address_is_kept_without_it(smtp_server):
    async def handle_RCPT(server, session, envelope, address, rcpt_options):
        return f"450 4.2.0 <{address}>: Recipient address rejected: greylisted"

    smtp_server.controller.handler.handle_RCPT = handle_RCPT
    email = queue_email(to="sam@example.com", purpose="t", template="mailing/email/test", context={})
    deliver_outbox()
    email.refresh_from_db()
    assert email.state == State.RETRYING and "450 4.2.0" in email.last_error and "@" not in email.last_error


def test_erasing_a_subscriber_clears_the_error_texts_of_their_emails(smtp_server):
    refuse_naming_the_address(smtp_server)
    form = make_form(make_guide())
    services.sign_up(email="sam@example.com", form=form)
    deliver_outbox()
    failed = OutgoingEmail.objects.get()
    assert failed.state == State.FAILED and failed.last_error
    services.erase_subscriber(Subscriber.objects.get())
    failed.refresh_from_db()
    assert failed.to == "" and failed.last_error == "" and failed.body_text == ""


def test_error_texts_never_keep_an_address():
    import smtplib

    from dearly.email.errors import describe, scrub

    refused = smtplib.SMTPRecipientsRefused({"sam@example.com": (550, b"5.1.1 <sam@example.com> unknown")})
    assert describe(refused) == "SMTPRecipientsRefused: 550 5.1.1 mailbox unavailable"
    assert describe(smtplib.SMTPDataError(554, b"5.7.1 sam@example.com blocked")) == \
        "SMTPDataError: 554 5.7.1 transaction failed"
    assert describe(ConnectionRefusedError(111, "Connection refused")) == \
        "ConnectionRefusedError: [Errno 111] Connection refused"
    assert scrub("to <a.b+c@mail.example.org>, and x@y.z") == "to <<address>>, and <address>"
