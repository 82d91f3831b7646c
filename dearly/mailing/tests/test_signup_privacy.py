"""What a sign-up may not give away or carry: the confirmation email holds nothing a stranger
typed, and the work done (so the time taken) is the same whatever we know about the address."""

import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dearly.mailing import services
from dearly.mailing.models import OutgoingEmail, SignUp, Subscriber, Suppression
from dearly.mailing.testing import deliver_outbox
from dearly.mailing.tests.helpers import links, make_form, make_guide, path_of

pytestmark = pytest.mark.django_db

SCAM = "Your account is locked, call +1 555 0100 http://evil.example"


@pytest.fixture(autouse=True)
def locmem(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def form():
    return make_form(make_guide())


def _bodies(message) -> str:
    return message.subject + message.body + "".join(content for content, _ in message.alternatives)


def test_the_confirmation_email_carries_no_name_typed_into_the_form(form):
    services.sign_up(email="victim@example.com", form=form, name=SCAM)
    deliver_outbox()
    [message] = mail.outbox
    for piece in ["locked", "555", "evil.example", "Your account"]:
        assert piece not in _bodies(message)


def test_the_confirmation_email_says_plainly_what_to_do_and_what_if_it_was_not_you(form):
    services.sign_up(email="sam@example.com", form=form, name="Sam")
    deliver_outbox()
    [message] = mail.outbox
    assert message.body.startswith("Please confirm that you asked for")
    html = message.alternatives[0][0]
    first_paragraph = re.search(r"<p[^>]*>(.*?)</p>", html, re.S).group(1)
    assert first_paragraph.startswith("Please confirm that you asked for")
    assert "Someone" not in _bodies(message) and "Sam" not in _bodies(message)
    assert "If you did not ask for this" in message.body and "If you did not ask for this" in html


def _confirm_by_the_emailed_link(client, message):
    [url] = links(message.body, "/confirm/")
    client.post(path_of(url))


def test_a_name_greets_only_after_confirmation_and_only_if_it_looks_like_a_name(client, form):
    services.sign_up(email="sam@example.com", form=form, name="Sam")
    services.sign_up(email="victim@example.com", form=form, name=SCAM)
    deliver_outbox()
    for message in list(mail.outbox):
        _confirm_by_the_emailed_link(client, message)
    mail.outbox.clear()
    deliver_outbox()
    guides = {message.to[0]: message for message in mail.outbox}
    assert guides["sam@example.com"].body.startswith("Hello Sam,")
    scam = guides["victim@example.com"]
    assert scam.body.startswith("Hello,")
    for piece in ["locked", "555", "evil.example"]:
        assert piece not in _bodies(scam)


@pytest.mark.parametrize("name, greeted", [
    ("Sam", "Sam"), ("Anne-Marie", "Anne-Marie"), ("José María", "José María"), ("O’Brien", "O’Brien"),
    ("J. R.", "J. R."), (SCAM, ""), ("sam@example.com", ""), ("Call 0800", ""), ("a" * 41, ""),
    ("Visit my site now", ""), ("<b>Sam</b>", ""),
])
def test_greeting_names_are_limited_to_what_looks_like_a_name(name, greeted):
    assert services.greeting_name(name) == greeted


def _statements(queries) -> list[str]:
    """Each statement's verb and table, without values: the shape of the work."""
    shapes = []
    for query in queries:
        sql = query["sql"]
        verb = sql.split(None, 1)[0].upper()
        table = re.search(r'(?:FROM|INTO|UPDATE)\s+"?(\w+)"?', sql, re.I)
        shapes.append(f"{verb} {table.group(1) if table else ''}".strip())
    return shapes


def _addresses_of_every_kind(form) -> dict[str, str]:
    services.sign_up(email="pending@example.com", form=form)
    services.sign_up(email="confirmed@example.com", form=form)
    services.confirm_subscription(SignUp.objects.get(subscriber__email="confirmed@example.com"))
    services.sign_up(email="left@example.com", form=form)
    services.confirm_subscription(SignUp.objects.get(subscriber__email="left@example.com"))
    services.unsubscribe(Subscriber.objects.get(email="left@example.com"))
    services.suppress("bounced@example.com", Suppression.Reason.BOUNCED)
    services.sign_up(email="complained@example.com", form=form)
    services.suppress("complained@example.com", Suppression.Reason.COMPLAINED)
    return {"new": "new@example.com", "pending": "pending@example.com", "confirmed": "confirmed@example.com",
            "unsubscribed": "left@example.com", "suppressed": "bounced@example.com",
            "suppressed subscriber": "complained@example.com"}


@pytest.mark.parametrize("newsletter_only", [False, True])
def test_a_sign_up_does_the_same_statements_whatever_is_known_about_the_address(newsletter_only):
    form = make_form(None if newsletter_only else make_guide())
    addresses = _addresses_of_every_kind(form)
    deliver_outbox()
    mail.outbox.clear()
    work = {}
    for kind, address in addresses.items():
        with CaptureQueriesContext(connection) as queries:
            services.sign_up(email=address, form=form, name="Sam")
        work[kind] = _statements(queries.captured_queries)
    assert all(statements == work["new"] for statements in work.values()), work
    # The outbox, not the sign-up, keeps mail from suppressed addresses.
    for kind in ("suppressed", "suppressed subscriber"):
        signup = SignUp.objects.filter(subscriber__email=addresses[kind]).latest("pk")
        assert OutgoingEmail.objects.get(purpose=f"confirm:{signup.pk}").state == OutgoingEmail.State.CANCELLED
    deliver_outbox()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        addresses[k] for k in ("new", "pending", "confirmed", "unsubscribed"))


def test_the_subscribe_page_answers_every_kind_of_address_alike(client, form):
    addresses = _addresses_of_every_kind(form)
    answers = set()
    for address in addresses.values():
        response = client.post("/subscribe/", {"form": form.pk, "wording": 1, "email": address, "name": "",
                                               "website": ""})
        answers.add((response.status_code, response["Location"], bool(response.cookies)))
    assert answers == {(302, "/subscribe/check-your-inbox/", False)}


def test_a_suppressed_address_that_never_confirms_is_forgotten_like_anyone(form):
    from datetime import timedelta

    from django.utils import timezone

    services.suppress("bounced@example.com", Suppression.Reason.BOUNCED)
    services.sign_up(email="bounced@example.com", form=form)
    assert services.expire_unconfirmed(now=timezone.now() + timedelta(days=30)) == 1
    assert not Subscriber.objects.exists()
    assert Suppression.objects.get().reason == Suppression.Reason.BOUNCED  # still never mailed
