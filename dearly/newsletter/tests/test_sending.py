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
