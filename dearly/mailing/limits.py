"""Rate limits for the sign-up form, counted in Django's shared cache (one-hour windows)."""

import hashlib

from django.core.cache import cache

WINDOW_SECONDS = 3600


def _hit(key: str) -> int:
    if cache.add(key, 1, WINDOW_SECONDS):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, WINDOW_SECONDS)
        return 1


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:32]


def client_ip(request) -> str:
    # Behind a reverse proxy, configure it to set REMOTE_ADDR (e.g. granian's
    # --respect-proxy-headers … or nginx's real_ip); forwarded headers are not trusted here.
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def signup_allowed_from(ip: str, limit: int) -> bool:
    return _hit(f"rl:signup:ip:{_digest(ip)}") <= limit


def signup_allowed_for(email: str, limit: int) -> bool:
    return _hit(f"rl:signup:email:{_digest(email)}") <= limit
