"""A member's private feed: a secret address for podcast-style readers, full answers while
the membership is active, the teaser once it is not, a new address on request (the old one
dead at once), and nothing for search engines or caches."""

import time
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from dearly.column.services import create_article
from dearly.members import feeds, services, signin
from dearly.members.models import Member, Membership, Tier
from dearly.members.testing import event, subscription
from dearly.members.tests.conftest import SECRET, path_of, post_event

HIDDEN = "The silver kettle sentence that only members hear."
pytestmark = pytest.mark.django_db


@pytest.fixture
def articles(db):
    yesterday = timezone.now() - timedelta(days=1)
    create_article(title="An open answer", letter="A letter.", answer="Open to all.", publish_at=yesterday)
    return create_article(title="A members' answer", letter="We drift apart.", visibility="members",
                          answer=f"The public teaser.\r\n \r\n<!--more-->\r\n\r\n{HIDDEN}", publish_at=yesterday)


@pytest.fixture
def paying(db, settings):
    settings.STRIPE_WEBHOOK_SECRET = SECRET
    tier = services.save_tier(Tier(name="Member", slug="member", included="All", monthly_price=500))
    member = signin.member_for_email("listener@example.com")
    meta = {"member": str(member.pk), "tier": str(tier.pk), "interval": "month"}
    post_event(event("customer.subscription.created", subscription(
        id="sub_feed", customer="cus_feed", status="active", metadata=meta), created=int(time.time())))
    client = Client()
    client.force_login(member.user)
    client.post("/account/feed/")
    member.refresh_from_db()
    client.feed = feeds.feed_path(member)
    client.member = member
    return client


def test_the_account_page_makes_a_private_feed_address(paying):
    html = paying.get("/account/").content.decode()
    assert paying.feed in html and "Make a new address" in html
    assert paying.feed.startswith("/feed/member/")


def test_a_paying_member_s_feed_carries_every_answer_in_full(paying, articles):
    response = Client().get(paying.feed)  # a podcast app: no cookies, only the address
    assert response.status_code == 200 and response["Content-Type"].startswith("application/rss+xml")
    body = response.content.decode()
    assert HIDDEN in body and "An open answer" in body and "The public teaser." in body
    assert "listener@example.com" not in body  # feed readers copy what a feed says to their servers


def test_the_feed_is_never_indexed_nor_cached(paying, articles):
    response = Client().get(paying.feed)
    assert "noindex" in response["X-Robots-Tag"]
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_once_the_membership_lapses_the_feed_carries_only_the_teaser(paying, articles):
    post_event(event("customer.subscription.deleted", subscription(
        id="sub_feed", customer="cus_feed", status="canceled", metadata={}), created=int(time.time()) + 5))
    body = Client().get(paying.feed).content.decode()
    assert HIDDEN not in body
    assert "The public teaser." in body and "The rest of this answer is for members" in body


def test_a_new_address_kills_the_old_one_at_once(paying, articles):
    old = paying.feed
    paying.post("/account/feed/")
    new = feeds.feed_path(Member.objects.get(pk=paying.member.pk))
    assert new != old
    assert Client().get(old).status_code == 404
    assert HIDDEN in Client().get(new).content.decode()


def test_a_forged_or_tampered_address_finds_nothing(paying, articles):
    key, mac = paying.feed.rstrip("/").rsplit("/", 1)[1].split("-")
    for token in [f"{key}-{'0' * 32}", f"{key}-", key, f"{'a' * 24}-{mac}", "-", f"{key}-{mac[:-1]}"]:
        response = Client().get(f"/feed/member/{token}/")
        assert response.status_code == 404, token
        assert HIDDEN not in response.content.decode()


def test_members_without_an_active_membership_and_strangers_get_no_hidden_text(articles, db):
    free = signin.member_for_email("free@example.com")
    path = services.rotate_feed(free)
    body = Client().get(path).content.decode()
    assert "The public teaser." in body and HIDDEN not in body
    Membership.objects.create(member=free, tier=None, status="active")  # no tier: nothing more
    assert HIDDEN not in Client().get(path).content.decode()


def test_the_address_is_in_the_data_export_and_gone_with_the_account(paying, articles):
    import json

    data = json.loads(paying.post("/account/my-data.json").content)
    assert path_of(data["account"]["private_feed"]) == paying.feed
    services.delete_account(Member.objects.get(pk=paying.member.pk))
    assert Client().get(paying.feed).status_code == 404
