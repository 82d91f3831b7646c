"""Pages are sent gzipped when the browser asks, from bytes compressed once and kept in the page
cache; pages that carry a CSRF token or someone's private data are never compressed (BREACH)."""

import gzip

from django.db import connection
from django.test.utils import CaptureQueriesContext

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br, zstd"}


def test_a_page_is_sent_gzipped_when_the_browser_asks(client, make_article):
    article = make_article("Compressed answer", answer="Words. " * 400)
    plain = client.get(article.get_absolute_url())
    packed = client.get(article.get_absolute_url(), **GZIP)
    assert "Content-Encoding" not in plain and packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == plain.content
    assert len(packed.content) < len(plain.content) / 3
    for response in (plain, packed):
        assert "Accept-Encoding" in response["Vary"]


def test_the_compressed_page_comes_from_the_cache(client, make_article):
    article = make_article("Cached and compressed", answer="Words. " * 400)
    first = client.get(article.get_absolute_url(), **GZIP)
    with CaptureQueriesContext(connection) as queries:
        again = client.get(article.get_absolute_url(), **GZIP)
    assert len(queries) == 0
    assert again["Content-Encoding"] == "gzip" and again.content == first.content


def test_pages_outside_the_cache_are_compressed_too(client, db):
    response = client.get("/help-now/", **GZIP)
    assert response["Content-Encoding"] == "gzip"
    assert b"Get help now" in gzip.decompress(response.content)


def test_a_page_with_a_csrf_token_is_never_compressed(client, db):
    response = client.get("/ask/", **GZIP)
    assert response.status_code == 200 and b"csrfmiddlewaretoken" in response.content
    assert "Content-Encoding" not in response


def test_desk_pages_are_never_compressed(desk_client, make_letter):
    letter = make_letter()
    for url in ("/desk/", f"/desk/letters/{letter.pk}/"):
        response = desk_client.get(url, **GZIP)
        assert response.status_code == 200 and "Content-Encoding" not in response, url


def test_http_and_https_pages_do_not_share_a_cache_entry(client, make_article, settings):
    article = make_article("Two schemes")
    client.get(article.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        client.get(article.get_absolute_url(), secure=True)
    assert len(queries) > 0  # rendered anew, not the http page's entry


def test_two_host_names_do_not_share_a_cache_entry(client, make_article, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "www.dearly.example", "dearly.example"]
    article = make_article("Two hosts")
    client.get(article.get_absolute_url(), HTTP_HOST="dearly.example")
    with CaptureQueriesContext(connection) as queries:
        client.get(article.get_absolute_url(), HTTP_HOST="www.dearly.example")
    assert len(queries) > 0
    with CaptureQueriesContext(connection) as queries:
        client.get(article.get_absolute_url(), HTTP_HOST="www.dearly.example")
    assert len(queries) == 0


def test_every_response_carries_a_permissions_policy(client, make_article):
    article = make_article("Policy")
    for url in ("/", article.get_absolute_url(), "/help-now/", "/ask/", "/no-such-page/", "/desk/"):
        policy = client.get(url)["Permissions-Policy"]
        for feature in ("camera=()", "microphone=()", "geolocation=()", "interest-cohort=()"):
            assert feature in policy, url


def test_a_cached_view_that_puts_a_csrf_token_in_its_page_is_neither_kept_nor_compressed(rf, db):
    from django.http import HttpResponse
    from django.middleware.csrf import get_token

    from dearly.column.page_cache import cache_for_anonymous

    calls = []

    @cache_for_anonymous
    def form_page(request):
        calls.append(1)
        return HttpResponse(f"<form>{get_token(request)}</form>" + "padding " * 100)

    for _ in range(2):
        response = form_page(rf.get("/a-form/", **GZIP))
        assert "Content-Encoding" not in response
    assert len(calls) == 2
