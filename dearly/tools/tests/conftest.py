"""People for the tools' tests, made through the members app's own services: a member with a
complimentary membership (the desk's way in, no Stripe needed), a signed-in browser for each."""

import pytest
from django.test import Client

from dearly.members import services as members
from dearly.members import signin
from dearly.members.models import Tier

HANDS_ON_THROAT = "He put his hands around my throat last night and said next time he won't stop."
ORDINARY_NOTE = "We had a lovely walk on Sunday and I felt close to him."


@pytest.fixture
def paid_tier(db):
    return members.save_tier(Tier(name="Member", slug="member", included="Everything", monthly_price=500))


@pytest.fixture
def person(paid_tier):
    """person("ana@example.com") -> a Member with an active membership and a signed-in Client
    as `.client`; person(..., paying=False) -> a free account (no membership)."""
    def make(email, *, paying=True):
        member = signin.member_for_email(email)
        if paying:
            members.grant_complimentary(member, paid_tier)
        client = Client()
        client.force_login(member.user)
        member.client = client
        return member

    return make


@pytest.fixture
def couple(person):
    """Two paying members, linked through a code handed over in person."""
    from dearly.tools import services

    ana, ben = person("ana@example.com"), person("ben@example.com")
    _invite, code = services.create_invite(ana)
    services.link_with_code(ben, code, ip="127.0.0.1")
    return ana, ben
