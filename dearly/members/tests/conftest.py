import re

import pytest
from django.test import Client

from dearly.mailing.models import OutgoingEmail
from dearly.members import services
from dearly.members.models import Tier
from dearly.members.testing import FakeStripe, signed_event

SECRET = "whsec_test_secret_for_dearly"


def last_signin_email(address: str) -> OutgoingEmail:
    return OutgoingEmail.objects.filter(to=address.strip().lower(), purpose__startswith="member-signin:").order_by("-id").first()


def code_and_link(address: str) -> tuple[str, str]:
    email = last_signin_email(address)
    code = re.search(r"\b(\d{6})\b", email.subject).group(1)
    link = re.search(r"(http\S+/signin/link/\S+)", email.body_text).group(1)
    return code, link


def path_of(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


@pytest.fixture
def ask(client, db):
    """Ask for a way in as `client`'s browser; returns (code, link path)."""
    def ask_for(address="reader@example.com", browser=None):
        response = (browser or client).post("/signin/", {"email": address})
        assert response.status_code == 302, response.status_code
        code, link = code_and_link(address)
        return code, path_of(link)

    return ask_for


@pytest.fixture
def fake_stripe(settings):
    with FakeStripe() as fake:
        settings.STRIPE_SECRET_KEY = "sk_test_dearly"
        settings.STRIPE_WEBHOOK_SECRET = SECRET
        settings.STRIPE_API_BASE = fake.url
        yield fake


@pytest.fixture
def tiers(db):
    free = services.save_tier(Tier(name="Reader", slug="reader", included="The newsletter"))
    paid = services.save_tier(Tier(name="Member", slug="member", included="Every answer in full\nThe archive",
                                   monthly_price=500, yearly_price=5000, currency="USD", position=1))
    return free, paid


def post_event(evt, *, secret=SECRET, client=None):
    body, header = signed_event(evt, secret)
    return (client or Client()).post("/webhooks/stripe/", body, content_type="application/json",
                                     HTTP_STRIPE_SIGNATURE=header)
