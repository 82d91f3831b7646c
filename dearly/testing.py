"""Helpers for tests that sign in to the desk or the admin, where two-factor sign-in is on."""

import time
from base64 import b32decode

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


def sign_in_with_second_factor(client, user):
    """Sign `client` in as `user` with a confirmed authenticator app and a session that gave its
    code, as a person is after the two steps of signing in (the steps themselves are tested in
    dearly/desk/tests/test_two_factor.py). Use it instead of force_login for the desk and the
    admin, where two-factor sign-in (DESK_TWO_FACTOR) is on, in tests as by default."""
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    device = device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def current_code(device) -> str:
    """The code an authenticator app shows for `device` (TOTP from its key, RFC 6238), or the
    next step's when this step's was used already: a code is accepted once."""
    device.refresh_from_db()
    now_step = int(time.time() - device.t0) // device.step
    ahead = max(0, device.last_t + 1 - now_step)
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, drift=ahead):0{device.digits}d}"


def code_from_secret(secret: str) -> str:
    """The code an authenticator app shows now for a secret typed in from the set-up page."""
    return f"{totp(b32decode(''.join(secret.split()))):06d}"


def set_up_two_factor_in_browser(page) -> list[str]:
    """On the set-up page, as a person does: type the shown key into an 'app', enter its code,
    save the recovery codes, continue. Returns the recovery codes."""
    from playwright.sync_api import expect

    expect(page.get_by_role("heading", name="Set up two-factor sign-in")).to_be_visible()
    secret = page.locator("#totp-secret").inner_text()
    page.get_by_label("The six-digit code the app shows now").fill(code_from_secret(secret))
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    expect(page.get_by_role("heading", name="Your recovery codes")).to_be_visible()
    codes = page.locator(".recovery-codes code").all_inner_texts()
    page.get_by_role("link", name="I have saved them: continue").click()
    return codes
