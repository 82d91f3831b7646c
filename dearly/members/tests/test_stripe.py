"""Tiers and payment through Stripe: Checkout to join, the portal to manage, and webhooks (signed,
processed once, in any order) as the only source of a paid membership's state. Every API call
goes to dearly.members.testing.FakeStripe on loopback, never to Stripe."""

import time
from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from dearly.members import services, signin
from dearly.members.models import Membership, Payment, Question, StripeEvent, Tier
from dearly.members.testing import (
    checkout_session,
    event,
    invoice,
    signed_event,
    subscription,
)
from dearly.members.tests.conftest import SECRET, post_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(db):
    return signin.member_for_email("payer@example.com")


@pytest.fixture
def member_client(member):
    client = Client()
    client.force_login(member.user)
    return client


def ids(member, paid):
    return {"member": str(member.pk), "tier": str(paid.pk), "interval": "month"}


def state(member):
    return Membership.objects.get(member=member)


# Joining ----------------------------------------------------------------------------------------

def test_the_join_page_shows_tiers_prices_and_questions(client, tiers, fake_stripe):
    services.save_question(Question(question="Can I cancel?", answer="Yes, *whenever* you like."))
    html = client.get("/join/").content.decode()
    assert "Every answer in full" in html and "Join for $5 a month" in html and "Join for $50 a year" in html
    assert "Can I cancel?" in html and "<em>whenever</em>" in html


def test_without_stripe_keys_paid_tiers_are_not_available_yet(client, tiers, member_client, settings):
    settings.STRIPE_SECRET_KEY = ""
    html = client.get("/join/").content.decode()
    assert "Not available yet" in html and "Join for" not in html and "$5 a month" in html
    response = member_client.post("/join/member/month/")
    assert response.status_code == 302 and response["Location"] == "/join/"
    assert not Membership.objects.filter(status="active").exists()
    assert member_client.get("/account/").status_code == 200  # everything else works


def test_joining_a_paid_tier_goes_through_stripe_checkout(member_client, member, tiers, fake_stripe):
    response = member_client.post("/join/member/year/")
    assert response.status_code == 303
    assert response["Location"].startswith(fake_stripe.url + "/pay/cs_test_")
    assert fake_stripe.url in member_client.get("/join/")["Content-Security-Policy"].split("form-action")[1]
    [sent] = fake_stripe.calls("/v1/checkout/sessions")
    assert sent["mode"] == "subscription" and sent["client_reference_id"] == str(member.pk)
    price = fake_stripe.prices[sent["line_items[0][price]"]]  # the tier's own Stripe Price
    assert (price["unit_amount"], price["currency"], price["recurring"]["interval"]) == (5000, "usd", "year")
    assert fake_stripe.products[price["product"]]["name"] == "Dearly Member"
    assert sent["subscription_data[metadata][member]"] == str(member.pk)
    assert sent["customer_email"] == "payer@example.com"
    assert not member.user.has_active_membership()  # only a webhook makes a member


def test_joining_asks_anonymous_readers_to_sign_in_first(client, tiers, fake_stripe):
    response = client.post("/join/member/month/")
    assert response.status_code == 302 and response["Location"] == "/signin/?next=%2Fjoin%2F"
    assert fake_stripe.requests == []


def test_an_unknown_plan_is_not_found(member_client, tiers, fake_stripe):
    assert member_client.post("/join/reader/month/").status_code == 404
    assert member_client.post("/join/member/week/").status_code == 404


def test_the_customer_portal_manages_card_and_cancelling(member_client, member, tiers, fake_stripe):
    post_event(event("checkout.session.completed", checkout_session(
        member_pk=member.pk, customer="cus_test_1", subscription="sub_test_1", metadata=ids(member, tiers[1])),
        created=int(time.time())))
    response = member_client.post("/account/billing/")
    assert response.status_code == 303 and response["Location"] == f"{fake_stripe.url}/portal/cus_test_1"
    [sent] = fake_stripe.calls("/v1/billing_portal/sessions")
    [configuration] = fake_stripe.configurations
    assert sent == {"customer": "cus_test_1", "return_url": "http://127.0.0.1:8000/account/",
                    "configuration": configuration}
    features = fake_stripe.configurations[configuration]["features"]
    assert features["payment_method_update"]["enabled"] and features["subscription_cancel"]["enabled"]
    assert not features["customer_update"]["enabled"]  # the address changes here, confirmed first


# Webhooks ---------------------------------------------------------------------------------------

def test_a_bad_signature_is_refused(member, tiers, fake_stripe):
    evt = event("checkout.session.completed", checkout_session(
        member_pk=member.pk, customer="cus_1", subscription="sub_1", metadata=ids(member, tiers[1])),
        created=int(time.time()))
    assert post_event(evt, secret="whsec_someone_else").status_code == 400
    body, header = signed_event(evt, SECRET)
    assert Client().post("/webhooks/stripe/", body.replace(b"paid", b"PAID"), content_type="application/json",
                         HTTP_STRIPE_SIGNATURE=header).status_code == 400
    assert Client().post("/webhooks/stripe/", body, content_type="application/json").status_code == 400
    old_body, old_header = signed_event(evt, SECRET, at=int(time.time()) - 3600)
    assert Client().post("/webhooks/stripe/", old_body, content_type="application/json",
                         HTTP_STRIPE_SIGNATURE=old_header).status_code == 400
    assert not Membership.objects.exists() and not StripeEvent.objects.exists()


def test_without_a_webhook_secret_every_event_is_refused(member, tiers, fake_stripe, settings):
    settings.STRIPE_WEBHOOK_SECRET = ""
    evt = event("invoice.paid", invoice(customer="c", subscription_id="s", metadata=ids(member, tiers[1])),
                created=int(time.time()))
    assert post_event(evt).status_code == 400


def test_a_paid_checkout_makes_a_member(member, tiers, fake_stripe):
    now = int(time.time())
    meta = ids(member, tiers[1])
    assert post_event(event("checkout.session.completed", checkout_session(
        member_pk=member.pk, customer="cus_1", subscription="sub_1", metadata=meta), created=now)).status_code == 200
    membership = state(member)
    assert (membership.status, membership.tier, membership.interval) == ("active", tiers[1], "month")
    assert membership.stripe_customer_id == "cus_1" and membership.stripe_subscription_id == "sub_1"
    assert member.user.has_active_membership()


def test_a_replayed_event_is_processed_once(member, tiers, fake_stripe):
    meta = ids(member, tiers[1])
    now = int(time.time())
    paid = event("invoice.paid", invoice(customer="cus_1", subscription_id="sub_1", metadata=meta), created=now)
    failed = event("invoice.payment_failed", invoice(customer="cus_1", subscription_id="sub_1", metadata=meta,
                                                     paid=False), created=now + 5)
    assert post_event(paid).status_code == 200
    assert post_event(failed).status_code == 200
    assert state(member).status == "past_due"
    # Stripe retries the paid invoice's event (same id, newer delivery): seen, so nothing changes.
    paid["created"] = now + 10
    assert post_event(paid).status_code == 200
    assert state(member).status == "past_due"
    assert StripeEvent.objects.count() == 2 and Payment.objects.count() == 1


def test_events_out_of_order_end_in_the_right_state(member, tiers, fake_stripe):
    meta, now = ids(member, tiers[1]), int(time.time())
    sub = dict(id="sub_9", customer="cus_9", metadata=meta)
    # Stripe delivered the end first, then the beginning and the renewal, then the checkout.
    for evt in [
        event("customer.subscription.deleted", subscription(status="canceled", **sub), created=now + 30),
        event("customer.subscription.created", subscription(status="active", **sub), created=now + 1),
        event("invoice.paid", invoice(customer="cus_9", subscription_id="sub_9", metadata=meta), created=now + 2),
        event("customer.subscription.updated", subscription(status="active", **sub), created=now + 20),
        event("checkout.session.completed", checkout_session(
            member_pk=member.pk, customer="cus_9", subscription="sub_9", metadata=meta), created=now),
    ]:
        assert post_event(evt).status_code == 200
    assert state(member).status == "canceled" and not member.user.has_active_membership()
    assert Payment.objects.get().member == member  # the payment is still on the books


def test_an_older_update_arriving_late_changes_nothing(member, tiers, fake_stripe):
    meta, now = ids(member, tiers[1]), int(time.time())
    sub = dict(id="sub_5", customer="cus_5", metadata=meta)
    post_event(event("customer.subscription.updated", subscription(status="active", **sub), created=now + 10))
    post_event(event("invoice.payment_failed", invoice(customer="cus_5", subscription_id="sub_5", metadata=meta,
                                                       paid=False), created=now + 5))
    post_event(event("customer.subscription.created", subscription(status="incomplete", **sub), created=now))
    assert state(member).status == "active"


def test_a_failed_payment_keeps_the_member_reading_through_the_grace_period(member, tiers, fake_stripe, settings):
    settings.MEMBERSHIP_GRACE_DAYS = 7
    meta, now = ids(member, tiers[1]), int(time.time())
    sub = dict(id="sub_7", customer="cus_7", metadata=meta)
    post_event(event("customer.subscription.created", subscription(status="active", **sub), created=now))
    post_event(event("invoice.payment_failed", invoice(customer="cus_7", subscription_id="sub_7", metadata=meta,
                                                       paid=False), created=now + 1))
    post_event(event("customer.subscription.updated", subscription(status="past_due", **sub), created=now + 2))
    membership = state(member)
    assert membership.status == "past_due"
    assert membership.grace_until == datetime.fromtimestamp(now + 1, tz=UTC) + timedelta(days=7)
    assert membership.is_active(timezone.now() + timedelta(days=6))
    assert not membership.is_active(timezone.now() + timedelta(days=8))
    post_event(event("invoice.paid", invoice(customer="cus_7", subscription_id="sub_7", metadata=meta),
                     created=now + 3))
    assert state(member).status == "active" and state(member).grace_until is None


def test_joining_again_after_cancelling_starts_a_new_subscription(member, tiers, fake_stripe):
    meta, now = ids(member, tiers[1]), int(time.time())
    post_event(event("customer.subscription.deleted", subscription(id="sub_old", customer="cus_1", status="canceled",
                                                                   metadata=meta), created=now))
    post_event(event("customer.subscription.created", subscription(id="sub_new", customer="cus_1", status="active",
                                                                   metadata=meta), created=now + 60))
    assert state(member).status == "active" and state(member).stripe_subscription_id == "sub_new"


# The desk -----------------------------------------------------------------------------------------

def test_the_expert_grants_a_complimentary_membership(desk_client, tiers):
    response = desk_client.post("/desk/members/", {"email": "Friend@Example.com", "tier": tiers[1].pk, "until": ""})
    assert response.status_code == 302
    friend = signin.member_for_email("friend@example.com")
    assert friend.user.has_active_membership() and friend.membership.complimentary
    desk_client.post(f"/desk/members/{friend.membership.pk}/end-complimentary/")
    friend.refresh_from_db()
    assert not friend.user.has_active_membership()


def test_the_desk_shows_members_their_tier_state_and_monthly_revenue(desk_client, tiers, fake_stripe):
    now = int(time.time())
    for i, interval in enumerate(["month", "year", "month"]):
        someone = signin.member_for_email(f"m{i}@example.com")
        meta = {"member": str(someone.pk), "tier": str(tiers[1].pk), "interval": interval}
        post_event(event("customer.subscription.created", subscription(
            id=f"sub_{i}", customer=f"cus_{i}", status="active" if i < 2 else "canceled", metadata=meta,
            interval=interval, price=500 if interval == "month" else 5000), created=now))
    services.grant_complimentary(signin.member_for_email("friend@example.com"), tiers[1])
    html = desk_client.get("/desk/members/").content.decode()
    # $5 a month + $50 a year (≈ $4.17 a month); the canceled and the complimentary bring nothing.
    assert "$9.17" in html and "2 paying" in html
    assert "m0@example.com" in html and "Complimentary" in html and "Ended" in html


def test_the_expert_defines_tiers_in_the_desk(desk_client):
    response = desk_client.post("/desk/members/tiers/new/", {
        "name": "Patron", "slug": "patron", "included": "Everything", "monthly_price": "1000",
        "yearly_price": "", "currency": "e", "position": "2", "is_active": "on"})
    assert response.status_code == 400 and "Three letters" in response.content.decode()
    response = desk_client.post("/desk/members/tiers/new/", {
        "name": "Patron", "slug": "patron", "included": "Everything", "monthly_price": "1000",
        "yearly_price": "", "currency": "EUR", "position": "2", "is_active": "on"})
    assert response.status_code == 302
    tier = Tier.objects.get(slug="patron")
    assert (tier.currency, tier.monthly_price, tier.is_free) == ("eur", 1000, False)
    assert "€10 a month" in Client().get("/join/").content.decode()


def test_a_deleted_subscription_stays_ended_whatever_arrives_after(member, tiers, fake_stripe):
    meta, now = ids(member, tiers[1]), int(time.time())
    sub = dict(id="sub_3", customer="cus_3", metadata=meta)
    post_event(event("customer.subscription.created", subscription(status="active", **sub), created=now))
    post_event(event("customer.subscription.deleted", subscription(status="canceled", **sub), created=now + 1))
    # A last invoice settled after the end (Stripe stamps it later): money in, but no membership.
    post_event(event("invoice.paid", invoice(customer="cus_3", subscription_id="sub_3", metadata=meta),
                     created=now + 5))
    assert state(member).status == "canceled" and Payment.objects.count() == 1


def test_a_paying_member_is_not_sent_to_checkout_again(member_client, member, tiers, fake_stripe):
    post_event(event("customer.subscription.created", subscription(
        id="sub_1", customer="cus_1", status="active", metadata=ids(member, tiers[1])), created=int(time.time())))
    response = member_client.post("/join/member/year/")
    assert response.status_code == 302 and response["Location"] == "/account/"
    assert fake_stripe.calls("/v1/checkout/sessions") == []


# Switching plan in the portal -----------------------------------------------------------------------

def test_the_portal_offers_the_monthly_and_yearly_prices_of_each_tier(member_client, member, tiers, fake_stripe):
    post_event(event("checkout.session.completed", checkout_session(
        member_pk=member.pk, customer="cus_p", subscription="sub_p", metadata=ids(member, tiers[1])),
        created=int(time.time())))
    member_client.post("/account/billing/")
    [configuration] = fake_stripe.configurations.values()
    update = configuration["features"]["subscription_update"]
    assert update["enabled"] and update["default_allowed_updates"] == ["price"]
    tier = Tier.objects.get(pk=tiers[1].pk)
    assert update["products"] == [{"product": tier.stripe_product_id, "adjustable_quantity": update["products"][0][
        "adjustable_quantity"], "prices": [tier.stripe_prices["month"]["id"], tier.stripe_prices["year"]["id"]]}]
    month, year = (fake_stripe.prices[tier.stripe_prices[i]["id"]] for i in ("month", "year"))
    assert (month["unit_amount"], month["recurring"]["interval"]) == (500, "month")
    assert (year["unit_amount"], year["recurring"]["interval"]) == (5000, "year")

    # A second visit reuses the configuration; a new yearly price updates it, archiving the old one.
    member_client.post("/account/billing/")
    assert len(fake_stripe.configurations) == 1 and len(fake_stripe.calls("/v1/billing_portal/configurations")) == 1
    Tier.objects.filter(pk=tier.pk).update(yearly_price=4500)
    member_client.post("/account/billing/")
    assert len(fake_stripe.configurations) == 1
    tier.refresh_from_db()
    assert not fake_stripe.prices[year["id"]]["active"]
    assert fake_stripe.prices[tier.stripe_prices["year"]["id"]]["unit_amount"] == 4500
    assert tier.stripe_prices["year"]["id"] in configuration["features"]["subscription_update"]["products"][0]["prices"]


def test_switching_to_yearly_in_the_portal_moves_the_membership_to_the_yearly_price(
        member_client, member, tiers, fake_stripe, desk_client):
    # Joined monthly through Checkout, with the tier's own price.
    member_client.post("/join/member/month/")
    tier = Tier.objects.get(pk=tiers[1].pk)
    month_price, year_price = tier.stripe_prices["month"]["id"], tier.stripe_prices["year"]["id"]
    meta, now = ids(member, tier), int(time.time())
    sub = subscription(id="sub_sw", customer="cus_sw", status="active", metadata=meta,
                       price_obj=fake_stripe.prices[month_price])
    fake_stripe.subscriptions["sub_sw"] = sub
    post_event(event("customer.subscription.created", sub, created=now))
    post_event(event("invoice.paid", invoice(customer="cus_sw", subscription_id="sub_sw", metadata=meta),
                     created=now + 1))
    assert (state(member).interval, state(member).price_amount) == ("month", 500)

    # In the portal the member picks the yearly price; Stripe tells us with a signed event.
    member_client.post("/account/billing/")
    switched = fake_stripe.switch_plan("sub_sw", year_price)
    assert switched["metadata"]["interval"] == "month"  # our checkout metadata stays as it was
    assert post_event(event("customer.subscription.updated", switched, created=now + 60)).status_code == 200
    membership = state(member)
    assert (membership.tier, membership.interval, membership.price_amount) == (tier, "year", 5000)
    assert membership.is_active() and membership.monthly_revenue() == round(5000 / 12)

    # The renewal's invoice still carries the old metadata: it does not switch the member back.
    post_event(event("invoice.paid", invoice(customer="cus_sw", subscription_id="sub_sw", metadata=meta,
                                             amount=5000), created=now + 61))
    # Nor does the older "created" event, delivered again late.
    post_event(event("customer.subscription.updated", sub, created=now + 2))
    assert (state(member).interval, state(member).price_amount) == ("year", 5000)
    assert "Member, billed yearly: active" in member_client.get("/account/").content.decode()
    assert "$4.17" in desk_client.get("/desk/members/").content.decode()


def test_a_switch_to_another_tier_in_the_portal_moves_the_membership_there(member, tiers, fake_stripe, member_client):
    patron = services.save_tier(Tier(name="Patron", slug="patron", included="More", monthly_price=1500,
                                     position=2))
    post_event(event("checkout.session.completed", checkout_session(
        member_pk=member.pk, customer="cus_t", subscription="sub_t", metadata=ids(member, tiers[1])),
        created=int(time.time())))
    member_client.post("/account/billing/")
    patron.refresh_from_db()
    products = list(fake_stripe.configurations.values())[0]["features"]["subscription_update"]["products"]
    assert patron.stripe_product_id in [p["product"] for p in products]
    sub = subscription(id="sub_t", customer="cus_t", status="active", metadata=ids(member, tiers[1]))
    fake_stripe.subscriptions["sub_t"] = sub
    switched = fake_stripe.switch_plan("sub_t", patron.stripe_prices["month"]["id"])
    post_event(event("customer.subscription.updated", switched, created=int(time.time()) + 5))
    assert (state(member).tier, state(member).interval, state(member).price_amount) == (patron, "month", 1500)


def test_cancelling_in_the_portal_keeps_the_member_reading_until_the_period_ends(member, member_client, tiers,
                                                                                 fake_stripe, desk_client):
    meta, now = ids(member, tiers[1]), int(time.time())
    sub = subscription(id="sub_c", customer="cus_c", status="active", metadata=meta, period_end=now + 10 * 86400)
    post_event(event("customer.subscription.created", sub, created=now))
    sub.update(cancel_at_period_end=True, cancel_at=now + 10 * 86400)
    post_event(event("customer.subscription.updated", sub, created=now + 5))
    membership = state(member)
    assert membership.is_active() and membership.ends_at == datetime.fromtimestamp(now + 10 * 86400, tz=UTC)
    assert "You cancelled: it ends on" in member_client.get("/account/").content.decode()
    assert "cancelled: ends" in desk_client.get("/desk/members/").content.decode()
    sub.update(cancel_at_period_end=False, cancel_at=None)  # changed their mind in the portal
    post_event(event("customer.subscription.updated", sub, created=now + 9))
    assert state(member).ends_at is None


def test_renaming_a_tier_renames_its_stripe_product(member_client, tiers, fake_stripe, desk_client,
                                                    django_capture_on_commit_callbacks):
    member_client.post("/join/member/month/")
    tier = Tier.objects.get(pk=tiers[1].pk)
    with django_capture_on_commit_callbacks(execute=True):
        response = desk_client.post(f"/desk/members/tiers/{tier.pk}/", {
            "name": "Inner circle", "slug": "member", "included": "All", "monthly_price": "500",
            "yearly_price": "5000", "currency": "usd", "position": "1", "is_active": "on"})
    assert response.status_code == 302
    assert fake_stripe.products[tier.stripe_product_id]["name"] == "Dearly Inner circle"
