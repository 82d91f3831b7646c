"""Leaving: the unsubscribe page and RFC 8058 one-click POST, preferences by signed link,
taking one's data away or deleting it, and bounces and complaints from the ESP's webhooks."""

import base64
import json
import time
from unittest import mock

import pytest
from django.test import Client

from dearly.column.services import topic_named
from dearly.mailing import imports, services, tokens
from dearly.mailing.models import (
    ConsentRecord,
    OutgoingEmail,
    SignUp,
    Subscriber,
    SubscriberImport,
    Suppression,
)
from dearly.mailing.outbox import queue_email
from dearly.mailing.tests.helpers import links, make_form, make_guide, path_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def locmem(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def subscriber():
    services.sign_up(email="sam@example.com", form=make_form(make_guide()), name="Sam")
    return services.confirm_subscription(SignUp.objects.get()).subscriber


def test_the_unsubscribe_page_has_a_button_and_a_way_to_preferences_and_changes_nothing(client, subscriber):
    page = client.get(tokens.unsubscribe_path(subscriber))
    html = page.content.decode()
    assert page.status_code == 200 and "<button" in html
    assert tokens.preferences_path(subscriber) in html
    subscriber.refresh_from_db()
    assert subscriber.is_subscribed


def test_one_click_unsubscribe_is_immediate_without_cookie_or_redirect(subscriber):
    waiting = queue_email(to=subscriber.email, purpose="newsletter:7", template="mailing/email/test",
                          context={}, subscriber=subscriber)
    client = Client(enforce_csrf_checks=True)
    response = client.post(tokens.unsubscribe_path(subscriber), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200 and not response.cookies and "Location" not in response
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED and subscriber.unsubscribed_at
    waiting.refresh_from_db()
    assert waiting.state == OutgoingEmail.State.CANCELLED
    record = subscriber.consent_records.last()
    assert record.event == ConsentRecord.Event.WITHDRAWN and "One-click" in record.detail
    # Twice is harmless and records nothing more.
    assert client.post(tokens.unsubscribe_path(subscriber), {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert subscriber.consent_records.filter(event=ConsentRecord.Event.WITHDRAWN).count() == 1


def test_a_forged_unsubscribe_token_is_refused(client, subscriber):
    token = tokens.unsubscribe_path(subscriber).split("/")[2]
    forged = tokens.subscriber_token(subscriber, tokens.PREFERENCES_SALT)  # another purpose's token
    assert client.post(f"/unsubscribe/{token[:-3]}abc/").status_code == 400
    assert client.post(f"/unsubscribe/{forged}/").status_code == 400
    subscriber.refresh_from_db()
    assert subscriber.is_subscribed


def test_preferences_are_saved_and_recorded(client, subscriber):
    money = topic_named("Money")
    topic_named("In-laws")
    url = tokens.preferences_path(subscriber)
    page = client.get(url)
    assert b"Money" in page.content and b"In-laws" in page.content
    response = client.post(url, {"action": "save", "topics": [money.pk]})
    assert response.status_code == 200 and b"Saved" in response.content
    subscriber.refresh_from_db()
    assert not subscriber.wants_newsletter and list(subscriber.topics.all()) == [money]
    record = subscriber.consent_records.last()
    assert record.event == ConsentRecord.Event.PREFERENCES and "Topics: Money" in record.detail


def test_preferences_need_a_csrf_token(subscriber):
    client = Client(enforce_csrf_checks=True)
    assert client.post(tokens.preferences_path(subscriber), {"action": "unsubscribe"}).status_code == 403


def test_a_subscriber_can_leave_from_preferences_and_come_back(client, subscriber):
    url = tokens.preferences_path(subscriber)
    client.post(url, {"action": "unsubscribe"})
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    client.post(url, {"action": "save", "wants_newsletter": "on"})
    subscriber.refresh_from_db()
    assert subscriber.is_subscribed and subscriber.wants_newsletter


def test_someone_who_never_confirmed_cannot_join_from_the_preferences_page(client):
    services.sign_up(email="pat@example.com", form=make_form(make_guide()))
    pending = Subscriber.objects.get()
    page = client.post(tokens.preferences_path(pending), {"action": "save", "wants_newsletter": "on"})
    assert page.status_code == 200 and b"confirmation email" in page.content
    pending.refresh_from_db()
    assert pending.status == Subscriber.Status.PENDING and pending.confirmed_at is None
    assert not pending.wants_newsletter


def emailed_link(client, subscriber, action, fragment):
    """Ask from the preferences page, as the reader does, and take the link from the email."""
    page = client.post(tokens.preferences_path(subscriber), {"action": action})
    assert page.status_code == 200 and b"emailed you a link" in page.content
    email = OutgoingEmail.objects.get(purpose__startswith=f"personal-data:{action}:")
    assert email.to == "sam@example.com" and email.state == OutgoingEmail.State.QUEUED
    [url] = links(email.body_text, fragment)
    return path_of(url)


def test_the_preferences_link_alone_neither_exports_nor_erases(client, subscriber):
    url = tokens.preferences_path(subscriber)
    for action in ("export", "erase", "data"):
        response = client.post(url, {"action": action, "confirm_erase": "yes"})
        assert not response["Content-Type"].startswith("application/json")
        assert b'"consent_records"' not in response.content
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()


def test_asking_twice_at_once_sends_one_email(client, subscriber):
    url = tokens.preferences_path(subscriber)
    client.post(url, {"action": "export"})
    client.post(url, {"action": "export"})
    assert OutgoingEmail.objects.filter(purpose__startswith="personal-data:export:").count() == 1


def test_a_subscriber_can_download_their_data_from_the_emailed_link(client, subscriber):
    url = emailed_link(client, subscriber, "export", "/my-data/")
    assert b"Download my data" in client.get(url).content  # a GET (a link scanner) gets a button only
    response = client.post(url)
    assert response["Content-Type"].startswith("application/json")
    data = json.loads(response.content)
    assert data["email"] == "sam@example.com" and data["name"] == "Sam"
    assert [r["event"] for r in data["consent_records"]] == ["requested", "confirmed"]
    assert data["consent_records"][0]["wording"] == "We will email you the guide and the newsletter."
    # Single purpose: the export link deletes nothing.
    assert client.post(url.replace("/my-data/", "/delete-me/"), {"confirm_erase": "yes"}).status_code == 400
    assert Subscriber.objects.exists()


def test_an_expired_or_tampered_data_link_is_refused_politely(client, subscriber):
    with mock.patch("django.core.signing.time.time", return_value=time.time() - 3601):
        old = tokens.personal_data_path(subscriber, "erase")
    expired = client.post(old, {"confirm_erase": "yes"})
    assert expired.status_code == 410 and b"expired" in expired.content
    fresh = tokens.personal_data_path(subscriber, "erase")
    tampered = client.post(fresh[:-3] + "xyz/", {"confirm_erase": "yes"})
    assert tampered.status_code == 400 and b"doesn" in tampered.content
    assert Subscriber.objects.exists()


def test_a_subscriber_can_delete_their_data_and_no_import_brings_them_back(client, subscriber):
    url = emailed_link(client, subscriber, "erase", "/delete-me/")
    prefs = tokens.preferences_path(subscriber)
    assert client.get(url).status_code == 200 and Subscriber.objects.exists()  # a GET deletes nothing
    refused = client.post(url)
    assert refused.status_code == 400 and Subscriber.objects.exists()
    done = client.post(url, {"confirm_erase": "yes"})
    assert done.status_code == 200 and b"deleted" in done.content
    assert not Subscriber.objects.exists() and not ConsentRecord.objects.exists()
    assert not OutgoingEmail.objects.filter(to="sam@example.com").exists()
    # The deletion link's own email (not a list email) is forgotten too, and not left due.
    assert not OutgoingEmail.objects.filter(state__in=OutgoingEmail.DUE_STATES).exists()
    assert client.get(prefs).status_code == 400  # old links stop working
    assert client.post(url, {"confirm_erase": "yes"}).status_code == 400
    suppression = Suppression.objects.get()
    assert suppression.email == "" and suppression.reason == Suppression.Reason.ERASED

    batch = SubscriberImport.objects.create(filename="old.csv", content="email,consent_source\nsam@example.com,Fair\n")
    report = imports.import_subscribers(batch)
    assert report["imported"] == 0 and report["rejected"][0]["reason"] == imports.SUPPRESSED

    # The person may still come back on their own, through double opt-in.
    services.sign_up(email="sam@example.com", form=make_form(None))
    services.confirm_subscription(SignUp.objects.get())
    assert Subscriber.objects.get().is_subscribed and not Suppression.objects.exists()


# ESP webhooks -------------------------------------------------------------------------------

POSTMARK_BOUNCE = {
    "RecordType": "Bounce", "MessageStream": "outbound", "ID": 4323372036854775807, "Type": "HardBounce",
    "TypeCode": 1, "Name": "Hard bounce", "Tag": "", "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483",
    "Metadata": {}, "ServerID": 23,
    "Description": "The server was unable to deliver your message (ex: unknown user, mailbox not found).",
    "Details": "smtp;550 5.1.1 The email account that you tried to reach does not exist.",
    "Email": "sam@example.com", "From": "letters@dearly.example", "BouncedAt": "2026-11-05T16:33:54.9070259Z",
    "DumpAvailable": False, "Inactive": True, "CanActivate": True, "Subject": "Your guide",
}
POSTMARK_COMPLAINT = {**POSTMARK_BOUNCE, "RecordType": "SpamComplaint", "Type": "SpamComplaint", "TypeCode": 512,
                      "Name": "Spam complaint", "Description": "The subscriber explicitly marked this message as spam."}
POSTMARK_SOFT = {**POSTMARK_BOUNCE, "Type": "SoftBounce", "TypeCode": 4096, "Name": "Soft bounce"}
WEBHOOK = "/webhooks/anymail/postmark/tracking/"


@pytest.fixture
def webhook_secret(settings):
    settings.EMAIL_BACKEND = "anymail.backends.postmark.EmailBackend"
    settings.ANYMAIL = {**settings.ANYMAIL, "WEBHOOK_SECRET": "postmark:s3cret-words"}
    return "Basic " + base64.b64encode(b"postmark:s3cret-words").decode()


def post_event(client, payload, auth=None):
    extra = {"HTTP_AUTHORIZATION": auth} if auth else {}
    return client.post(WEBHOOK, json.dumps(payload), content_type="application/json", **extra)


def test_a_hard_bounce_from_the_esp_suppresses_the_address(client, subscriber, webhook_secret):
    assert post_event(client, POSTMARK_BOUNCE, webhook_secret).status_code == 200
    suppression = Suppression.objects.get()
    assert suppression.email == "sam@example.com" and suppression.reason == Suppression.Reason.BOUNCED
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert queue_email(to="sam@example.com", purpose="x", template="mailing/email/test",
                       context={}).state == OutgoingEmail.State.CANCELLED


def test_a_spam_complaint_suppresses_the_address(client, subscriber, webhook_secret):
    post_event(client, POSTMARK_COMPLAINT, webhook_secret)
    assert Suppression.objects.get().reason == Suppression.Reason.COMPLAINED


def test_a_soft_bounce_suppresses_nothing(client, subscriber, webhook_secret):
    post_event(client, POSTMARK_SOFT, webhook_secret)
    assert not Suppression.objects.exists()


def test_a_forged_webhook_is_refused(client, subscriber, webhook_secret):
    wrong = "Basic " + base64.b64encode(b"postmark:guess").decode()
    assert post_event(client, POSTMARK_BOUNCE).status_code == 400
    assert post_event(client, POSTMARK_BOUNCE, wrong).status_code == 400
    assert not Suppression.objects.exists()


def test_webhooks_are_off_until_a_secret_is_set(client, subscriber, settings):
    settings.ANYMAIL = {}
    assert post_event(client, POSTMARK_BOUNCE).status_code == 404
    assert not Suppression.objects.exists()


def test_the_webhooks_of_esps_not_in_use_answer_404(client, subscriber, webhook_secret):
    # Each would otherwise fail on its own missing settings (signing keys, boto3): a 500.
    from dearly.email import webhooks

    others = [p.name.removesuffix("_tracking_webhook") for p in webhooks.tracking_urls()]
    assert "mailgun" in others and "amazon_ses" in others
    for esp in others:
        if esp == "postmark":
            continue
        response = client.post(f"/webhooks/anymail/{esp}/tracking/", "{}", content_type="application/json",
                               HTTP_AUTHORIZATION=webhook_secret)
        assert response.status_code == 404, esp
    assert post_event(client, POSTMARK_BOUNCE, webhook_secret).status_code == 200


def test_someone_who_left_and_never_confirmed_rejoining_is_unsubscribed_again_on_the_record():
    from datetime import timedelta

    from django.utils import timezone

    form = make_form(None)
    services.sign_up(email="back@example.com", form=form)
    services.confirm_subscription(SignUp.objects.get())
    person = Subscriber.objects.get()
    services.unsubscribe(person, detail="Left")
    services.sign_up(email="back@example.com", form=form)  # pending again, until they confirm
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING
    services.expire_unconfirmed(now=timezone.now() + timedelta(days=8))
    person.refresh_from_db()
    assert person.status == Subscriber.Status.UNSUBSCRIBED and not person.wants_newsletter
    events = list(person.consent_records.order_by("created_at", "id").values_list("event", flat=True))
    assert events[-2:] == ["requested", "withdrawn"]
