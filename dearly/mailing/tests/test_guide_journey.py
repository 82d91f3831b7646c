"""The whole guide journey against a real SMTP server (aiosmtpd), messages parsed by Python's
email package: sign up, confirm by POST only, download, refuse bad links, leave in one click."""

import time
from unittest import mock
from urllib.parse import urlsplit

import pytest
from django.test import Client

from dearly.mailing import tokens
from dearly.mailing.models import ConsentRecord, GuideDownload, OutgoingEmail, Subscriber
from dearly.mailing.outbox import queue_email
from dearly.mailing.testing import deliver_outbox
from dearly.mailing.tests.helpers import links, make_form, make_guide

pytestmark = pytest.mark.django_db
SITE = "https://dearly.example"


@pytest.fixture(autouse=True)
def https_site(settings):
    settings.SITE_URL = SITE


def parts(message):
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    return text, html


def assert_list_headers(message, settings):
    """RFC 8058 and the footer, on every email to a subscriber."""
    header = str(message["List-Unsubscribe"]).strip()  # folding may put it on its own line
    assert header.startswith("<https://") and header.endswith(">"), header
    url = header[1:-1]
    assert urlsplit(url).path.startswith("/unsubscribe/")
    assert str(message["List-Unsubscribe-Post"]) == "List-Unsubscribe=One-Click"
    assert message["Message-ID"] and message["From"] == settings.DEFAULT_FROM_EMAIL
    text, html = parts(message)
    assert url in text and settings.POSTAL_ADDRESS in text
    assert url in html and settings.POSTAL_ADDRESS in html
    assert "<img" not in html  # no tracking pixels
    return url


def path(url):
    return urlsplit(url).path


def test_a_reader_gets_the_guide_and_leaves_with_one_click(client, smtp_server, settings):
    guide = make_guide()
    form = make_form(guide)

    response = client.post("/subscribe/", {"form": form.pk, "wording": 1, "email": "Sam@Example.com",
                                           "name": "Sam", "website": ""}, HTTP_SEC_FETCH_SITE="same-origin")
    assert response.status_code == 302 and response.url == "/subscribe/check-your-inbox/"
    assert not response.cookies
    assert deliver_outbox() == 1

    [confirmation] = smtp_server.messages
    assert confirmation["To"] == "sam@example.com"
    assert_list_headers(confirmation, settings)
    text, _ = parts(confirmation)
    [confirm_url] = links(text, "/confirm/")

    # A link scanner following the link confirms nothing.
    page = client.get(path(confirm_url))
    assert page.status_code == 200 and b"<button" in page.content
    client.head(path(confirm_url))
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING
    assert deliver_outbox() == 0 and len(smtp_server.messages) == 1

    # The person presses the button (a real CSRF round trip).
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(path(confirm_url))
    token = browser.cookies["csrftoken"].value
    confirmed = browser.post(path(confirm_url), {"csrfmiddlewaretoken": token})
    assert confirmed.status_code == 200 and b"on the list" in confirmed.content
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.SUBSCRIBED and subscriber.confirmed_at
    assert deliver_outbox() == 1

    guide_email = smtp_server.messages[1]
    unsubscribe_url = assert_list_headers(guide_email, settings)
    assert guide.title in guide_email["Subject"]
    text, html = parts(guide_email)
    [download_url] = links(text, "/download/")
    assert download_url in html

    pdf = client.get(path(download_url))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert "attachment" in pdf["Content-Disposition"]
    assert b"".join(pdf.streaming_content).startswith(b"%PDF-")
    assert GuideDownload.objects.filter(guide=guide, subscriber=subscriber).count() == 1

    # A tampered link and an expired one are refused, politely.
    token = path(download_url).split("/")[2]
    tampered = client.get(f"/download/{token[:-2]}{'AA' if not token.endswith('AA') else 'BB'}/")
    assert tampered.status_code == 400 and b"doesn" in tampered.content
    with mock.patch("django.core.signing.time.time", return_value=time.time() - 8 * 86400):
        old = tokens.download_path(guide, subscriber)
    expired = client.get(old)
    assert expired.status_code == 410 and b"expired" in expired.content
    assert GuideDownload.objects.count() == 1

    # One click, as a mail provider does it: a POST with no cookies, no CSRF token.
    provider = Client(enforce_csrf_checks=True)
    left = provider.post(path(unsubscribe_url), "List-Unsubscribe=One-Click",
                         content_type="application/x-www-form-urlencoded")
    assert left.status_code == 200 and not left.cookies
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert subscriber.consent_records.last().event == ConsentRecord.Event.WITHDRAWN

    # Nothing more reaches them, whatever else tries to.
    queue_email(to="sam@example.com", purpose="newsletter:1", template="mailing/email/test",
                context={"who": "Sam"}, subscriber=subscriber)
    other = make_guide(title="Another guide", slug="another")
    from dearly.mailing.services import send_guide

    send_guide(subscriber, other)
    assert deliver_outbox() == 0
    assert len(smtp_server.messages) == 2


def test_a_replayed_confirmation_link_changes_nothing(client, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    form = make_form(make_guide())
    client.post("/subscribe/", {"form": form.pk, "email": "ann@example.com"})
    deliver_outbox()
    from django.core import mail

    [confirm_url] = links(mail.outbox[0].body, "/confirm/")
    assert client.post(path(confirm_url)).status_code == 200
    again = client.post(path(confirm_url))
    assert again.status_code == 200 and b"already confirmed" in again.content
    assert deliver_outbox() == 1  # one guide, not two
    assert ConsentRecord.objects.filter(event=ConsentRecord.Event.CONFIRMED).count() == 1


def test_a_tampered_or_expired_confirmation_link_is_refused(client, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    form = make_form(make_guide())
    client.post("/subscribe/", {"form": form.pk, "email": "ann@example.com"})
    from dearly.mailing.models import SignUp

    signup = SignUp.objects.get()
    good = tokens.confirm_path(signup)
    bad = client.post(good.replace("/confirm/", "/confirm/x"))
    assert bad.status_code == 400
    with mock.patch("django.core.signing.time.time", return_value=time.time() - 8 * 86400):
        old = tokens.confirm_path(signup)
    assert client.get(old).status_code == 410
    assert client.post(old).status_code == 410
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


def test_an_unconfirmed_sign_up_expires_after_a_week(client, settings):
    from datetime import timedelta

    from django.utils import timezone

    from dearly.mailing import services
    from dearly.mailing.models import SignUp

    form = make_form(make_guide())
    services.sign_up(email="late@example.com", form=form)
    signup = SignUp.objects.get()
    with pytest.raises(services.SignUpExpired):
        services.confirm_subscription(signup, now=timezone.now() + timedelta(days=7, minutes=1))
    assert services.expire_unconfirmed(now=timezone.now() + timedelta(days=8)) == 1
    assert not Subscriber.objects.exists()
    assert OutgoingEmail.objects.get().to == ""  # the address is gone from the outbox too


def test_the_expiry_sweep_spares_someone_who_signs_up_again_meanwhile():
    from contextlib import contextmanager
    from datetime import timedelta

    from django.db import transaction
    from django.utils import timezone

    from dearly.mailing import services

    form = make_form(make_guide())
    services.sign_up(email="again@example.com", form=form)
    later = timezone.now() + timedelta(days=8)
    real_atomic = transaction.atomic

    signed_up_again = []

    @contextmanager
    def signs_up_again_first(*args, **kwargs):
        # The sweep has read its list; the person signs up again before it reaches them (once:
        # sign_up's own statements open transactions too).
        if not signed_up_again and not Subscriber.objects.get().signups.filter(state="pending").exists():
            signed_up_again.append(True)
            services.sign_up(email="again@example.com", form=form)
        with real_atomic(*args, **kwargs):
            yield

    with mock.patch("dearly.mailing.services.transaction.atomic", signs_up_again_first):
        assert services.expire_unconfirmed(now=later) == 0
    subscriber = Subscriber.objects.get()
    pending = subscriber.signups.get(state="pending")
    new_confirmation = OutgoingEmail.objects.get(purpose=f"confirm:{pending.pk}")
    assert new_confirmation.to == "again@example.com" and new_confirmation.state == OutgoingEmail.State.QUEUED


def test_an_expired_sign_ups_waiting_confirmation_is_cancelled_not_sent_to_nobody(settings):
    from datetime import timedelta

    from django.utils import timezone

    from dearly.mailing import services

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    services.sign_up(email="gone@example.com", form=make_form(make_guide()))
    assert services.expire_unconfirmed(now=timezone.now() + timedelta(days=8)) == 1
    email = OutgoingEmail.objects.get()
    assert email.to == "" and email.state == OutgoingEmail.State.CANCELLED
    assert deliver_outbox() == 0


def test_a_download_link_stops_working_once_the_subscriber_is_re_keyed(client):
    from dearly.mailing import services
    from dearly.mailing.models import SignUp

    guide = make_guide()
    services.sign_up(email="key@example.com", form=make_form(guide))
    subscriber = services.confirm_subscription(SignUp.objects.get()).subscriber
    url = tokens.download_path(guide, subscriber)
    assert client.get(url).status_code == 200
    Subscriber.objects.filter(pk=subscriber.pk).update(key="a-new-key")
    assert client.get(url).status_code == 400


def test_a_confirmation_link_that_expired_says_how_long_links_last(client, settings):
    from datetime import timedelta

    from django.utils import timezone

    from dearly.mailing import services
    from dearly.mailing.models import SignUp

    services.sign_up(email="slow@example.com", form=make_form(make_guide()))
    signup = SignUp.objects.get()
    SignUp.objects.filter(pk=signup.pk).update(expires_at=timezone.now() - timedelta(minutes=1), state="expired")
    for response in (client.get(tokens.confirm_path(signup)), client.post(tokens.confirm_path(signup))):
        assert response.status_code == 410
        assert f"work for {settings.SIGNUP_EXPIRY_DAYS} days" in response.content.decode()
