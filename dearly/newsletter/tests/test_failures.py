"""A real SMTP server that refuses: transient refusals are retried with backoff until every
recipient has the issue once; a permanent refusal (550) fails that delivery and, after
OUTBOX_HARD_FAILURES of them, suppresses the address."""

from datetime import timedelta

import pytest
from django.utils import timezone

from dearly.email.models import Suppression
from dearly.email.outbox import queue_email
from dearly.email.testing import deliver_outbox
from dearly.mailing.models import Subscriber
from dearly.newsletter import selectors, sending, services
from dearly.newsletter.models import Broadcast, Delivery
from dearly.newsletter.tests.helpers import newsletters_at, readers, subscribe

pytestmark = pytest.mark.django_db
D = Delivery.State
LATER = timedelta(hours=7)  # past the longest backoff


@pytest.fixture
def list_of_four(smtp_server):
    people = subscribe(*readers(4))
    deliver_outbox()
    smtp_server.messages.clear()
    return people


def started(subject="An issue"):
    broadcast = services.create_broadcast(subject=subject, body="Some words for you.")
    services.start_sending(broadcast)
    return broadcast


def answer_data_with(smtp_server, reply: str, times: list):
    """The server answers DATA with `reply` while times[0] > 0 (counting down), then accepts."""
    original = smtp_server.controller.handler.handle_DATA

    async def handle_DATA(server, session, envelope):
        if times[0] > 0:
            times[0] -= 1
            return reply
        return await original(server, session, envelope)

    smtp_server.controller.handler.handle_DATA = handle_DATA


def test_a_server_that_says_421_for_a_while_gets_every_issue_once_it_is_back(list_of_four, smtp_server):
    answer_data_with(smtp_server, "421 4.3.2 Service not available, closing channel", times=[1])
    broadcast = started()
    now = timezone.now()
    assert sending.send_all(now=now) == 0
    # The first refused; the server as a whole is down, so the rest wait untried for the backoff.
    assert sorted(Delivery.objects.values_list("state", "attempts")) == [
        (D.RETRYING, 1), (D.WAITING, 0), (D.WAITING, 0), (D.WAITING, 0)]
    assert all(d.next_attempt_at > now for d in Delivery.objects.all())
    assert "421" in Delivery.objects.get(state=D.RETRYING).last_error
    assert sending.send_all(now=now) == 0  # not due yet

    assert sending.send_all(now=now + LATER) == 4
    assert sending.send_all(now=now + LATER) == 0
    got = newsletters_at(smtp_server)
    assert sorted(str(m["To"]) for m in got) == sorted(p.email for p in list_of_four)
    broadcast.refresh_from_db()
    assert broadcast.state == Broadcast.State.SENT


def test_refused_connections_lose_nothing(list_of_four, smtp_server, settings):
    from conftest import free_port

    broadcast = started()
    settings.EMAIL_PORT = free_port()  # nothing listens there
    now = timezone.now()
    for minutes in (0, 2, 6):  # still down at the first retries
        assert sending.send_all(now=now + timedelta(minutes=minutes)) == 0
    assert Delivery.objects.filter(state=D.SENT).count() == 0
    assert selectors.progress(broadcast)["waiting"] == 4

    settings.EMAIL_PORT = smtp_server.port
    assert sending.send_all(now=now + LATER) == 4
    assert len(newsletters_at(smtp_server)) == 4
    assert selectors.progress(broadcast)["sent"] == 4


def test_transient_refusals_back_off_and_give_up_after_the_last_attempt_keeping_the_reason(
        list_of_four, smtp_server, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 3
    settings.OUTBOX_RETRY_SECONDS = 60
    smtp_server.refuse = True  # 451 to every message: each one retries on its own
    broadcast = started()
    now = timezone.now()
    sending.send_all(now=now)
    first = Delivery.objects.order_by("id").first()
    assert first.state == D.RETRYING and first.next_attempt_at == now + timedelta(seconds=60)
    at = now
    for _ in range(5):
        at += LATER
        sending.send_all(now=at)
    assert set(Delivery.objects.values_list("state", "attempts")) == {(D.FAILED, 3)}
    broadcast.refresh_from_db()
    assert broadcast.state == Broadcast.State.SENT  # finished, with failures
    assert selectors.failures_by_reason(broadcast) == [("SMTPDataError: 451 4.3.0 local error in processing", 4)]
    assert not Suppression.objects.exists()  # transient failures never suppress

    # The desk retries the failed ones; the server is fine now.
    smtp_server.refuse = False
    assert services.retry_failed(broadcast) == 4
    assert broadcast.state == Broadcast.State.SENDING
    assert sending.send_all() == 4
    broadcast.refresh_from_db()
    assert broadcast.state == Broadcast.State.SENT
    assert len(newsletters_at(smtp_server)) == 4


def refuse_one_recipient(smtp_server, address):
    async def handle_RCPT(server, session, envelope, rcpt, rcpt_options):
        if rcpt == address:
            return f"550 5.1.1 <{rcpt}>: Recipient address rejected: no such user"
        envelope.rcpt_tos.append(rcpt)
        return "250 OK"

    smtp_server.controller.handler.handle_RCPT = handle_RCPT


def test_a_550_fails_the_delivery_at_once_and_the_second_suppresses_the_address(list_of_four, smtp_server, settings):
    settings.OUTBOX_HARD_FAILURES = 2
    gone = list_of_four[1].email
    refuse_one_recipient(smtp_server, gone)
    first = started("First issue")
    assert sending.send_all() == 3
    failed = Delivery.objects.get(broadcast=first, state=D.FAILED)
    assert failed.subscriber.email == gone and failed.permanent_failure and failed.attempts == 1
    assert gone not in failed.last_error and "550" in failed.last_error
    assert not Suppression.objects.exists()
    first.refresh_from_db()
    assert first.state == Broadcast.State.SENT

    second = started("Second issue")
    assert sending.send_all() == 3
    suppression = Suppression.objects.get()
    assert suppression.email == gone and suppression.reason == Suppression.Reason.HARD_FAILURES
    assert Subscriber.objects.get(email=gone).status == Subscriber.Status.UNSUBSCRIBED
    assert selectors.failures_by_reason(second) == [("SMTPRecipientsRefused: 550 5.1.1 mailbox unavailable", 1)]

    third = started("Third issue")
    assert not Delivery.objects.filter(broadcast=third, subscriber__email=gone).exists()
    assert third.recipients == 3


def test_a_hard_bounce_of_other_email_counts_toward_suppression(list_of_four, smtp_server, settings):
    settings.OUTBOX_HARD_FAILURES = 2
    gone = list_of_four[0].email
    refuse_one_recipient(smtp_server, gone)
    queue_email(to=gone, purpose="something-else", template="mailing/email/test", context={})
    deliver_outbox()
    assert not Suppression.objects.exists()
    started()
    sending.send_all()
    assert Suppression.objects.get().email == gone


def test_an_address_suppressed_by_its_fingerprint_alone_gets_no_delivery(list_of_four):
    # A suppression whose address text was erased still blocks by its keyed fingerprint.
    from dearly.email.models import address_key

    blocked = list_of_four[2]
    Suppression.objects.create(address_key=address_key(blocked.email), email="", reason=Suppression.Reason.BOUNCED)
    broadcast = started()
    assert broadcast.recipients == 3
    assert not Delivery.objects.filter(subscriber=blocked).exists()
