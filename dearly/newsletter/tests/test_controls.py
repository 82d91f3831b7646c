"""The expert's controls over a send, through a real SMTP server: pause, resume, cancel,
schedule for later, an unsubscribe that arrives mid-broadcast, the provider's rate limits."""

from datetime import timedelta

import pytest
from django.utils import timezone

from dearly.email.models import OutgoingEmail
from dearly.email.testing import deliver_outbox
from dearly.mailing import services as mailing
from dearly.newsletter import selectors, sending, services
from dearly.newsletter.models import Broadcast, Delivery, RefusedMove, move_broadcast
from dearly.newsletter.tests.helpers import newsletters_at, readers, subscribe
from dearly.work import loop

D = Delivery.State
B = Broadcast.State


@pytest.fixture
def ten_readers(db, smtp_server):
    people = subscribe(*readers(10))
    deliver_outbox()
    smtp_server.messages.clear()
    return people


def started(**extra):
    broadcast = services.create_broadcast(subject="This fortnight", body="Words.", **extra)
    services.start_sending(broadcast)
    return broadcast


@pytest.mark.django_db
def test_a_paused_broadcast_sends_nothing_until_it_is_resumed_then_finishes(ten_readers, smtp_server, settings):
    settings.NEWSLETTER_CHUNK = 4
    broadcast = started()
    assert sending.send_chunk().sent == 4
    services.pause(broadcast)
    assert sending.send_all() == 0
    assert len(newsletters_at(smtp_server)) == 4
    assert selectors.progress(broadcast) | {"rate": 0} == selectors.progress(broadcast) | {
        "state": B.PAUSED, "sent": 4, "waiting": 6, "done": 0.4, "rate": 0}

    services.resume(broadcast)
    assert sending.send_all() == 6
    broadcast.refresh_from_db()
    assert broadcast.state == B.SENT and broadcast.finished_at is not None
    assert sorted(str(m["To"]) for m in newsletters_at(smtp_server)) == sorted(p.email for p in ten_readers)


@pytest.mark.django_db
def test_a_cancelled_broadcast_stops_and_the_rest_never_get_it(ten_readers, smtp_server, settings):
    settings.NEWSLETTER_CHUNK = 3
    broadcast = started()
    sending.send_chunk()
    assert services.cancel(broadcast) == 7
    assert sending.send_all() == 0
    assert len(newsletters_at(smtp_server)) == 3
    progress = selectors.progress(broadcast)
    assert (progress["state"], progress["sent"], progress["cancelled"], progress["waiting"]) == (B.CANCELLED, 3, 7, 0)
    with pytest.raises(services.BroadcastStateError):
        services.resume(broadcast)


@pytest.mark.django_db(transaction=True)
def test_pausing_or_cancelling_in_the_middle_of_a_chunk_stops_that_chunk_too(ten_readers, smtp_server, settings,
                                                                              monkeypatch):
    settings.NEWSLETTER_CHUNK = 10
    monkeypatch.setattr(sending, "GROUP", 2)
    broadcast = started()
    original = smtp_server.controller.handler.handle_DATA
    seen = []

    async def handle_DATA(server, session, envelope):
        seen.append(1)
        if len(seen) == 3:  # the desk presses Pause while the worker sends the third
            Broadcast.objects.filter(pk=broadcast.pk).update(state=B.PAUSED)
        return await original(server, session, envelope)

    smtp_server.controller.handler.handle_DATA = handle_DATA
    outcome = sending.send_chunk()
    # The pause is seen before the next group of two: the fourth goes, nothing after it.
    assert outcome.sent == 4
    assert Delivery.objects.filter(state=D.WAITING).count() == 6  # handed back, not failed
    assert set(Delivery.objects.filter(state=D.WAITING).values_list("attempts", flat=True)) == {0}
    Broadcast.objects.filter(pk=broadcast.pk).update(state=B.CANCELLED)
    assert sending.send_all() == 0
    assert len(newsletters_at(smtp_server)) == 4


@pytest.mark.django_db(transaction=True)
def test_someone_who_unsubscribes_mid_broadcast_does_not_get_it(ten_readers, smtp_server, settings, monkeypatch):
    settings.NEWSLETTER_CHUNK = 10
    monkeypatch.setattr(sending, "GROUP", 3)
    leaving = ten_readers[7]
    broadcast = started()
    # They were on the list when it started, eighth in line (the chunk goes in subscriber order).
    assert list(Delivery.objects.order_by("id").values_list("subscriber", flat=True))[7] == leaving.pk
    original = smtp_server.controller.handler.handle_DATA

    async def handle_DATA(server, session, envelope):
        if len(smtp_server.messages) == 1:  # while the worker sends the second message of its chunk
            from asgiref.sync import sync_to_async

            await sync_to_async(mailing.unsubscribe, thread_sensitive=False)(leaving, detail="One click")
        return await original(server, session, envelope)

    smtp_server.controller.handler.handle_DATA = handle_DATA
    assert sending.send_all() == 9
    got = sorted(str(m["To"]) for m in newsletters_at(smtp_server))
    assert leaving.email not in got and len(got) == 9
    skipped = Delivery.objects.get(subscriber=leaving)
    assert skipped.state == D.SKIPPED and skipped.last_error == "The subscriber left before it was sent."
    assert selectors.progress(broadcast)["skipped"] == 1


@pytest.mark.django_db
def test_a_scheduled_broadcast_goes_out_from_the_worker_loop_at_its_time_and_not_before(ten_readers, smtp_server):
    assert not OutgoingEmail.objects.exclude(state=OutgoingEmail.State.SENT).exists()  # no other email traffic
    broadcast = services.create_broadcast(subject="Sunday issue", body="See you Sunday.")
    send_at = timezone.now() + timedelta(hours=3)
    services.schedule(broadcast, send_at)
    assert broadcast.state == B.SCHEDULED

    for hours in (0, 1, 2.99):
        loop.tick(now=timezone.now() + timedelta(hours=hours))
    assert newsletters_at(smtp_server) == []
    assert not Delivery.objects.exists()
    broadcast.refresh_from_db()
    assert broadcast.state == B.SCHEDULED

    done = loop.tick(now=send_at + timedelta(seconds=1))
    assert done["sent"] == 10
    assert len(newsletters_at(smtp_server)) == 10
    broadcast.refresh_from_db()
    assert broadcast.state == B.SENT
    loop.tick(now=send_at + timedelta(hours=1))
    assert len(newsletters_at(smtp_server)) == 10


@pytest.mark.django_db
def test_scheduling_refuses_the_past_and_a_scheduled_issue_can_be_moved_back_to_draft(ten_readers):
    broadcast = services.create_broadcast(subject="Later", body="Words.")
    with pytest.raises(ValueError):
        services.schedule(broadcast, timezone.now() - timedelta(minutes=1))
    services.schedule(broadcast, timezone.now() + timedelta(days=1))
    services.update_draft(broadcast, subject="Later, edited")
    services.unschedule(broadcast)
    assert broadcast.state == B.DRAFT and broadcast.send_at is None and broadcast.subject == "Later, edited"
    services.cancel(broadcast)
    with pytest.raises(services.BroadcastStateError):
        services.update_draft(broadcast, subject="Too late")
    with pytest.raises(services.BroadcastStateError):
        services.start_sending(broadcast)


@pytest.mark.django_db
def test_the_state_machine_refuses_moves_it_does_not_list(ten_readers):
    broadcast = services.create_broadcast(subject="Draft", body="Words.")
    assert not move_broadcast(broadcast, B.PAUSED)  # a draft cannot be paused
    with pytest.raises(services.BroadcastStateError):
        services.pause(broadcast)
    with pytest.raises(RefusedMove):
        move_broadcast(broadcast, B.DRAFT, only_from=[B.SENT])  # nothing moves from sent to draft
    services.start_sending(broadcast)
    sending.send_all()
    broadcast.refresh_from_db()
    assert broadcast.state == B.SENT
    with pytest.raises(services.BroadcastStateError):
        services.cancel(broadcast)


@pytest.mark.django_db
def test_the_hourly_limit_holds_sending_until_the_hour_has_passed(ten_readers, smtp_server, settings):
    settings.NEWSLETTER_RATE_PER_HOUR = 4
    broadcast = started()
    now = timezone.now()
    assert sending.send_all(now=now) == 4
    assert sending.send_all(now=now + timedelta(minutes=30)) == 0
    assert selectors.progress(broadcast)["waiting"] == 6
    # sent_at is the real time of sending; an hour after it, four more may go.
    assert sending.send_all(now=timezone.now() + timedelta(hours=1, seconds=1)) == 4


@pytest.mark.django_db
def test_the_per_second_limit_spaces_the_messages(ten_readers, smtp_server, settings):
    settings.NEWSLETTER_RATE_PER_SECOND = 5
    started()
    assert sending.send_all() == 10
    times = sorted(Delivery.objects.values_list("sent_at", flat=True))
    # Ten messages at five a second: the last leaves about 1.8 s after the first (unthrottled they
    # take a few milliseconds). Each time is written after its message went, so the first one's
    # can lag behind its slot by a connection's set-up: allow a tenth of the span.
    assert (times[-1] - times[0]).total_seconds() >= 1.6
