"""Keeping spam out of the letters without a third-party captcha.

A hidden honeypot field, a signed start time (people take a while to write a letter; scripts
do not), rate limits per IP address and per email address kept in the shared cache, and a
list of throwaway email domains. Cache keys hold a keyed hash, never an address.
"""

import functools
import hashlib
import secrets
import time
from pathlib import Path

from django.conf import settings
from django.core import signing
from django.core.cache import cache

from dearly.lib import ratelimit

TOKEN_SALT = "dearly.letters.form-started"
TOKEN_MAX_AGE = 24 * 60 * 60
DOMAINS_FILE = Path(__file__).with_name("disposable_domains.txt")


# --- how long the form was open ---------------------------------------------------------
def form_token(now: float | None = None) -> str:
    # The random part makes every opened form's token its own, even two opened in one second:
    # a token is also the form's one-time "send" ticket (claim_token).
    return signing.dumps([int(now if now is not None else time.time()), secrets.token_hex(8)], salt=TOKEN_SALT)


def fill_time_problem(token: str, now: float | None = None) -> str | None:
    """Why the form came back too fast, too late or without its start time; None when fine."""
    now = now if now is not None else time.time()
    try:
        value = signing.loads(token or "", salt=TOKEN_SALT)
        # A bare number: a form opened before tokens carried a random part.
        started = int(value[0] if isinstance(value, list) else value)
    except (signing.BadSignature, ValueError, TypeError, IndexError):
        return "We could not tell when this form was opened. Please send your letter again."
    elapsed = now - started
    if elapsed > TOKEN_MAX_AGE:
        return "This form was open for a long time. Your words are still here: please send again."
    if elapsed < settings.LETTER_MIN_FILL_SECONDS:
        return (
            "That was quicker than anyone can write a letter, so we held it back in case it was "
            "sent automatically. Your words are still here: please read them over and send again."
        )
    return None


def _used_token_key(token: str) -> str:
    return "letters:used-token:" + hashlib.sha256(token.encode()).hexdigest()


def claim_token(token: str) -> bool:
    """Mark the form's token as used; False when it already was (a second click on "Send", or
    a replay). Kept as long as the token is valid, after which fill_time_problem refuses it."""
    return cache.add(_used_token_key(token), 1, TOKEN_MAX_AGE)


def release_token(token: str) -> None:
    """The letter was not stored after all: the same form may be sent again."""
    cache.delete(_used_token_key(token))


# --- rate limits ------------------------------------------------------------------------
def _limits(ip: str, email: str):
    yield "letter-ip", ip, ratelimit.HOUR, settings.LETTER_LIMIT_PER_IP_HOUR
    if email:
        yield "letter-email", email, ratelimit.DAY, settings.LETTER_LIMIT_PER_EMAIL_DAY


def rate_limit_problem(ip: str, email: str) -> str | None:
    """Count one letter against each limit, and say why it is refused if that passes a limit.

    Counted here, before the letter is stored, with the cache's increment: letters sent at the
    same moment each get their own number, so a burst cannot all pass a check made before
    any of them was counted."""
    for scope, value, window, limit in _limits(ip, email):
        if ratelimit.count(scope, value, window=window) > limit:
            if scope == "letter-ip":
                return (
                    "Several letters have already come from this connection in the last hour. "
                    "Your words are still here: please try again later."
                )
            return (
                "Several letters have already come from this email address today. Your words "
                "are still here: please try again tomorrow, or send without an email address."
            )
    return None


# --- throwaway addresses ----------------------------------------------------------------
@functools.cache
def disposable_domains() -> frozenset[str]:
    lines = DOMAINS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


def is_disposable(email: str) -> bool:
    domain = email.rpartition("@")[2].strip().lower().rstrip(".")
    parts = domain.split(".")
    # A subdomain of a throwaway domain is a throwaway domain too.
    return any(".".join(parts[i:]) in disposable_domains() for i in range(len(parts) - 1))
