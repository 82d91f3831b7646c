from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from dearly.mailing.models import MailboxMessage, OutgoingEmail, Suppression
from dearly.mailing.outbox import queue_email
from dearly.mailing.services import suppress
from dearly.mailing.testing import deliver_outbox

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
    settings.EMAIL_BACKEND = "dearly.mailing.mailbox.MailboxBackend"
    email = queue()
    deliver_outbox()
    kept = MailboxMessage.objects.get()
    assert kept.to == "reader@example.com"
    assert "Sam & Alex" in kept.body_text and kept.body_html
    assert kept.headers["Message-ID"] == email.message_id
