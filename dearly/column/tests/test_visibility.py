"""Drafts, scheduled and members-only text never leak through any public URL."""

import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from dearly.column.services import publish_article

from .conftest import SECRET


def public_urls(client):
    """Every URL the site offers a reader: pages, their pagination, feed, sitemap, searches."""
    urls = {"/", "/qa/", "/feed/", "/sitemap.xml", "/robots.txt", "/help-now/"}
    sitemap = client.get("/sitemap.xml").content.decode()
    urls |= {re.sub(r"^https?://[^/]+", "", u) for u in re.findall(r"<loc>([^<]+)</loc>", sitemap)}
    for word in [SECRET, f"{SECRET}-members", f"{SECRET}-draft", "hidden", "money", "teaser", "draft"]:
        urls.add(f"/search/?q={word}")
    return urls


def test_no_public_url_shows_hidden_text(client, hidden_articles, make_article):
    make_article("A public answer", answer="Open to everyone.")
    seen = 0
    for url in public_urls(client):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        if url.startswith("/search/"):  # the page repeats the query itself; results must not
            html = html.replace(url.split("q=", 1)[1], "")
        assert SECRET not in html, f"hidden text reached {url}"
        seen += 1
    assert seen > 10


def test_drafts_and_scheduled_articles_are_not_found(client, hidden_articles):
    draft, scheduled, members = hidden_articles
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(scheduled.get_absolute_url()).status_code == 404
    assert client.get(members.get_absolute_url()).status_code == 200


def test_a_scheduled_article_appears_when_its_time_comes(client, make_article):
    article = make_article("Soon to appear", days_ago=-1)
    assert article.title not in client.get("/").content.decode()
    article.published_at = timezone.now() - timedelta(seconds=1)
    article.save()
    assert article.title in client.get("/").content.decode()
    assert client.get(article.get_absolute_url()).status_code == 200


def test_a_members_only_article_shows_its_teaser_and_a_join_prompt(client, hidden_articles):
    members = hidden_articles[2]
    html = client.get(members.get_absolute_url()).content.decode()
    assert "The public teaser about money." in html
    assert "The rest of this answer is for members" in html
    assert SECRET not in html


def test_staff_read_members_only_articles_in_full(desk_client, hidden_articles):
    members = hidden_articles[2]
    html = desk_client.get(members.get_absolute_url()).content.decode()
    assert f"{SECRET}-members" in html
    assert "The rest of this answer is for members" not in html


def test_the_feed_lists_only_public_articles(client, hidden_articles, make_article):
    make_article("Visible in the feed")
    feed = client.get(reverse("feed")).content.decode()
    assert "Visible in the feed" in feed
    assert "Members answer about money" not in feed
    assert "Coming soon" not in feed


def test_unpublishing_removes_an_article_from_pages_and_search(client, make_article):
    from dearly.column.services import unpublish_article

    article = make_article("Withdrawn answer", answer="Words about a lighthouse keeper.")
    assert "Withdrawn answer" in client.get("/search/?q=lighthouse").content.decode()
    unpublish_article(article)
    assert "Withdrawn answer" not in client.get("/search/?q=lighthouse").content.decode()
    assert client.get(article.get_absolute_url()).status_code == 404
    publish_article(article)
    assert client.get(article.get_absolute_url()).status_code == 200


def test_a_members_only_article_without_a_marker_shows_only_its_first_paragraph(client, make_article):
    article = make_article(
        "No marker", answer=f"The opening paragraph.\n\nThe private rest {SECRET}-nomarker.", visibility="members"
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert "The opening paragraph." in html
    assert SECRET not in html
    assert SECRET not in client.get("/search/?q=private").content.decode()


def test_a_members_only_answer_typed_in_a_browser_keeps_its_hidden_part_hidden(desk_client, make_letter):
    """The expert's browser sends "\r\n", and a blank line may hold a space: the teaser must end
    at that blank line all the same, on every public URL."""
    from django.test import Client

    from dearly.column.models import Article
    from dearly.desk.tests.test_answering import review

    letter = make_letter("We keep arguing about money and I don't know how to start the conversation.")
    desk_client.post(f"/desk/letters/{letter.pk}/answer/", review(letter))
    letter.refresh_from_db()
    answer = (f"Money fights are rarely about money.\r\n \r\nThe members' part: try the {SECRET}-typed "
              "budget walk.\r\n\r\nAnd a last paragraph.")
    data = {"title": "We fight about money", "letter": "We argue about money.\r\n\r\nEvery month.",
            "answer": answer, "visibility": "members", "publish_at": ""}
    asked = desk_client.post(f"/desk/letters/{letter.pk}/draft/", {**data, "publish": "1"})
    assert asked.status_code == 200
    desk_client.post(f"/desk/letters/{letter.pk}/publish/", {"publish_at": "", "confirm": "on"})
    article = Article.objects.get(pk=letter.article_id)
    assert article.is_visible() and article.is_members_only
    assert "\r" not in article.answer + article.letter

    reader = Client()
    page = reader.get(article.get_absolute_url()).content.decode()
    assert "Money fights are rarely about money." in page
    urls = public_urls(reader) | {article.get_absolute_url(), "/search/?q=budget", f"/search/?q={SECRET}-typed"}
    for url in urls:
        response = reader.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        if url.startswith("/search/"):
            html = html.replace(url.split("q=", 1)[1], "")
        assert SECRET not in html and "budget walk" not in html, f"hidden text reached {url}"


def test_a_members_only_answer_of_one_paragraph_shows_only_its_first_sentence(client, make_article):
    article = make_article("One paragraph", answer=f"The first sentence. The rest {SECRET}-one.",
                           visibility="members")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "The first sentence." in html and SECRET not in html


def test_the_migration_renders_again_an_answer_saved_with_crlf(client, make_article):
    import importlib

    from django.apps import apps

    from dearly.column.models import Article

    article = make_article("Old one", answer="Teaser.", visibility="members")
    Article.objects.filter(pk=article.pk).update(
        answer=f"Teaser.\r\n\r\nHidden {SECRET}-old.", teaser_html=f"<p>Teaser.\r\n\r\nHidden {SECRET}-old.</p>")
    importlib.import_module("dearly.column.migrations.0005_teasers_end_at_any_blank_line").rerender(apps, None)
    article.refresh_from_db()
    assert SECRET not in article.teaser_html and "\r" not in article.answer
