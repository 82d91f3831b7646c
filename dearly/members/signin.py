"""Signing in without a password.

request_sign_in() always does the same work, whether or not the address has an account: it
stores a request and emails a link and a code. Nobody learns from the answer (or from its
time) whether an address is a member; the account is made when a link or code is first used.

The code works only in the browser that asked (its session holds a nonce whose keyed hash is
on the request); the link works in any browser, but only through a POST, so a mail scanner
that opens it signs no one in. Either is single use (a conditional UPDATE on used_at), valid
for CODE_MINUTES, and a request dies after MAX_FAILED_CODES wrong codes.
"""

import secrets
from datetime import timedelta
from importlib import import_module
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user_model, login, logout
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from dearly.lib import ratelimit
from dearly.mailing.models import normalize_email
from dearly.members import mail
from dearly.members.models import Member, SignInEvent, SignInRequest

CODE_MINUTES = 10
MAX_FAILED_CODES = 5
LINK_SALT = "dearly.members.signin-link"
SESSION_KEY = "members.signin"  # the asking browser's {"r": request id, "n": nonce}
SEEN_KEY = "members.seen"  # when a member's session was last used (see middleware)


class SignInRefused(Exception):
    """A link or code that does not sign anyone in (wrong, used, expired, other browser)."""


class TooMany(Exception):
    pass


def _hash(purpose: str, value: str) -> str:
    return salted_hmac(f"dearly.members.{purpose}", value, algorithm="sha256").hexdigest()


def link_path(sign_in: SignInRequest, secret: str) -> str:
    token = signing.TimestampSigner(salt=LINK_SALT).sign_object({"r": sign_in.pk, "s": secret})
    return reverse("members:signin_link", args=[token])


def request_sign_in(*, email: str, ip: str, session, next_url: str = "") -> SignInRequest:
    """Email a link and a code to `email` (already checked by clean_email), binding the code to
    this browser's session. Raises TooMany past the per-address or per-IP hourly limits."""
    email = normalize_email(email)
    by_ip = ratelimit.count("member-signin-ip", ip, window=ratelimit.HOUR)
    by_email = ratelimit.count("member-signin-email", email, window=ratelimit.HOUR)
    if by_ip > settings.MEMBER_SIGNIN_PER_IP_HOUR or by_email > settings.MEMBER_SIGNIN_PER_EMAIL_HOUR:
        raise TooMany
    tidy_up()
    code = f"{secrets.randbelow(10**6):06d}"
    link_secret = secrets.token_urlsafe(18)
    nonce = secrets.token_urlsafe(18)
    now = timezone.now()
    with transaction.atomic():
        sign_in = SignInRequest.objects.create(
            email=email, code_hash=_hash("code", code), link_hash=_hash("link", link_secret),
            browser_hash=_hash("browser", nonce), created_at=now, expires_at=now + timedelta(minutes=CODE_MINUTES),
        )
        mail.queue_email(
            to=email, purpose=f"member-signin:{sign_in.pk}", template="members/email/signin",
            context={"code": code, "url": settings.SITE_URL + link_path(sign_in, link_secret)
                     + (f"?{urlencode({'next': next_url})}" if next_url else ""), "minutes": CODE_MINUTES},
            forget_address=True,
        )
    session[SESSION_KEY] = {"r": sign_in.pk, "n": nonce}
    return sign_in


def _claim(sign_in: SignInRequest, now) -> bool:
    """Mark the request used; True only for the one caller that did (single use)."""
    return SignInRequest.objects.filter(pk=sign_in.pk, used_at__isnull=True, expires_at__gt=now).update(
        used_at=now) == 1


def request_for_link(token: str) -> tuple[SignInRequest, str]:
    """The request a link points to, while it may still be used; raises SignInRefused."""
    try:
        data = signing.TimestampSigner(salt=LINK_SALT).unsign_object(token, max_age=CODE_MINUTES * 60)
        sign_in = SignInRequest.objects.get(pk=int(data["r"]))
        secret = str(data["s"])
    except (signing.BadSignature, KeyError, TypeError, ValueError, SignInRequest.DoesNotExist):
        raise SignInRefused from None
    if not constant_time_compare(sign_in.link_hash, _hash("link", secret)):
        raise SignInRefused
    if sign_in.used_at is not None or sign_in.expires_at <= timezone.now():
        raise SignInRefused
    return sign_in, secret


def sign_in_with_link(request, token: str) -> Member:
    sign_in, _ = request_for_link(token)
    if not _claim(sign_in, timezone.now()):
        raise SignInRefused
    return _sign_in(request, sign_in, SignInEvent.Method.LINK)


def sign_in_with_code(request, code: str) -> Member:
    """Sign in this browser with the code it was sent. Wrong codes count against the request
    and against the address they come from."""
    ip = ratelimit.client_ip(request)
    if ratelimit.used("member-code-failures-ip", ip, window=ratelimit.HOUR) >= settings.MEMBER_SIGNIN_PER_IP_HOUR:
        raise TooMany
    asked = request.session.get(SESSION_KEY) or {}
    try:
        sign_in = SignInRequest.objects.get(pk=int(asked.get("r")))
    except (TypeError, ValueError, SignInRequest.DoesNotExist):
        raise SignInRefused from None
    now = timezone.now()
    code = "".join(ch for ch in str(code) if ch.isdigit())
    right_browser = constant_time_compare(sign_in.browser_hash, _hash("browser", str(asked.get("n", ""))))
    usable = sign_in.used_at is None and sign_in.expires_at > now and sign_in.failed_codes < MAX_FAILED_CODES
    if not (right_browser and usable and constant_time_compare(sign_in.code_hash, _hash("code", code))):
        SignInRequest.objects.filter(pk=sign_in.pk).update(failed_codes=F("failed_codes") + 1)
        ratelimit.count("member-code-failures-ip", ip, window=ratelimit.HOUR)
        raise SignInRefused
    if not _claim(sign_in, now):
        raise SignInRefused
    return _sign_in(request, sign_in, SignInEvent.Method.CODE)


def member_for_email(email: str) -> Member:
    """The member with this address, made now if it is their first sign-in."""
    email = normalize_email(email)
    member = Member.objects.filter(email=email).first()
    if member is not None:
        return member
    try:
        with transaction.atomic():
            user = get_user_model().objects.create_user(f"member-{secrets.token_hex(8)}")
            user.set_unusable_password()
            user.save(update_fields=["password"])
            return Member.objects.create(user=user, email=email)
    except IntegrityError:  # the same person signed in twice at once
        return Member.objects.get(email=email)


def _sign_in(request, sign_in: SignInRequest, method: str) -> Member:
    member = member_for_email(sign_in.email)
    # The address has done its work: the request keeps only hashes until it is tidied away.
    SignInRequest.objects.filter(pk=sign_in.pk).update(email="")
    request.session.pop(SESSION_KEY, None)
    # login() gives the session a new key (no fixation); signing in over someone else's
    # session flushes it first.
    if request.user.is_authenticated and request.user.pk != member.user_id:
        request.session.flush()
    request.session.cycle_key()
    login(request, member.user, backend=settings.AUTHENTICATION_BACKENDS[0])
    request.session.set_expiry(settings.MEMBER_IDLE_DAYS * 24 * 60 * 60)
    request.session[SEEN_KEY] = int(timezone.now().timestamp())
    SignInEvent.objects.create(member=member, method=method, ip=ratelimit.client_ip(request)[:64],
                               user_agent=request.META.get("HTTP_USER_AGENT", "")[:200],
                               session_key=request.session.session_key or "")
    return member


def sign_out_everywhere(request) -> None:
    """End every session of this member, on every device, this one included: a new password
    hash (still unusable) makes every other session's stored hash stale."""
    user = request.user
    user.set_unusable_password()
    user.save(update_fields=["password"])
    if member := getattr(user, "member", None):
        end_sessions(member)
    logout(request)


def end_sessions(member: Member) -> None:
    """Delete every session this member's sign-ins opened (those still alive)."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for key in member.sign_ins.exclude(session_key="").values_list("session_key", flat=True):
        store(session_key=key).delete()
    member.sign_ins.update(session_key="")


def tidy_up(*, now=None) -> int:
    """Forget requests that can no longer be used (an hour after they expire), with the address
    they hold: run at each new request, one indexed delete."""
    now = now or timezone.now()
    deleted, _ = SignInRequest.objects.filter(expires_at__lt=now - timedelta(hours=1)).delete()
    return deleted
