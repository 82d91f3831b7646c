"""A broadcast sent through a real SMTP server: every recipient once, with their own
unsubscribe link and the RFC 8058 headers; nobody outside the segment."""

import pytest
from django.urls import resolve

from dearly.email.testing import deliver_outbox
from dearly.mailing.models import Subscriber
from dearly.newsletter import selectors, sending, services
from dearly.newsletter.models import Broadcast, Delivery
from dearly.newsletter.tests.helpers import newsletters_at, readers, subscribe

pytestmark = pytest.mark.django_db


def test_every_confirmed_subscriber_gets_the_issue_once_with_their_own_unsubscribe_link(smtp_server, client):
    people = subscribe(*readers(5))
    deliver_outbox()  # the confirmations
    smtp_server.messages.clear()
    broadcast = services.create_broadcast(subject="Twice a month: how fights end", body="Hello **all**.\n\nA second paragraph.")
    assert selectors.recipients_count("all") == 5
    assert services.start_sending(broadcast) == 5
    assert sending.send_all() == 5

    got = newsletters_at(smtp_server)
    assert sorted(str(m["To"]) for m in got) == sorted(p.email for p in people)
    assert len({m["Message-ID"] for m in got}) == 5
    broadcast.refresh_from_db()
    assert broadcast.state == Broadcast.State.SENT
    assert selectors.progress(broadcast) | {"rate": 0} == selectors.progress(broadcast) | {
        "state": "sent", "total": 5, "sent": 5, "failed": 0, "waiting": 0, "done": 1.0, "rate": 0}

    first = got[0]
    assert first["Subject"] == "Twice a month: how fights end"
    assert first["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert first["List-Id"]
    unsubscribe_url = str(first["List-Unsubscribe"]).strip("<>")
    text = first.get_body(("plain",)).get_content()
    html = first.get_body(("html",)).get_content()
    assert "Hello all." in text and "<strong>all</strong>" in html
    assert unsubscribe_url in text and unsubscribe_url in html
    assert "@@DEARLY" not in text + html
    # Each recipient's link is their own, and one POST (RFC 8058) unsubscribes exactly them.
    path = unsubscribe_url.removeprefix("http://testserver").split("://", 1)[-1]
    path = path[path.index("/"):]
    assert resolve(path)
    response = client.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code in (200, 302)
    person = Subscriber.objects.get(email=str(first["To"]))
    assert person.status == Subscriber.Status.UNSUBSCRIBED
    assert Subscriber.objects.filter(status=Subscriber.Status.SUBSCRIBED).count() == 4


def test_starting_twice_makes_no_second_delivery(smtp_server):
    subscribe(*readers(3))
    broadcast = services.create_broadcast(subject="Once", body="Only once.")
    assert services.start_sending(broadcast) == 3
    assert services.start_sending(broadcast) == 0
    assert Delivery.objects.count() == 3
    assert sending.send_all() == 3
    assert sending.send_all() == 0
    assert len(newsletters_at(smtp_server)) == 3


def test_through_smtp_with_a_dkim_key_each_issue_is_signed_and_verifies(smtp_server, settings, monkeypatch, tmp_path):
    import dkim

    from dearly.email.tests.test_dkim import SMTP, capture_raw, key_pair
    from dearly.env import dkim_config

    private, txt_record = key_pair.__wrapped__(tmp_path)
    monkeypatch.setenv("DKIM_PRIVATE_KEY_FILE", str(private))
    monkeypatch.setenv("DKIM_SELECTOR", "dearly2026")
    monkeypatch.delenv("DKIM_DOMAIN", raising=False)
    for name, value in dkim_config(SMTP, "Dearly <letters@dearly.example>").items():
        setattr(settings, name, value)
    subscribe("reader@example.com")
    raw = capture_raw(smtp_server)
    services.start_sending(services.create_broadcast(subject="Signed, sealed", body="Signed — with a dash."))
    assert sending.send_all() == 1
    [message] = [m for m in raw if b"Signed, sealed" in m]
    assert message.startswith(b"DKIM-Signature:")
    signature = message.split(b"\r\n\r\n", 1)[0]
    for header in (b"list-unsubscribe", b"list-unsubscribe-post", b"list-id", b"message-id", b"subject"):
        assert header in signature.lower().split(b"h=", 1)[1].split(b";", 1)[0]
    assert dkim.verify(message, dnsfunc=lambda name, timeout=5: txt_record)
    assert not dkim.verify(message.replace(b"dash", b"dot", 1), dnsfunc=lambda name, timeout=5: txt_record)


def test_with_the_demo_mailbox_or_an_esp_the_issue_goes_through_the_backends_own_send(settings):
    from dearly.email.models import MailboxMessage

    settings.EMAIL_BACKEND = "dearly.email.mailbox.MailboxBackend"  # what make run uses by default
    people = subscribe(*readers(3))
    MailboxMessage.objects.all().delete()
    broadcast = services.create_broadcast(subject="Into the mailbox", body="Hello.")
    services.start_sending(broadcast)
    assert sending.send_all() == 3
    kept = MailboxMessage.objects.filter(subject="Into the mailbox")
    assert sorted(m.to for m in kept) == sorted(p.email for p in people)
    message = kept.first()
    assert message.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.headers["List-Unsubscribe"].strip("<>") in message.body_text
    assert message.headers["Message-ID"].startswith(f"<newsletter.{broadcast.pk}.")


def test_non_ascii_subjects_and_bodies_arrive_intact(smtp_server):
    subscribe("zoe@bücher.example", "reader@example.com")
    subject = "Réparer après une dispute — « frapper à la porte »"
    body = "Ça arrive à tout le monde. Ne vous découragez pas: " + "très long paragraphe " * 80
    services.start_sending(services.create_broadcast(subject=subject, body=body))
    assert sending.send_all() == 2
    for message in newsletters_at(smtp_server):
        assert str(message["Subject"]) == subject
        text = message.get_body(("plain",)).get_content()
        assert "Ça arrive à tout le monde" in text and "très long paragraphe " * 10 in " ".join(text.split())
        assert max(len(line) for line in message.as_bytes().split(b"\n")) <= 998
    # An international domain goes out in its ASCII (IDNA) form, which every server reads.
    assert sorted(str(m["To"]) for m in newsletters_at(smtp_server)) == ["reader@example.com",
                                                                        "zoe@xn--bcher-kva.example"]
