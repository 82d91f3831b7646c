"""Password sign-in, to the desk and to the admin, is paused after repeated failures."""

import pytest
from django.contrib.auth import get_user_model

from dearly.lib import ratelimit


@pytest.fixture
def expert(db):
    return get_user_model().objects.create_superuser("nora", "nora@example.org", "right-horse-battery")


ATTACKER, EXPERT_HOME = "203.0.113.66", "198.51.100.7"


def sign_in(client, password, username="nora", url="/desk/login/", address="127.0.0.1"):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_a_wrong_password_says_so_beside_the_form(client, expert):
    response = sign_in(client, "wrong")
    assert response.status_code == 200
    assert "do not match" in response.content.decode()


def test_sign_in_pauses_after_repeated_failures_even_with_the_right_password(client, expert, settings):
    settings.SIGNIN_FAILURES_PER_USER_AND_IP = 3
    for _ in range(3):
        sign_in(client, "wrong")
    response = sign_in(client, "right-horse-battery")
    assert "Too many attempts to sign in" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_admin_sign_in_is_limited_too(client, expert, settings):
    settings.SIGNIN_FAILURES_PER_USER_AND_IP = 2
    for _ in range(2):
        sign_in(client, "wrong", url="/admin/login/")
    sign_in(client, "right-horse-battery", url="/admin/login/")
    assert "_auth_user_id" not in client.session


def test_a_guesser_elsewhere_cannot_lock_the_expert_out(client, expert, settings):
    # Ten wrong passwords for her user name from one address, the default limit and more.
    for _ in range(settings.SIGNIN_FAILURES_PER_USER_AND_IP + 5):
        sign_in(client, "wrong", address=ATTACKER)
    response = sign_in(client, "right-horse-battery", address=EXPERT_HOME)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(expert.pk)


def test_the_guessers_address_is_paused_even_with_the_right_password(client, expert, settings):
    for _ in range(settings.SIGNIN_FAILURES_PER_USER_AND_IP):
        sign_in(client, "wrong", address=ATTACKER)
    response = sign_in(client, "right-horse-battery", address=ATTACKER)
    assert "Too many attempts to sign in" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_old_per_user_setting_stops_start_up_with_its_new_name(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    from dearly.env import refuse_renamed

    monkeypatch.setenv("SIGNIN_FAILURES_PER_USER", "10")
    with pytest.raises(ImproperlyConfigured, match="SIGNIN_FAILURES_PER_USER_AND_IP"):
        refuse_renamed("SIGNIN_FAILURES_PER_USER", "SIGNIN_FAILURES_PER_USER_AND_IP", "why")


def test_failures_from_one_address_pause_guesses_at_any_user_name(client, expert, settings):
    settings.SIGNIN_FAILURES_PER_IP = 3
    for name in ["a", "b", "c"]:
        sign_in(client, "wrong", username=name)
    response = sign_in(client, "right-horse-battery")
    assert "Too many attempts to sign in" in response.content.decode()


def test_a_right_password_within_the_limit_signs_in(client, expert):
    sign_in(client, "wrong")
    response = sign_in(client, "right-horse-battery")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(expert.pk)


def test_behind_a_proxy_the_last_forwarded_address_is_counted(rf, settings):
    settings.BEHIND_PROXY = True
    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9", REMOTE_ADDR="10.0.0.1")
    assert ratelimit.client_ip(request) == "203.0.113.9"
    settings.BEHIND_PROXY = False
    assert ratelimit.client_ip(request) == "10.0.0.1"
