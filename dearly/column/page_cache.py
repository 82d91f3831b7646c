"""Whole-page cache for anonymous readers.

Every anonymous reader gets the same HTML for a column page, so it is rendered once and kept
in the shared cache under a content version; any article or topic change bumps the version.
A page is kept no longer than until the next scheduled article is due, so scheduled articles
appear on time without anyone saving anything.

An entry keeps the page's bytes as sent plainly and gzipped, so a browser that asks for gzip
gets it without compressing per request, and is keyed by scheme, host and path: an http page
(or one for another host name) never answers an https request. These pages carry no CSRF token
and nothing personal, so compressing them gives BREACH nothing to guess.
"""

import functools
import gzip
import hashlib
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.middleware.gzip import re_accepts_gzip
from django.utils import timezone
from django.utils.cache import patch_vary_headers

VERSION_KEY = "pages:version"
# Only these query parameters change what a column page shows; others share the page's entry.
VARYING_PARAMS = ("page", "q")
# Each web process keeps the pages it served in memory and asks the shared cache for the
# content version at most once a VERSION_TTL: a change shows everywhere within that second,
# and at once in the process that made it.
VERSION_TTL = 1.0
LOCAL_PAGES = 256
_local: OrderedDict = OrderedDict()
_known_version: list = [None, 0.0]  # version, monotonic time it was read
_lock = threading.Lock()  # a server may run several threads in one process


def _cache():
    return caches["pages"]


def _version() -> int:
    version, read_at = _known_version
    now = time.monotonic()
    if version is not None and now - read_at < VERSION_TTL:
        return version
    cache = _cache()
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, int(timezone.now().timestamp() * 1000), None)
        version = cache.get(VERSION_KEY)
    _known_version[:] = [version, now]
    return version


def invalidate() -> None:
    cache = _cache()
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, int(timezone.now().timestamp() * 1000), None)
    with _lock:
        _known_version[:] = [None, 0.0]
        _local.clear()


def invalidate_now_and_on_commit() -> None:
    """For changes made in a transaction: drop pages now, so this transaction's own requests
    see the change, and again after commit, so a page cached in between cannot outlive it."""
    invalidate()
    transaction.on_commit(invalidate)


def _remember(key, entry):
    with _lock:
        _local[key] = entry
        _local.move_to_end(key)
        while len(_local) > LOCAL_PAGES:
            _local.popitem(last=False)


def _respond(request, entry):
    if time.time() >= entry["expires_at"]:
        return None
    if entry["gzip"] is not None and re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
        response = HttpResponse(entry["gzip"], content_type=entry["content_type"])
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(entry["content"], content_type=entry["content_type"])
    patch_vary_headers(response, ("Accept-Encoding",))
    return response


def _entry(response, ttl) -> dict:
    content = response.content
    compressed = gzip.compress(content, compresslevel=6, mtime=0)
    return {
        "content": content,
        "gzip": compressed if len(compressed) < len(content) else None,
        "content_type": response["Content-Type"],
        "expires_at": time.time() + ttl,
    }


def page_key(request) -> str:
    """Scheme, host and path, and the query parameters that change the page."""
    varying = "&".join(f"{p}={request.GET.get(p, '')[:200]}" for p in VARYING_PARAMS if p in request.GET)
    where = f"{request.scheme}://{request.get_host()}{request.path}?{varying}"
    return f"pages:{_version()}:{hashlib.md5(where.encode(), usedforsecurity=False).hexdigest()}"


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
        key = page_key(request)
        cache = _cache()
        entry = _local.get(key) or cache.get(key)
        if isinstance(entry, dict) and (response := _respond(request, entry)) is not None:
            _remember(key, entry)
            return response
        response = view(request, *args, **kwargs)
        # A page with a CSRF token is personal (and compressing it would help BREACH): not kept.
        csrf_used = request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        if (response.status_code == 200 and not response.cookies and not csrf_used
                and not getattr(response, "streaming", False)):
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            ttl = settings.PAGE_CACHE_SECONDS
            if (soon := _seconds_until_next_scheduled()) is not None:
                ttl = min(ttl, soon)
            entry = _entry(response, ttl)
            cache.set(key, entry, ttl)
            _remember(key, entry)
            return _respond(request, entry)
        return response

    return wrapper
