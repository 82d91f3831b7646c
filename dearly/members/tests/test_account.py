"""/account/: email preferences, membership and billing, sign-in history, one's data as one JSON
file, and deleting the account so that nothing personal is left anywhere."""

import json
import time

import pytest
from django.apps import apps
from django.core import mail as django_mail
from django.test import Client

from dearly.mailing import services as mailing
from dearly.mailing.models import SignUp
from dearly.mailing.testing import deliver_outbox
from dearly.mailing.tests.helpers import make_form
from dearly.members.models import Member, Membership, Payment, SignInEvent
from dearly.members.testing import event, invoice, subscription
from dearly.members.tests.conftest import code_and_link, post_event

ADDRESS = "whole.person@example.com"
pytestmark = pytest.mark.django_db


@pytest.fixture
def person(client, tiers, fake_stripe, settings):
    """Someone on the mailing list (confirmed, with consent records) who signed in with a code
    and pays monthly: every kind of data Dearly keeps about a person."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mailing.sign_up(email=ADDRESS, form=make_form(), name="Whole Person")
    mailing.confirm_subscription(SignUp.objects.get())
    client.post("/signin/", {"email": ADDRESS}, HTTP_USER_AGENT="TestBrowser/1.0")
    code, _ = code_and_link(ADDRESS)
    assert client.post("/signin/code/", {"code": code}, HTTP_USER_AGENT="TestBrowser/1.0").status_code == 302
    member = Member.objects.get(email=ADDRESS)
    meta = {"member": str(member.pk), "tier": str(tiers[1].pk), "interval": "month"}
    sub = subscription(id="sub_whole", customer="cus_whole", status="active", metadata=meta)
    fake_stripe.subscriptions["sub_whole"] = sub
    now = int(time.time())
    post_event(event("customer.subscription.created", sub, created=now))
    post_event(event("invoice.paid", invoice(customer="cus_whole", subscription_id="sub_whole", metadata=meta),
                     created=now + 1))
    deliver_outbox()
    client.member = member
    return client


def test_the_account_page_shows_preferences_membership_billing_and_sign_ins(person):
    html = person.get("/account/").content.decode()
    assert "/preferences/" in html  # the mailing list's own preferences link
    assert "Member, billed monthly: active" in html
    assert "Change card, plan or cancel" in html
    assert "six-digit code" in html and "TestBrowser/1.0" in html
    assert "$5.00" in html or "5.00 USD" in html


def test_the_account_page_is_for_members_only(client, db, expert):
    assert client.get("/account/")["Location"] == "/signin/?next=%2Faccount%2F"
    client.force_login(expert)
    assert client.get("/account/").status_code == 302


def test_download_my_data_is_one_json_file_with_everything(person):
    response = person.post("/account/my-data.json")
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["account"]["email"] == ADDRESS
    assert data["sign_ins"][0]["method"] == "code" and data["sign_ins"][0]["user_agent"] == "TestBrowser/1.0"
    assert data["membership"]["tier"] == "Member" and data["membership"]["status"] == "active"
    assert data["membership"]["stripe_subscription"] == "sub_whole"
    assert [p["amount"] for p in data["payments"]] == [500]
    mailing_list = data["mailing_list"]
    assert mailing_list["name"] == "Whole Person" and mailing_list["status"] == "subscribed"
    assert [r["event"] for r in mailing_list["consent_records"]] == ["requested", "confirmed"]
    assert mailing_list["consent_records"][0]["wording"] == "We will email you the guide and the newsletter."
    assert person.get("/account/my-data.json").status_code == 405  # a POST, never a prefetchable GET


def every_row_mentioning(address: str) -> list:
    """Every row of every table whose values mention the address, in any case."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        for row in model._base_manager.values():
            if address.lower() in json.dumps(row, default=str).lower():
                found.append((model._meta.label, row))
    return found


def rows_pointing_at(model_class, pk) -> list:
    """Every row of every table whose foreign key points at this user or member."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is model_class:
                found += [(model._meta.label, r) for r in model._base_manager.filter(**{field.attname: pk}).values()]
    return found


def sessions_of(user_id) -> list:
    from django.contrib.sessions.models import Session

    return [s.session_key for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(user_id)]


def test_delete_my_account_cancels_stripe_erases_everything_and_confirms_by_email(person, fake_stripe):
    from django.contrib.auth import get_user_model

    phone = Client()  # signed in on a second device too
    phone.post("/signin/", {"email": ADDRESS})
    assert phone.post("/signin/code/", {"code": code_and_link(ADDRESS)[0]}).status_code == 302
    member, user_id = person.member, person.member.user_id
    assert every_row_mentioning(ADDRESS)  # the check can see the address where it is
    assert rows_pointing_at(get_user_model(), user_id) and rows_pointing_at(Member, member.pk)
    assert len(sessions_of(user_id)) == 2
    response = person.post("/account/delete/", {})
    assert response.status_code == 400 and Member.objects.exists()  # the box must be ticked
    response = person.post("/account/delete/", {"confirm": "yes"})
    assert response.status_code == 200 and "Your account is deleted" in response.content.decode()
    assert ("DELETE", "/v1/subscriptions/sub_whole", {}) in fake_stripe.requests
    assert person.get("/account/").status_code == 302  # signed out

    assert deliver_outbox() == 1
    [confirmation] = [m for m in django_mail.outbox if m.subject.startswith("Your Dearly account is deleted")]
    assert confirmation.to == [ADDRESS]
    assert every_row_mentioning(ADDRESS) == []
    assert every_row_mentioning("Whole Person") == [] and every_row_mentioning("TestBrowser") == []
    assert every_row_mentioning("cus_whole") == [] and every_row_mentioning("sub_whole") == []
    payment = Payment.objects.get()
    assert payment.member is None and payment.amount == 500  # kept for the accounts, nameless
    assert not Membership.objects.exists() and not SignInEvent.objects.exists()
    # Nothing points at the person any more, and no session holds their id, on any device.
    assert rows_pointing_at(get_user_model(), user_id) == [] and rows_pointing_at(Member, member.pk) == []
    assert sessions_of(user_id) == [] and phone.get("/account/").status_code == 302


def test_if_stripe_cannot_be_reached_nothing_is_deleted(person, settings):
    from conftest import free_port

    settings.STRIPE_API_BASE = f"http://127.0.0.1:{free_port()}"
    response = person.post("/account/delete/", {"confirm": "yes"})
    assert response.status_code == 400 and "nothing was deleted" in response.content.decode()
    assert Member.objects.filter(email=ADDRESS).exists() and person.get("/account/").status_code == 200


def test_signing_out_ends_this_session(person):
    person.post("/signout/")
    assert person.get("/account/").status_code == 302
    assert Client().get("/account/").status_code == 302
