"""Fixed-window rate limits counted in Django's shared cache, for every form that sends email,
accepts a letter or checks a password.

Keys hold a keyed hash of what is counted (an address, an email, a user name), never the value.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac

MINUTE, HOUR, DAY = 60, 60 * 60, 24 * 60 * 60


def _key(scope: str, value: str, window: int) -> str:
    digest = salted_hmac("dearly.ratelimit", value.strip().lower()).hexdigest()[:32]
    return f"rl:{scope}:{window}:{int(time.time() // window)}:{digest}"


def used(scope: str, value: str, *, window: int) -> int:
    """How many times `value` was counted in `scope` in the current window."""
    return cache.get(_key(scope, value, window)) or 0


def count(scope: str, value: str, *, window: int) -> int:
    """Count one more for `value`; returns the count so far in this window."""
    key = _key(scope, value, window)
    cache.add(key, 0, window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, window)
        return 1


def client_ip(request) -> str:
    """The reader's address. Behind a reverse proxy (BEHIND_PROXY=1), the address that proxy
    added last to X-Forwarded-For: anything before it could be made up by the client."""
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if last := forwarded.rsplit(",", 1)[-1].strip():
            return last
    return request.META.get("REMOTE_ADDR", "") or "unknown"
