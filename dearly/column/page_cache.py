"""Whole-page cache for anonymous readers.

Every anonymous reader gets the same HTML for a column page, so it is rendered once and kept
in the shared cache under a content version; any article or topic change bumps the version.
A page is kept no longer than until the next scheduled article is due, so scheduled articles
appear on time without anyone saving anything.
"""

import functools
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

VERSION_KEY = "pages:version"


def _version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = int(timezone.now().timestamp() * 1000)
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY, version)
    return version


def invalidate() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, int(timezone.now().timestamp() * 1000), None)


def _seconds_until_next_scheduled() -> int | None:
    from dearly.column.models import Article

    now = timezone.now()
    due = (
        Article.objects.filter(status=Article.Status.PUBLISHED, published_at__gt=now)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    return None if due is None else max(1, int((due - now).total_seconds()) + 1)


def is_anonymous(request) -> bool:
    return request.method in ("GET", "HEAD") and settings.SESSION_COOKIE_NAME not in request.COOKIES


def cache_for_anonymous(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if settings.PAGE_CACHE_SECONDS == 0 or not is_anonymous(request):
            return view(request, *args, **kwargs)
        digest = hashlib.md5(request.get_full_path().encode(), usedforsecurity=False).hexdigest()
        key = f"pages:{_version()}:{digest}"
        cached = cache.get(key)
        if cached is not None:
            return cached
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.cookies and not getattr(response, "streaming", False):
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            ttl = settings.PAGE_CACHE_SECONDS
            if (soon := _seconds_until_next_scheduled()) is not None:
                ttl = min(ttl, soon)
            cache.set(key, response, ttl)
        return response

    return wrapper
