"""same_origin_required: a cookie-free guard against cross-site POSTs.

For forms on pages cached whole for every anonymous reader (the column's sign-up forms), a
per-visitor CSRF token is impossible. Browsers tell us where a POST came from instead:
`Sec-Fetch-Site` (every current browser) must be same-origin or none (typed, bookmarked), and
`Origin`, when sent, must be this site (settings.SITE_URL, or the host the request came to,
which ALLOWED_HOSTS has already vetted). Requests with neither header (old browsers, scripts)
pass: they cannot be forged cross-site from a browser that sends neither, and what these
endpoints do is harmless on its own (a sign-up still needs its emailed confirmation).
"""

import functools
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponseForbidden

SAFE_FETCH_SITES = {"same-origin", "none"}


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def is_same_origin(request) -> bool:
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None and fetch_site.lower() not in SAFE_FETCH_SITES:
        return False
    origin = request.headers.get("Origin")
    if origin is not None:
        allowed = {_origin(settings.SITE_URL), f"{request.scheme}://{request.get_host()}".lower()}
        if origin.lower() not in allowed:
            return False
    return True


def same_origin_required(view):
    """Refuse (403) unsafe-method requests that a browser says came from another site."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD", "OPTIONS") and not is_same_origin(request):
            return HttpResponseForbidden(
                "This form can only be sent from this site's own pages.", content_type="text/plain"
            )
        return view(request, *args, **kwargs)

    return wrapper
