"""Signing in without a password: a link and a six-digit code, each single use, ten minutes,
the code only in the browser that asked, the link only through its button."""

from datetime import timedelta

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.utils import timezone

from dearly.members import signin
from dearly.members.models import Member, SignInEvent, SignInRequest
from dearly.members.tests.conftest import code_and_link, last_signin_email, path_of

pytestmark = pytest.mark.django_db


def signed_in_member(client):
    user_id = client.session.get(SESSION_KEY)
    return Member.objects.filter(user_id=user_id).first() if user_id else None


def test_the_code_signs_in_the_browser_that_asked_and_makes_the_account(client, ask):
    code, _ = ask("Reader@Example.com ")
    assert Member.objects.count() == 0  # asking makes nothing
    response = client.post("/signin/code/", {"code": code})
    assert response.status_code == 302 and response["Location"] == "/account/"
    assert signed_in_member(client).email == "reader@example.com"
    assert SignInEvent.objects.get().method == "code"
    assert "reader@example.com" in client.get("/account/").content.decode()


def test_the_link_opens_a_button_and_signs_in_only_on_post(client, ask):
    _, link = ask()
    other_browser = Client()
    page = other_browser.get(link)
    assert page.status_code == 200 and b"Sign me in" in page.content
    assert signed_in_member(other_browser) is None and Member.objects.count() == 0  # a scanner's GET does nothing
    response = other_browser.post(link)
    assert response.status_code == 302
    assert signed_in_member(other_browser).email == "reader@example.com"


def test_it_refuses_a_reused_link_and_a_reused_code(client, ask):
    code, link = ask()
    asked = client.session[signin.SESSION_KEY]
    assert client.post("/signin/code/", {"code": code}).status_code == 302
    client.logout()
    # The same browser state replayed (the session's nonce put back): the code was used.
    session = client.session
    session[signin.SESSION_KEY] = asked
    session.save()
    assert client.post("/signin/code/", {"code": code}).status_code == 400
    assert client.post(link).status_code == 410 and client.get(link).status_code == 410
    assert signed_in_member(client) is None


def test_the_code_and_the_link_share_one_use(client, ask):
    code, link = ask()
    assert Client().post(link).status_code == 302
    response = client.post("/signin/code/", {"code": code})
    assert response.status_code == 400 and signed_in_member(client) is None


def test_it_refuses_an_expired_code_and_link(client, ask):
    code, link = ask()
    SignInRequest.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.post("/signin/code/", {"code": code}).status_code == 400
    assert client.post(link).status_code == 410
    assert signed_in_member(client) is None


def test_it_refuses_a_code_from_another_browser(client, ask):
    code, _ = ask()
    other = Client()
    other.post("/signin/", {"email": "someone-else@example.com"})  # a session that asked for another address
    assert other.post("/signin/code/", {"code": code}).status_code == 400
    assert Client().post("/signin/code/", {"code": code}).status_code == 302  # no session: back to start
    assert signed_in_member(other) is None


def test_it_refuses_a_tampered_link_and_a_wrong_code(client, ask):
    code, link = ask()
    token = link.split("/signin/link/")[1].rstrip("/")
    tampered = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    assert client.get(f"/signin/link/{tampered}/").status_code == 410
    assert client.post(f"/signin/link/{tampered}/").status_code == 410
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    response = client.post("/signin/code/", {"code": wrong})
    assert response.status_code == 400 and b"code doesn&#x27;t work" in response.content
    assert signed_in_member(client) is None


def test_five_wrong_codes_kill_the_request(client, ask):
    code, _ = ask()
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for _ in range(signin.MAX_FAILED_CODES):
        client.post("/signin/code/", {"code": wrong})
    assert client.post("/signin/code/", {"code": code}).status_code == 400
    assert signed_in_member(client) is None


def test_the_answer_is_the_same_whether_or_not_an_account_exists(client, ask):
    code, _ = ask("known@example.com")
    client.post("/signin/code/", {"code": code})
    client.logout()
    known = Client().post("/signin/", {"email": "known@example.com"})
    unknown = Client().post("/signin/", {"email": "unknown@example.com"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    # The same work: one request stored and one email queued, with the same wording.
    assert SignInRequest.objects.filter(email="unknown@example.com").count() == 1
    a, b = last_signin_email("known@example.com"), last_signin_email("unknown@example.com")
    assert a.body_text.split("Sign in:")[0] == b.body_text.split("Sign in:")[0]
    page_known = Client().get(known["Location"]).status_code
    assert page_known == 302  # the code page needs the asking browser's session, for everyone alike


def test_it_limits_requests_per_address(settings, db):
    settings.MEMBER_SIGNIN_PER_EMAIL_HOUR = 3
    statuses = [Client(REMOTE_ADDR=f"10.0.0.{i}").post("/signin/", {"email": "a@example.com"}).status_code
                for i in range(5)]
    assert statuses == [302, 302, 302, 429, 429]
    assert SignInRequest.objects.count() == 3


def test_it_limits_requests_per_ip(settings, db):
    settings.MEMBER_SIGNIN_PER_IP_HOUR = 2
    browser = Client(REMOTE_ADDR="10.9.9.9")
    statuses = [browser.post("/signin/", {"email": f"p{i}@example.com"}).status_code for i in range(4)]
    assert statuses == [302, 302, 429, 429]


def test_a_malformed_address_gets_a_clear_error_and_keeps_what_was_typed(client, db):
    response = client.post("/signin/", {"email": "not an address"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "look like an email address" in html and 'value="not an address"' in html
    assert SignInRequest.objects.count() == 0


def test_the_session_key_changes_at_sign_in(client, ask):
    code, _ = ask()
    before = client.session.session_key
    client.post("/signin/code/", {"code": code})
    assert client.session.session_key != before


def test_an_idle_session_expires(client, ask, settings):
    code, _ = ask()
    client.post("/signin/code/", {"code": code})
    assert client.get("/account/").status_code == 200
    session = client.session
    session[signin.SEEN_KEY] -= settings.MEMBER_IDLE_DAYS * 24 * 3600 + 1
    session.save()
    response = client.get("/account/")
    assert response.status_code == 302 and response["Location"].startswith("/signin/")


def test_signing_out_everywhere_ends_every_session(ask):
    phone, laptop = Client(), Client()
    code, link = ask(browser=phone)
    phone.post("/signin/code/", {"code": code})
    code2, _ = ask(browser=laptop)
    laptop.post("/signin/code/", {"code": code2})
    assert phone.get("/account/").status_code == laptop.get("/account/").status_code == 200
    phone_session = phone.session.session_key
    laptop.post("/signout/everywhere/")
    assert phone.get("/account/").status_code == 302
    assert laptop.get("/account/").status_code == 302
    from django.contrib.sessions.models import Session

    assert not Session.objects.filter(session_key=phone_session).exists()  # gone, not only stale


def test_the_link_remembers_where_the_reader_was_going(client, db):
    client.post("/signin/", {"email": "r@example.com", "next": "/join/"})
    _, link = code_and_link("r@example.com")
    response = Client().post(path_of(link))
    assert response["Location"] == "/join/"


def test_signing_in_by_email_never_opens_a_staff_account(client, ask, expert):
    code, _ = ask(expert.email)
    client.post("/signin/code/", {"code": code})
    member = signed_in_member(client)
    assert member.user_id != expert.pk and not member.user.is_staff


def test_unused_requests_and_their_addresses_are_forgotten_after_they_expire(client, ask):
    ask("never-used@example.com")
    SignInRequest.objects.update(expires_at=timezone.now() - timedelta(hours=2))
    ask("someone@example.com")
    assert list(SignInRequest.objects.values_list("email", flat=True)) == ["someone@example.com"]


def test_reading_anonymously_touches_no_session(client, db):
    response = client.get("/help-now/")
    assert response.status_code == 200
    assert "Cookie" not in response.get("Vary", "") and not response.cookies


def test_asking_does_the_same_database_work_for_members_and_strangers(db, settings):
    """Equal answers could still differ in time; equal statements cannot (bench/signin_timing
    measures the time)."""
    import re

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from dearly.members import services
    from dearly.members.models import Membership, Tier

    tier = services.save_tier(Tier(name="Member", slug="member", included="All", monthly_price=500))
    Membership.objects.create(member=signin.member_for_email("paying@example.com"), tier=tier, status="active")
    signin.member_for_email("account@example.com")

    def statements(address):
        Client().post("/signin/", {"email": "warm-up@example.com"})
        with CaptureQueriesContext(connection) as queries:
            assert Client().post("/signin/", {"email": address}).status_code == 302
        # The statements' shapes, without the values that differ (addresses, hashes, times, ids).
        return [re.sub(r"'[^']*'|\"s\d+_x\d+\"|\b\d+(\.\d+)?\b|%s", "?", q["sql"]) for q in queries.captured_queries]

    stranger = statements("stranger@example.com")
    assert stranger and statements("account@example.com") == stranger
    assert statements("paying@example.com") == stranger
