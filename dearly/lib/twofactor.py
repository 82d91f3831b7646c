"""Two-factor sign-in for everyone who reaches the desk or the admin (DESK_TWO_FACTOR, on by
default): a password, then a six-digit code from an authenticator app (TOTP), or one of ten
single-use recovery codes. Built on django-otp: its TOTP device for the app, its static device
for the recovery codes, its session marker and middleware for "this session gave a code".

Set up at first sign-in: a staff account without a confirmed app is shown a new secret (as
text and as a QR code drawn here, no outside service) and must enter a code from it before the
app counts. The recovery codes are shown once, then.

Wrong codes are counted like wrong passwords (dearly/lib/signin.py: per user name and address,
and per address), and django-otp also slows each device down after a failure (1, 2, 4, 8 …
seconds, doubling until a right code), which is what stops a guesser with the password and many
addresses. Only someone who has the password can cause that slowdown, and the app and the
recovery codes each have their own: guesses at one leave the other usable. Someone who has the
password and keeps guessing is a reason to change the password and run `manage.py
reset_two_factor`, which also ends the slowdown.
"""

import logging
from base64 import b32encode
from urllib.parse import urlencode

from django.conf import settings
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from dearly.lib import signin

logger = logging.getLogger("dearly.signin")
RECOVERY_CODE_COUNT = 10
APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"


class CodeRefused(Exception):
    """A code was wrong, or codes may not be tried now; the message says which, for the form."""


WRONG_CODE = "That code is not right. Check the time on your phone and try the newest code."
WRONG_RECOVERY_CODE = "That recovery code is not right, or it was used already."
SLOW_DOWN = "Too many wrong codes: please wait a little before trying again."


def is_passed(request) -> bool:
    """Whether this session may go on to the desk or the admin as far as the second factor goes:
    two-factor sign-in is off, or this session gave a valid code."""
    if not settings.DESK_TWO_FACTOR:
        return True
    user = request.user
    return bool(user.is_authenticated and user.is_verified())


def redirect_to_second_factor(request):
    return redirect_to_second_factor_then(request, request.get_full_path())


def redirect_to_second_factor_then(request, next_url: str):
    return redirect(f"{reverse('desk:two_factor')}?{urlencode({'next': next_url})}")


def app_device(user) -> TOTPDevice | None:
    """The user's confirmed authenticator app, if they have set one up."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def pending_app_device(user) -> TOTPDevice:
    """The app being set up: the same secret on every visit until a code confirms it, so a
    reload never invalidates what the user has just scanned."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def secret_text(device: TOTPDevice) -> str:
    """The secret as authenticator apps take it when typed in: base32, in groups of four."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device: TOTPDevice) -> str:
    """The otpauth:// link as an inline SVG QR code, drawn on the server."""
    import segno  # only when adding a device: 7 MB no web process should keep for it

    code = segno.make(device.config_url, error="m")
    return code.svg_inline(scale=5, dark="#000", light="#fff", title="QR code for your authenticator app",
                           svgclass="qr-code", lineclass=None)


def _normalized(code: str) -> str:
    return "".join((code or "").split()).replace("-", "").lower()


def _check_not_paused(request) -> None:
    if signin.is_paused(request, request.user.get_username()):
        raise CodeRefused(signin.TOO_MANY)


def _refuse(request, message: str):
    signin.count_failure(request, request.user.get_username())
    logger.info("two-factor code refused", extra={"dearly_user_id": request.user.pk})
    raise CodeRefused(message)


def _refusal(device, code: str, wrong: str) -> str | None:
    """Why `code` is refused for `device`, or None when it is accepted (and used up). Called
    with the device locked, so that two requests cannot both use one code."""
    if device is None:
        return wrong
    allowed, _why = device.verify_is_allowed()
    if not allowed:  # django-otp's delay after a failure
        return SLOW_DOWN
    return None if device.verify_token(code) else wrong


def confirm_app(request, code: str) -> list[str]:
    """Confirm the app being set up with a code from it, mark this session as verified and
    return a fresh set of recovery codes (to show once)."""
    _check_not_paused(request)
    user = request.user
    with transaction.atomic():
        device = (TOTPDevice.objects.select_for_update()
                  .filter(user=user, confirmed=False).order_by("pk").first())
        if device is None:
            raise CodeRefused("This set-up was finished or replaced: please start again.")
        code = _normalized(code)
        refusal = _refusal(device, code, WRONG_CODE) if code.isdigit() else WRONG_CODE
        if refusal is None:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            # One app per account: a confirmed one replaces any other.
            TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
            codes = replace_recovery_codes(user)
    if refusal is not None:
        _refuse(request, refusal)
    _mark_verified(request, device)
    logger.info("two-factor sign-in set up", extra={"dearly_user_id": user.pk})
    return codes


def replace_recovery_codes(user) -> list[str]:
    """New single-use recovery codes for `user`; the old ones stop working."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    logger.info("new recovery codes made", extra={"dearly_user_id": user.pk})
    return codes


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def verify_code(request, code: str):
    """Check a code from the app (six digits) or a recovery code, and mark this session as
    verified. Returns the device that accepted it."""
    _check_not_paused(request)
    user = request.user
    code = _normalized(code)
    is_app_code = code.isdigit() and len(code) == 6
    model = TOTPDevice if is_app_code else StaticDevice
    with transaction.atomic():
        device = model.objects.devices_for_user(user, confirmed=True).select_for_update().first()
        refusal = _refusal(device, code, WRONG_CODE if is_app_code else WRONG_RECOVERY_CODE)
    if refusal is not None:
        _refuse(request, refusal)
    _mark_verified(request, device)
    if not is_app_code:
        logger.warning("signed in with a recovery code", extra={"dearly_user_id": user.pk,
                                                                "dearly_codes_left": recovery_codes_left(user)})
    return device


def _mark_verified(request, device) -> None:
    otp_login(request, device)
    # A session that has just gained access to letters gets a new key.
    request.session.cycle_key()


def forget_devices(user) -> int:
    """Remove a user's app and recovery codes (lost phone): they set up again at next sign-in."""
    deleted = 0
    for model in (TOTPDevice, StaticDevice):
        deleted += model.objects.filter(user=user).delete()[1].get(model._meta.label, 0)
    logger.warning("two-factor devices removed", extra={"dearly_user_id": user.pk, "dearly_devices": deleted})
    return deleted
