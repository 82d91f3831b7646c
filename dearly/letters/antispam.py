"""Keeping spam out of the letters without a third-party captcha.

Signals of two kinds. Some refuse a letter (its words are kept, and the writer is told why):
a filled honeypot field, the rate limits per IP address and per email address kept in the
shared cache, and a throwaway email domain. Others only raise a doubt, because people do
these things too: a letter sent within seconds of opening the form (it was written elsewhere
and pasted), or one full of web links. A doubtful letter is sent once the writer presses Send
a second time: a signed field in the form says that this form's letter was confirmed. Cache
keys hold a keyed hash, never an address.
"""

import hashlib
import re
import secrets
import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache

from dearly.lib import disposable_email, ratelimit

TOKEN_SALT = "dearly.letters.form-started"
CONFIRM_SALT = "dearly.letters.confirmed"
TOKEN_MAX_AGE = 24 * 60 * 60


# --- how long the form was open ---------------------------------------------------------
def form_token(now: float | None = None) -> str:
    # The random part makes every opened form's token its own, even two opened in one second:
    # a token is also the form's one-time "send" ticket (claim_token).
    return signing.dumps([int(now if now is not None else time.time()), secrets.token_hex(8)], salt=TOKEN_SALT)


def _started_at(token: str) -> int | None:
    try:
        value = signing.loads(token or "", salt=TOKEN_SALT)
        # A bare number: a form opened before tokens carried a random part.
        return int(value[0] if isinstance(value, list) else value)
    except (signing.BadSignature, ValueError, TypeError, IndexError):
        return None


def fill_time_problem(token: str, now: float | None = None) -> str | None:
    """Why the form's start time cannot be used (missing, forged, too old); None when fine.

    How quickly it came back is not a problem here but a doubt: see doubts()."""
    now = now if now is not None else time.time()
    started = _started_at(token)
    if started is None:
        return "We could not tell when this form was opened. Your words are still here: please send again."
    if now - started > TOKEN_MAX_AGE:
        return "This form was open for a long time. Your words are still here: please send again."
    return None


def sent_quickly(token: str, now: float | None = None) -> bool:
    """Sent sooner after the form opened than anyone types a letter: pasted, or a script."""
    started = _started_at(token)
    now = now if now is not None else time.time()
    return started is not None and now - started < settings.LETTER_MIN_FILL_SECONDS


# --- doubts, and the writer's second click that settles them ------------------------------
LINKS_DOUBT = 3  # letters to an advice column rarely carry more than a link or two
_LINK = re.compile(r"\b(?:https?://|www\.)\S", re.IGNORECASE)


def doubts(token: str, text: str, now: float | None = None) -> list[str]:
    """What makes a letter look automatic, none of it enough to refuse one ("quick", "links")."""
    found = []
    if sent_quickly(token, now):
        found.append("quick")
    if len(_LINK.findall(text)) >= LINKS_DOUBT:
        found.append("links")
    return found


def confirmation_for(token: str) -> str:
    """The signed mark a re-shown form carries: its writer was asked, and sends again."""
    return signing.dumps(hashlib.sha256(token.encode()).hexdigest(), salt=CONFIRM_SALT)


def is_confirmed(token: str, confirmation: str) -> bool:
    """True when the confirmation was made for this very form (by confirmation_for)."""
    try:
        marked = signing.loads(confirmation or "", salt=CONFIRM_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return False
    return bool(token) and marked == hashlib.sha256(token.encode()).hexdigest()


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
# The list and its local corrections live in dearly.lib.disposable_email (the sign-up forms use it too).
is_disposable = disposable_email.is_disposable
