"""Fixed-window rate limits in the shared cache, keyed by a hash of what is counted, and the
reader's address as a rate limit sees it (behind a proxy or not)."""

from django.core.cache import cache
from django.test import RequestFactory

from dearly.lib import ratelimit


def test_counts_grow_within_a_window_per_scope_and_value():
    assert ratelimit.used("signup-ip", "198.51.100.7", window=ratelimit.HOUR) == 0
    assert [ratelimit.count("signup-ip", "198.51.100.7", window=ratelimit.HOUR) for _ in range(3)] == [1, 2, 3]
    assert ratelimit.used("signup-ip", "198.51.100.7", window=ratelimit.HOUR) == 3
    assert ratelimit.used("signup-email", "198.51.100.7", window=ratelimit.HOUR) == 0
    assert ratelimit.used("signup-ip", "198.51.100.8", window=ratelimit.HOUR) == 0
    assert ratelimit.used("signup-ip", "198.51.100.7", window=ratelimit.DAY) == 0


def test_the_same_address_in_another_case_or_with_spaces_counts_as_one():
    ratelimit.count("signup-email", "Sam@Example.com ", window=ratelimit.HOUR)
    assert ratelimit.used("signup-email", "sam@example.com", window=ratelimit.HOUR) == 1


def test_the_cache_never_holds_what_is_counted():
    ratelimit.count("signup-email", "secret.person@example.com", window=ratelimit.HOUR)
    keys = list(cache._cache.keys())  # the tests' local-memory cache
    assert keys and not any("secret.person" in key for key in keys)


def test_a_count_whose_key_expired_between_add_and_incr_starts_again(monkeypatch):
    # add() finds the key still there; it expires before incr(), which then raises ValueError.
    monkeypatch.setattr(cache, "add", lambda *args, **kwargs: False)
    assert ratelimit.count("letter-ip", "203.0.113.1", window=ratelimit.MINUTE) == 1
    assert ratelimit.used("letter-ip", "203.0.113.1", window=ratelimit.MINUTE) == 1


def test_the_readers_address_is_the_proxys_last_entry_only_behind_a_proxy(settings):
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9")
    settings.BEHIND_PROXY = False
    assert ratelimit.client_ip(request) == "10.0.0.1"
    settings.BEHIND_PROXY = True
    assert ratelimit.client_ip(request) == "203.0.113.9"
    assert ratelimit.client_ip(RequestFactory().get("/", REMOTE_ADDR="")) == "unknown"
