"""The expert writes, previews, tests, sends and follows an issue in the desk."""

from datetime import timedelta

import pytest
from django.utils import timezone

from dearly.column.services import create_article
from dearly.email.models import OutgoingEmail
from dearly.mailing.models import Subscriber
from dearly.newsletter import sending, services
from dearly.newsletter.models import Broadcast, Delivery

pytestmark = pytest.mark.django_db


@pytest.fixture
def subscribers(db):
    now = timezone.now()
    return [Subscriber.objects.create(email=f"reader{i}@example.com", status=Subscriber.Status.SUBSCRIBED,
                                      confirmed_at=now) for i in range(5)]


def issue_form(**extra):
    return {"subject": "Two answers, one idea", "body": "## New\n\nRead **this**.", "segment": "all",
            "in_archive": "on", **extra}


def test_the_expert_writes_an_issue_and_sees_who_it_would_reach(desk_client, subscribers):
    response = desk_client.post("/desk/newsletter/new/", issue_form())
    broadcast = Broadcast.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/desk/newsletter/{broadcast.pk}/"
    page = desk_client.get(response["Location"]).content.decode()
    assert "It would go to <strong>5</strong> people today." in page
    assert broadcast.state == Broadcast.State.DRAFT and broadcast.in_archive


def test_a_form_with_mistakes_keeps_the_text_and_says_what_is_wrong_beside_the_field(desk_client):
    response = desk_client.post("/desk/newsletter/new/", issue_form(subject="", body="My words <b>kept</b>",
                                                                    segment="topic"))
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_subject_error"' in page and 'id="id_segment_topic_error"' in page
    assert "My words &lt;b&gt;kept&lt;/b&gt;" in page
    assert not Broadcast.objects.exists()


def test_the_live_preview_is_sanitized_markdown(desk_client):
    response = desk_client.post("/desk/newsletter/preview/", issue_form(body="Hello *you*<script>alert(1)</script>"))
    html = response.content.decode()
    assert "<em>you</em>" in html and "<script" not in html


def test_the_recipient_count_follows_the_chosen_group(desk_client, subscribers):
    from dearly.column.models import Topic

    topic = Topic.objects.create(name="Money", slug="money")
    subscribers[0].topics.add(topic)
    assert "<strong>5</strong>" in desk_client.get("/desk/newsletter/count/?segment=all").content.decode()
    assert "<strong>1</strong> person" in desk_client.get(
        f"/desk/newsletter/count/?segment=topic&segment_topic={topic.pk}").content.decode()


def test_a_test_goes_to_the_expert_only(desk_client, subscribers):
    broadcast = services.create_broadcast(subject="A test issue", body="Words.")
    desk_client.post(f"/desk/newsletter/{broadcast.pk}/test/")
    [test] = OutgoingEmail.objects.all()
    assert test.to == desk_client.user.email and test.subject.startswith("[Test]")
    assert not Delivery.objects.exists()


def test_send_now_asks_first_then_sends_and_the_page_shows_progress(desk_client, subscribers):
    broadcast = services.create_broadcast(subject="Now", body="Words.")
    ask = desk_client.get(f"/desk/newsletter/{broadcast.pk}/send/").content.decode()
    assert "to 5 people now?" in ask
    broadcast.refresh_from_db()
    assert broadcast.state == Broadcast.State.DRAFT  # asking sends nothing
    desk_client.post(f"/desk/newsletter/{broadcast.pk}/send/")
    broadcast.refresh_from_db()
    assert broadcast.state == Broadcast.State.SENDING
    bar = desk_client.get(f"/desk/newsletter/{broadcast.pk}/progress/").content.decode()
    assert 'role="progressbar"' in bar and 'aria-valuenow="0"' in bar and 'hx-trigger="every 2s"' in bar
    sending.send_all()
    services_state = Broadcast.objects.get(pk=broadcast.pk).state
    bar = desk_client.get(f"/desk/newsletter/{broadcast.pk}/progress/").content.decode()
    assert 'aria-valuenow="100"' in bar and services_state == Broadcast.State.SENT
    assert "hx-trigger" not in bar  # finished: the polling stops


def test_without_javascript_a_sending_page_reloads_itself(desk_client, subscribers):
    broadcast = services.create_broadcast(subject="Now", body="Words.")
    services.start_sending(broadcast)
    page = desk_client.get(f"/desk/newsletter/{broadcast.pk}/").content.decode()
    assert '<noscript><meta http-equiv="refresh" content="5"></noscript>' in page


def test_pause_resume_and_cancel_each_ask_first(desk_client, subscribers):
    broadcast = services.create_broadcast(subject="Now", body="Words.")
    services.start_sending(broadcast)
    assert "Pause this issue?" in desk_client.get(f"/desk/newsletter/{broadcast.pk}/pause/").content.decode()
    broadcast.refresh_from_db()
    assert broadcast.state == Broadcast.State.SENDING
    desk_client.post(f"/desk/newsletter/{broadcast.pk}/pause/")
    broadcast.refresh_from_db()
    assert broadcast.state == Broadcast.State.PAUSED
    desk_client.post(f"/desk/newsletter/{broadcast.pk}/resume/")
    broadcast.refresh_from_db()
    assert broadcast.state == Broadcast.State.SENDING
    desk_client.post(f"/desk/newsletter/{broadcast.pk}/cancel/")
    broadcast.refresh_from_db()
    assert broadcast.state == Broadcast.State.CANCELLED
    assert desk_client.get(f"/desk/newsletter/{broadcast.pk}/explode/").status_code == 404


def test_scheduling_reads_the_time_in_the_desks_time_zone_and_refuses_the_past(desk_client, settings):
    settings.TIME_ZONE = "America/New_York"
    broadcast = services.create_broadcast(subject="Later", body="Words.")
    past = desk_client.post(f"/desk/newsletter/{broadcast.pk}/schedule/", {"send_at": "2020-01-01T09:00"})
    assert past.status_code == 400 and 'id="id_send_at_error"' in past.content.decode()
    later = (timezone.now() + timedelta(days=3)).astimezone(timezone.get_default_timezone())
    desk_client.post(f"/desk/newsletter/{broadcast.pk}/schedule/", {"send_at": later.strftime("%Y-%m-%dT09:30")})
    broadcast.refresh_from_db()
    assert broadcast.state == Broadcast.State.SCHEDULED
    local = broadcast.send_at.astimezone(timezone.get_default_timezone())
    assert (local.hour, local.minute, local.date()) == (9, 30, later.date())


def test_a_sent_issue_shows_failures_by_reason_and_retries_them(desk_client, subscribers):
    broadcast = services.create_broadcast(subject="Now", body="Words.")
    services.start_sending(broadcast)
    sending.send_all()
    Delivery.objects.filter(pk=Delivery.objects.first().pk).update(state=Delivery.State.FAILED,
                                                                    last_error="550 5.1.1 mailbox unavailable")
    page = desk_client.get(f"/desk/newsletter/{broadcast.pk}/").content.decode()
    assert "550 5.1.1 mailbox unavailable" in page and "Retry the failed ones" in page
    desk_client.post(f"/desk/newsletter/{broadcast.pk}/retry/")
    assert Delivery.objects.filter(state=Delivery.State.WAITING).count() == 1


def test_an_issue_can_start_from_a_published_answer(desk_client):
    article = create_article(title="The loop", letter="We fight.", answer="Notice it.",
                             publish_at=timezone.now() - timedelta(days=1))
    page = desk_client.get(f"/desk/newsletter/new/?article={article.pk}").content.decode()
    assert 'value="The loop"' in page and f'<option value="{article.pk}" selected>' in page
    assert "Notice it." in page  # the preview shows the answer


def test_a_digest_drafts_the_answers_published_since_the_last_issue(desk_client):
    old = create_article(title="Before the last issue", letter="L.", answer="A.",
                         publish_at=timezone.now() - timedelta(days=10))
    last = services.create_broadcast(subject="Last", body="Words.")
    services.start_sending(last)
    sending.send_all()
    Broadcast.objects.filter(pk=last.pk).update(started_at=timezone.now() - timedelta(days=5))
    assert Broadcast.objects.get(pk=last.pk).state == Broadcast.State.SENT
    new = create_article(title="After the last issue", letter="L.", answer="A fresh *answer*.",
                         publish_at=timezone.now() - timedelta(days=1))
    response = desk_client.post("/desk/newsletter/digest/")
    digest = Broadcast.objects.exclude(pk=last.pk).get()
    assert response["Location"] == f"/desk/newsletter/{digest.pk}/edit/"
    assert new.title in digest.body and old.title not in digest.body
    assert digest.state == Broadcast.State.DRAFT


def test_with_nothing_new_no_digest_is_drafted_and_the_expert_is_told(desk_client):
    response = desk_client.post("/desk/newsletter/digest/", follow=True)
    assert "No digest to draft." in response.content.decode()
    assert not Broadcast.objects.exists()


def test_the_email_preview_is_sandboxed(desk_client):
    broadcast = services.create_broadcast(subject="Now", body="Words.")
    response = desk_client.get(f"/desk/newsletter/{broadcast.pk}/email.html")
    assert "Words." in response.content.decode()
    assert response["Content-Security-Policy"].startswith("sandbox;")
