"""Changing one's address confirms the new one first, and moves the mailing-list record with it."""

import re

import pytest
from django.test import Client

from dearly.mailing.models import ConsentRecord, OutgoingEmail, Subscriber
from dearly.members import signin
from dearly.members.models import Member
from dearly.members.tests.conftest import path_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def member_client(db):
    member = signin.member_for_email("old@example.com")
    subscriber = Subscriber.objects.create(email="old@example.com", status=Subscriber.Status.SUBSCRIBED)
    ConsentRecord.objects.create(subscriber=subscriber, event="confirmed", email="old@example.com")
    client = Client()
    client.force_login(member.user)
    return client


def confirmation_link(address):
    email = OutgoingEmail.objects.get(to=address, purpose__startswith="member-email-change:")
    return path_of(re.search(r"(http\S+/account/email/confirm/\S+)", email.body_text).group(1))


def test_the_new_address_is_confirmed_before_anything_changes(member_client):
    response = member_client.post("/account/email/", {"email": "New@Example.com"})
    assert response.status_code == 302
    assert Member.objects.get().email == "old@example.com"
    link = confirmation_link("new@example.com")
    assert Client().get(link).status_code == 200 and Member.objects.get().email == "old@example.com"
    assert Client().post(link).status_code == 302
    assert Member.objects.get().email == "new@example.com"
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "new@example.com" and subscriber.consent_records.count() == 1
    assert Client().post(link).status_code == 410  # used once


def test_an_address_with_its_own_account_is_refused(member_client):
    member_client.post("/account/email/", {"email": "taken@example.com"})
    signin.member_for_email("taken@example.com")
    assert Client().post(confirmation_link("taken@example.com")).status_code == 410
    assert Member.objects.filter(email="old@example.com").exists()


def test_a_bad_address_gets_a_clear_error(member_client):
    response = member_client.post("/account/email/", {"email": "nope"})
    assert response.status_code == 400 and "look like an email address" in response.content.decode()
    assert Client().get("/account/email/confirm/forged/").status_code == 410


def test_when_the_new_address_is_on_the_list_already_the_two_histories_become_one(member_client):
    already = Subscriber.objects.create(email="new@example.com", status=Subscriber.Status.SUBSCRIBED)
    ConsentRecord.objects.create(subscriber=already, event="confirmed", email="new@example.com")
    member_client.post("/account/email/", {"email": "new@example.com"})
    assert Client().post(confirmation_link("new@example.com")).status_code == 302
    [subscriber] = Subscriber.objects.all()  # one person, one record
    assert subscriber.pk == already.pk
    assert sorted(subscriber.consent_records.values_list("email", flat=True)) == ["new@example.com",
                                                                                   "old@example.com"]
    member = Member.objects.get()
    from dearly.members import services

    assert services.member_data(member)["mailing_list"]["email"] == "new@example.com"
    assert len(services.member_data(member)["mailing_list"]["consent_records"]) == 2


def test_stripe_learns_the_new_address(member_client, fake_stripe, django_capture_on_commit_callbacks):
    from dearly.members.models import Membership

    Membership.objects.create(member=Member.objects.get(), stripe_customer_id="cus_move", status="active")
    member_client.post("/account/email/", {"email": "moved@example.com"})
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(confirmation_link("moved@example.com"))
    assert response.status_code == 302
    assert fake_stripe.customers["cus_move"]["email"] == "moved@example.com"
