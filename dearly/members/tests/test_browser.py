"""A reader in a real browser: signs in by the emailed link, joins through (pretend) Stripe
Checkout, reads a members-only answer, downloads their data and deletes their account."""

import json
import time
import urllib.request
from datetime import timedelta

import pytest
from django.utils import timezone

from dearly.column.services import create_article
from dearly.mailing.models import MailboxMessage
from dearly.mailing.testing import deliver_outbox
from dearly.mailing.tests.helpers import links
from dearly.members import services
from dearly.members.models import Member, Tier
from dearly.members.testing import FakeStripe, checkout_session, event, signed_event, subscription

SECRET = "whsec_browser_test"
SENTINEL = "Only members reach this quiet sentence."


def deliver_webhook(base_url: str, evt: dict):
    body, header = signed_event(evt, SECRET)
    request = urllib.request.Request(f"{base_url}/webhooks/stripe/", data=body, method="POST",
                                     headers={"Content-Type": "application/json", "Stripe-Signature": header})
    with urllib.request.urlopen(request) as response:
        assert response.status == 200


@pytest.mark.browser
def test_a_reader_joins_reads_takes_their_data_and_leaves(live_server, page, settings, axe, transactional_db):
    settings.SITE_URL = live_server.url
    settings.EMAIL_BACKEND = "dearly.email.mailbox.MailboxBackend"
    tier = services.save_tier(Tier(name="Member", slug="member", included="Every answer in full",
                                   monthly_price=500, yearly_price=5000))
    article = create_article(title="When money divides us", letter="We fight about money.", topics=("Money",),
                             answer=f"Start with what you fear.\n\n<!--more-->\n\n{SENTINEL}", visibility="members",
                             publish_at=timezone.now() - timedelta(days=1))
    with FakeStripe() as fake:
        settings.STRIPE_SECRET_KEY = "sk_test_browser"
        settings.STRIPE_WEBHOOK_SECRET = SECRET
        settings.STRIPE_API_BASE = fake.url

        # Sign in by the emailed link.
        page.goto(live_server.url + "/signin/")
        assert axe(page) == []
        page.get_by_label("Your email").fill("reader@example.com")
        page.get_by_role("button", name="Email me a way in").click()
        page.get_by_role("heading", name="Check your inbox").wait_for()
        assert axe(page) == []
        assert deliver_outbox() == 1
        [link] = links(MailboxMessage.objects.get(to="reader@example.com").body_text, "/signin/link/")
        page.goto(link)
        assert not Member.objects.exists()  # opening the link signs no one in
        page.get_by_role("button", name="Sign me in").click()
        page.get_by_role("heading", name="Your account").wait_for()
        assert axe(page) == []
        member = Member.objects.get(email="reader@example.com")

        # Join through the pretend Checkout; Stripe's webhook makes the membership.
        page.goto(live_server.url + "/join/")
        assert axe(page) == []
        page.get_by_role("button", name="Join for $5 a month").click()
        page.get_by_role("heading", name="Pretend Checkout").wait_for()
        [sent] = fake.calls("/v1/checkout/sessions")
        meta = {"member": str(member.pk), "tier": str(tier.pk), "interval": "month"}
        now = int(time.time())
        deliver_webhook(live_server.url, event("checkout.session.completed", checkout_session(
            member_pk=member.pk, customer="cus_browser", subscription="sub_browser", metadata=meta), created=now))
        sub = subscription(id="sub_browser", customer="cus_browser", status="active", metadata=meta)
        fake.subscriptions["sub_browser"] = sub
        deliver_webhook(live_server.url, event("customer.subscription.created", sub, created=now))
        page.get_by_role("link", name="Pay").click()
        page.get_by_text("Every answer is open to you now.").wait_for()
        assert "Member, billed monthly: active" in page.content()
        assert sent["success_url"] == f"{live_server.url}/account/?joined=1"

        # Read the members-only answer.
        page.goto(live_server.url + article.get_absolute_url())
        page.get_by_text(SENTINEL).wait_for()

        # Download one's data.
        page.goto(live_server.url + "/account/")
        with page.expect_download() as download_info:
            page.get_by_role("button", name="Download my data").click()
        with open(download_info.value.path()) as f:
            data = json.load(f)
        assert data["account"]["email"] == "reader@example.com" and data["membership"]["status"] == "active"

        # Delete the account: Stripe's subscription is cancelled, the person is gone.
        page.get_by_role("link", name="Delete my account").click()
        assert axe(page) == []
        page.get_by_label("Yes, delete my account").check()
        page.get_by_role("button", name="Delete my account").click()
        page.get_by_role("heading", name="Your account is deleted").wait_for()
        assert ("DELETE", "/v1/subscriptions/sub_browser", {}) in fake.requests
        assert not Member.objects.exists()
        page.goto(live_server.url + article.get_absolute_url())
        assert SENTINEL not in page.content()
