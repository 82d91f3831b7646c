from django.db import connection
from django.test.utils import CaptureQueriesContext


def test_anonymous_pages_are_served_from_the_cache(client, make_article):
    article = make_article("Cached")
    client.get(article.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200 and "Cached" in response.content.decode()
    assert len(queries) == 0


def test_publishing_refreshes_cached_pages(client, make_article):
    make_article("First")
    assert "Second" not in client.get("/").content.decode()
    make_article("Second")
    assert "Second" in client.get("/").content.decode()


def test_editing_an_article_refreshes_its_cached_page(client, make_article):
    article = make_article("Edit me", answer="Old answer text.")
    client.get(article.get_absolute_url())
    article.answer = "New answer text."
    article.save()
    assert "New answer text." in client.get(article.get_absolute_url()).content.decode()


def test_signed_in_readers_are_never_served_a_cached_page(desk_client, hidden_articles):
    from django.test import Client

    members = hidden_articles[2]
    Client().get(members.get_absolute_url())  # an anonymous reader fills the cache with the teaser
    html = desk_client.get(members.get_absolute_url()).content.decode()
    assert "The hidden part" in html


def test_unknown_query_parameters_share_the_pages_entry(client, make_article):
    from django.core.cache import caches

    make_article("Shared entry")
    client.get("/")
    entries = len(caches["pages"]._cache)
    for n in range(20):
        client.get(f"/?utm_source={n}")
    assert len(caches["pages"]._cache) == entries


def test_pages_never_touch_the_cache_that_keeps_rate_limits(client, make_article):
    from django.core.cache import caches

    article = make_article("Separate caches")
    client.get(article.get_absolute_url())
    assert not any("pages:" in str(key) for key in caches["default"]._cache)


def test_saving_a_draft_keeps_cached_pages(make_article):
    from dearly.column import page_cache

    make_article("Public")
    version = page_cache._version()
    draft = make_article("Work in progress", publish=False)
    draft.answer = "Still writing."
    draft.save()
    assert page_cache._version() == version


def test_a_scheduled_article_appears_on_a_cached_page_when_due(client, make_article):
    import time
    from datetime import timedelta

    from django.utils import timezone

    from dearly.column.services import publish_article

    article = make_article("Due soon", publish=False)
    publish_article(article, at=timezone.now() + timedelta(seconds=1.5))
    assert "Due soon" not in client.get("/").content.decode()  # now cached, until it is due
    time.sleep(2.1)  # the time comes without any save, so no signal drops the page
    assert "Due soon" in client.get("/").content.decode()
