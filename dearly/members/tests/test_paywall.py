"""The paywall (dearly.column.paywall) asks user.has_active_membership(): members answer it.
A sentinel sentence lives only in the members-only part of an answer."""

import time
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from dearly.column.services import create_article
from dearly.mailing.models import Subscriber
from dearly.members import services, signin
from dearly.members.models import Membership, Tier
from dearly.members.testing import event, subscription
from dearly.members.tests.conftest import SECRET, post_event

SENTINEL = "The orange heron only members read."
pytestmark = pytest.mark.django_db


@pytest.fixture
def article(db):
    return create_article(
        title="Money and us", letter="We fight about money.", topics=("Money",), visibility="members",
        answer=f"The public teaser.\r\n  \r\n<!--more-->\r\n\r\n{SENTINEL}\r\n",
        publish_at=timezone.now() - timedelta(days=1))


@pytest.fixture
def paid_tier(db):
    return services.save_tier(Tier(name="Member", slug="member", included="All", monthly_price=500))


def reader(email):
    member = signin.member_for_email(email)
    client = Client()
    client.force_login(member.user)
    return member, client


def sees(client, article) -> bool:
    html = client.get(article.get_absolute_url()).content.decode()
    assert "The public teaser." in html
    return SENTINEL in html


def test_a_paying_member_reads_the_members_only_answer(article, paid_tier, settings):
    settings.STRIPE_WEBHOOK_SECRET = SECRET
    member, client = reader("payer@example.com")
    meta = {"member": str(member.pk), "tier": str(paid_tier.pk), "interval": "month"}
    post_event(event("customer.subscription.created", subscription(
        id="sub_1", customer="cus_1", status="active", metadata=meta), created=int(time.time())))
    assert sees(client, article)


def test_a_complimentary_member_reads_it_until_the_day_it_ends(article, paid_tier):
    member, client = reader("friend@example.com")
    services.grant_complimentary(member, paid_tier, until=timezone.now().date())
    assert sees(client, article)
    Membership.objects.filter(member=member).update(complimentary_until=timezone.now().date() - timedelta(days=1))
    assert not sees(client, article)


def test_a_lapsed_member_does_not(article, paid_tier, settings):
    settings.STRIPE_WEBHOOK_SECRET = SECRET
    member, client = reader("lapsed@example.com")
    meta = {"member": str(member.pk), "tier": str(paid_tier.pk), "interval": "month"}
    now = int(time.time())
    post_event(event("customer.subscription.created", subscription(
        id="sub_2", customer="cus_2", status="active", metadata=meta), created=now))
    assert sees(client, article)
    post_event(event("customer.subscription.deleted", subscription(
        id="sub_2", customer="cus_2", status="canceled", metadata=meta), created=now + 1))
    assert not sees(client, article)


def test_a_member_whose_grace_period_ran_out_does_not(article, paid_tier):
    member, client = reader("late@example.com")
    Membership.objects.create(member=member, tier=paid_tier, interval="month", status="past_due",
                              grace_until=timezone.now() + timedelta(days=1))
    assert sees(client, article)
    Membership.objects.filter(member=member).update(grace_until=timezone.now() - timedelta(seconds=1))
    assert not sees(client, article)
    assert "the grace period ended" in client.get("/account/").content.decode()


def test_a_free_subscriber_and_a_free_account_do_not(article, paid_tier):
    Subscriber.objects.create(email="free@example.com", status=Subscriber.Status.SUBSCRIBED)
    member, client = reader("free@example.com")
    assert not sees(client, article)
    free = services.save_tier(Tier(name="Reader", slug="reader", included="News"))
    services.grant_complimentary(member, free)  # even "complimentary" on the free tier opens nothing more
    Membership.objects.filter(member=member).update(complimentary=False, status="active")
    assert not sees(client, article)
    assert not sees(Client(), article)
