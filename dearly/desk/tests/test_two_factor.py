"""Two-factor sign-in to the desk: set up an authenticator app at first sign-in, give a code from
it (or a recovery code, once each) at every sign-in after, with wrong codes throttled. Codes are
computed from the device's key as an authenticator app does (RFC 6238), nothing is mocked."""

import re
import time
from io import StringIO

import pytest
from django.core.management import call_command
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from dearly.lib import twofactor
from dearly.testing import current_code

PASSWORD = "pw-for-tests-only"  # the expert fixture's


def sign_in(client, address="127.0.0.1"):
    response = client.post("/desk/login/", {"username": "nora", "password": PASSWORD}, REMOTE_ADDR=address)
    assert response.status_code == 302, response.content.decode()
    return client.get(response["Location"], follow=True, REMOTE_ADDR=address)


def give(client, code, next_url="/desk/", address="127.0.0.1"):
    return client.post("/desk/two-factor/", {"code": code, "next": next_url}, REMOTE_ADDR=address)


def set_up(client, expert):
    sign_in(client)
    device = TOTPDevice.objects.get(user=expert)
    page = give(client, current_code(device))
    codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", page.content.decode())
    return TOTPDevice.objects.get(user=expert, confirmed=True), codes


def test_first_sign_in_shows_a_new_secret_as_text_and_as_a_qr_code(client, expert):
    page = sign_in(client)
    assert page.redirect_chain[-1][0] == "/desk/two-factor/?next=%2Fdesk%2F"
    html = page.content.decode()
    assert "Set up two-factor sign-in" in html
    device = TOTPDevice.objects.get(user=expert, confirmed=False)
    assert twofactor.secret_text(device) in html
    assert "no-store" in page["Cache-Control"]
    qr = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    assert "qr-code" in qr and "<path" in qr and "style=" not in qr and "http" not in qr


def test_the_secret_stays_the_same_until_a_code_confirms_it(client, expert):
    first = sign_in(client).content.decode()
    again = client.get("/desk/two-factor/").content.decode()
    device = TOTPDevice.objects.get(user=expert)
    assert twofactor.secret_text(device) in first and twofactor.secret_text(device) in again


def test_a_wrong_code_does_not_turn_two_factor_on(client, expert):
    sign_in(client)
    response = give(client, "000000" if current_code(TOTPDevice.objects.get()) != "000000" else "111111")
    assert "That code is not right" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=expert, confirmed=True).exists()
    assert client.get("/desk/")["Location"].startswith("/desk/two-factor/")


def test_a_code_from_the_app_turns_it_on_and_shows_ten_recovery_codes_once(client, expert):
    device, codes = set_up(client, expert)
    assert device.confirmed
    assert len(codes) == 10 and len(set(codes)) == 10
    assert sorted(codes) == sorted(StaticToken.objects.filter(device__user=expert).values_list("token", flat=True))
    assert client.get("/desk/").status_code == 200
    assert client.get("/desk/two-factor/")["Location"] == "/desk/"  # nothing to show again


def test_later_sign_ins_ask_for_a_code_not_a_new_set_up(client, expert):
    device, _codes = set_up(client, expert)
    client.post("/desk/logout/")
    page = sign_in(client)
    assert "Enter your sign-in code" in page.content.decode()
    assert twofactor.secret_text(device) not in page.content.decode()
    assert client.get("/desk/").status_code == 302
    response = give(client, current_code(device))
    assert response["Location"] == "/desk/"
    assert client.get("/desk/").status_code == 200


def test_a_code_is_accepted_once(client, expert):
    device, _codes = set_up(client, expert)
    client.post("/desk/logout/")
    sign_in(client)
    device.refresh_from_db()
    already_used = totp(device.bin_key, drift=device.last_t - int(time.time()) // device.step)
    response = give(client, f"{already_used:06d}")
    assert "That code is not right" in response.content.decode()


def test_a_recovery_code_works_once(client, expert, caplog):
    device, codes = set_up(client, expert)
    for attempt in ("first", "second"):
        client.post("/desk/logout/")
        sign_in(client)
        response = give(client, codes[0].upper()[:4] + "-" + codes[0][4:])  # as a person might type it
        if attempt == "first":
            assert response["Location"] == "/desk/"
            assert "9 left" in client.get("/desk/").content.decode()
            used = [r for r in caplog.records if r.getMessage() == "signed in with a recovery code"]
            assert [(r.dearly_user_id, r.dearly_codes_left) for r in used] == [(expert.pk, 9)]
        else:
            assert "That recovery code is not right, or it was used already" in response.content.decode()
            assert client.get("/desk/").status_code == 302


def test_new_recovery_codes_replace_the_old_ones(client, expert):
    _device, old = set_up(client, expert)
    assert 'action="/desk/two-factor/recovery-codes/"' in client.get("/desk/settings/").content.decode()
    response = client.post("/desk/two-factor/recovery-codes/")
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    new = re.findall(r"<li><code>([a-z2-7]+)</code></li>", page)
    assert len(new) == 10 and not set(new) & set(old)
    assert set(StaticToken.objects.values_list("token", flat=True)) == set(new)


def test_wrong_codes_pause_the_guessing_address_not_the_expert_elsewhere(client, expert, settings):
    settings.SIGNIN_FAILURES_PER_USER_AND_IP = 3
    device, codes = set_up(client, expert)
    client.post("/desk/logout/")
    # Someone with her password guesses app codes from one address.
    sign_in(client, address="203.0.113.66")
    right = current_code(device)
    for guess in ("000001", "000002", "000003"):
        give(client, guess if guess != right else "000004", address="203.0.113.66")
    response = give(client, codes[0], address="203.0.113.66")
    assert "Too many attempts to sign in" in response.content.decode()
    assert client.get("/desk/").status_code == 302

    # The expert, elsewhere, is not paused: django-otp slows down the guessed app, so she uses
    # a recovery code.
    client.post("/desk/logout/")
    sign_in(client, address="198.51.100.7")
    assert give(client, codes[1], address="198.51.100.7")["Location"] == "/desk/"


def test_after_a_wrong_app_code_the_app_waits_but_a_recovery_code_still_works(client, expert):
    device, codes = set_up(client, expert)
    client.post("/desk/logout/")
    sign_in(client)
    right = current_code(device)
    wrong = f"{(int(right) + 1) % 1000000:06d}"
    give(client, wrong)
    response = give(client, right)  # within django-otp's delay after a failure
    assert "please wait a little" in response.content.decode()
    assert give(client, codes[0])["Location"] == "/desk/"


def test_the_next_page_is_kept_and_only_on_this_site(client, expert):
    device, _codes = set_up(client, expert)
    client.post("/desk/logout/")
    sign_in(client)
    assert give(client, current_code(device), next_url="https://evil.example/")["Location"] == "/desk/"


def test_people_who_are_not_staff_have_no_second_factor_to_give(client, member):
    client.force_login(member)
    assert client.get("/desk/two-factor/").status_code == 403


def test_a_lost_phone_is_reset_by_the_operator_and_set_up_again(client, expert):
    set_up(client, expert)
    out = StringIO()
    call_command("reset_two_factor", "nora", stdout=out)
    assert "set up again" in out.getvalue()
    assert not TOTPDevice.objects.exists() and not StaticToken.objects.exists()
    client.post("/desk/logout/")
    assert "Set up two-factor sign-in" in sign_in(client).content.decode()


@pytest.mark.parametrize("url", ["/desk/login/", "/admin/login/"])
def test_with_two_factor_sign_in_off_the_password_opens_the_desk(client, expert, settings, url):
    settings.DESK_TWO_FACTOR = False
    client.post(url, {"username": "nora", "password": PASSWORD})
    assert client.get("/desk/").status_code == 200
    assert not TOTPDevice.objects.exists()


def test_the_demo_staff_account_sets_up_two_factor_at_first_sign_in(db, client, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("load_demo", stdout=StringIO())
    username, password = (tmp_path / "demo-credentials.txt").read_text().split()
    client.post("/desk/login/", {"username": username, "password": password})
    page = client.get("/desk/", follow=True)
    assert "Set up two-factor sign-in" in page.content.decode()
    give(client, current_code(TOTPDevice.objects.get(user__username=username)))
    assert client.get("/desk/").status_code == 200


def test_signing_in_on_the_admins_own_page_leads_to_the_second_step(client, expert):
    device, _codes = set_up(client, expert)
    client.post("/desk/logout/")
    page = client.post("/admin/login/?next=/admin/", {"username": "nora", "password": PASSWORD,
                                                       "next": "/admin/"}, follow=True)
    assert page.redirect_chain[-1][0] == "/desk/two-factor/?next=%2Fadmin%2F"
    assert "Enter your sign-in code" in page.content.decode()
    assert give(client, current_code(device), next_url="/admin/")["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
