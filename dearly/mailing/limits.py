"""Rate limits for the sign-up form (one-hour windows in the shared cache)."""

from dearly.lib import ratelimit
from dearly.lib.ratelimit import client_ip  # noqa: F401  (the views take it from here)


def signup_allowed_from(ip: str, limit: int) -> bool:
    return ratelimit.count("signup-ip", ip, window=ratelimit.HOUR) <= limit


def signup_allowed_for(email: str, limit: int) -> bool:
    return ratelimit.count("signup-email", email, window=ratelimit.HOUR) <= limit
