from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from dearly.email.models import (
    TRANSITIONS,
    MailboxMessage,
    OutgoingEmail,
    RefusedMove,
    Suppression,
    move,
)
from dearly.email.suppressions import suppress
from dearly.email.testing import deliver_outbox
from dearly.mailing.outbox import queue_email  # the email app's, plus list headers for subscribers

pytestmark = pytest.mark.django_db
State = OutgoingEmail.State


def queue(to="reader@example.com", purpose="test:1", **extra):
    return queue_email(to=to, purpose=purpose, template="mailing/email/test", context={"who": "Sam & Alex"}, **extra)


@pytest.fixture(autouse=True)
def locmem(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def test_it_renders_both_parts_and_sends_once():
    email = queue()
    assert email.state == State.QUEUED
    assert deliver_outbox() == 1
    assert deliver_outbox() == 0
    [message] = mail.outbox
    assert message.to == ["reader@example.com"]
    assert "Sam & Alex" in message.body  # the text part is not HTML-escaped
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "Sam &amp; Alex" in html
    assert message.extra_headers["Message-ID"] == email.message_id
    email.refresh_from_db()
    assert email.state == State.SENT and email.sent_at is not None


def test_it_keeps_one_row_for_the_same_address_and_purpose():
    first = queue(to="Reader@Example.com")
    second = queue(to="reader@example.com ")
    assert first.pk == second.pk
    assert OutgoingEmail.objects.count() == 1
    deliver_outbox()
    queue()
    assert deliver_outbox() == 0
    assert len(mail.outbox) == 1


def test_the_unique_constraint_holds_even_without_the_fast_path():
    queue()
    from django.db import IntegrityError

    row = OutgoingEmail.objects.get()
    row.pk = None
    with pytest.raises(IntegrityError), transaction.atomic():
        row.save()


def test_it_refuses_an_invalid_address():
    with pytest.raises(ValueError):
        queue(to="not-an-address")


def test_it_erases_the_address_once_sent_when_asked():
    email = queue(forget_address=True)
    deliver_outbox()
    email.refresh_from_db()
    assert email.to == "" and email.state == State.SENT
    assert queue(forget_address=True).pk == email.pk  # the purpose still cannot repeat


def test_a_suppressed_address_is_not_mailed():
    suppress("reader@example.com", Suppression.Reason.BOUNCED)
    email = queue()
    assert email.state == State.CANCELLED
    assert deliver_outbox() == 0 and mail.outbox == []


def test_an_email_queued_before_suppression_is_cancelled_at_send_time():
    email = queue()
    suppress("reader@example.com", Suppression.Reason.COMPLAINED)
    assert deliver_outbox() == 0
    email.refresh_from_db()
    assert email.state == State.CANCELLED


def test_a_stale_sending_row_is_reclaimed_after_its_lease(settings):
    email = queue()
    OutgoingEmail.objects.filter(pk=email.pk).update(
        state=State.SENDING, claim="dead-worker", lease_expires_at=timezone.now() + timedelta(seconds=60))
    assert deliver_outbox() == 0  # the lease still holds
    assert deliver_outbox(at=timezone.now() + timedelta(seconds=61)) == 1
    email.refresh_from_db()
    assert email.state == State.SENT and email.attempts == 1


def test_the_mailbox_backend_keeps_messages(settings):
    settings.EMAIL_BACKEND = "dearly.email.mailbox.MailboxBackend"
    email = queue()
    deliver_outbox()
    kept = MailboxMessage.objects.get()
    assert kept.to == "reader@example.com"
    assert "Sam & Alex" in kept.body_text and kept.body_html
    assert kept.headers["Message-ID"] == email.message_id


def test_an_esp_through_anymail_gets_the_list_headers(settings):
    settings.EMAIL_BACKEND = "anymail.backends.test.EmailBackend"
    from dearly.mailing.models import Subscriber

    subscriber = Subscriber.objects.create(email="reader@example.com", status=Subscriber.Status.SUBSCRIBED)
    queue(subscriber=subscriber)
    assert deliver_outbox() == 1
    [message] = mail.outbox
    headers = message.anymail_test_params["extra_headers"]
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert headers["List-Unsubscribe"].startswith(f"<{settings.SITE_URL}/unsubscribe/")


def test_failures_are_sorted_into_transient_and_permanent():
    import smtplib

    from anymail.exceptions import AnymailAPIError, AnymailRecipientsRefused

    from dearly.email.outbox import Permanent, Transient, classify

    assert classify(smtplib.SMTPDataError(451, b"later")) is Transient
    assert classify(smtplib.SMTPDataError(554, b"no")) is Permanent
    assert classify(smtplib.SMTPRecipientsRefused({"a@example.com": (550, b"unknown")})) is Permanent
    assert classify(smtplib.SMTPRecipientsRefused({"a@example.com": (452, b"full")})) is Transient
    assert classify(ConnectionRefusedError()) is Transient
    assert classify(TimeoutError()) is Transient
    assert classify(AnymailRecipientsRefused()) is Permanent
    assert classify(AnymailAPIError(status_code=503)) is Transient
    assert classify(AnymailAPIError(status_code=429)) is Transient
    assert classify(AnymailAPIError(status_code=422)) is Permanent


def test_the_work_command_once_delivers_what_is_due():
    from django.core.management import call_command

    queue()
    call_command("work", "--once")
    assert len(mail.outbox) == 1


def test_every_state_and_its_allowed_moves_are_written_down_once():
    assert set(TRANSITIONS) == set(State)
    assert TRANSITIONS[State.SENT] == TRANSITIONS[State.FAILED] == TRANSITIONS[State.CANCELLED] == ()
    with pytest.raises(RefusedMove):
        move(OutgoingEmail.objects.all(), State.QUEUED)  # nothing ever goes back to queued


def test_a_move_leaves_rows_alone_whose_state_does_not_allow_it():
    sent, waiting = queue(purpose="test:sent"), queue(purpose="test:waiting")
    deliver_outbox()
    waiting = queue(purpose="test:waiting-2")
    assert move(OutgoingEmail.objects.filter(pk__in=[sent.pk, waiting.pk]), State.CANCELLED, last_error="x") == 1
    sent.refresh_from_db()
    waiting.refresh_from_db()
    assert sent.state == State.SENT and waiting.state == State.CANCELLED


def test_the_date_header_carries_the_sites_time_zone_offset(settings):
    from email.utils import parsedate_to_datetime

    settings.TIME_ZONE = "America/New_York"
    queue()
    deliver_outbox()
    date = mail.outbox[0].message()["Date"]
    assert not date.endswith("-0000"), date
    offset = parsedate_to_datetime(date).utcoffset()
    assert offset in (timedelta(hours=-5), timedelta(hours=-4)), date


def test_the_date_header_says_plus_zero_in_utc(settings):
    settings.TIME_ZONE = "UTC"
    queue()
    deliver_outbox()
    assert mail.outbox[0].message()["Date"].endswith("+0000")


def test_a_due_email_whose_address_was_erased_is_cancelled_not_sent(locmem):
    email = queue()
    OutgoingEmail.objects.filter(pk=email.pk).update(to="")
    assert deliver_outbox() == 0
    email.refresh_from_db()
    assert email.state == OutgoingEmail.State.CANCELLED and email.sent_at is None
    assert mail.outbox == []
