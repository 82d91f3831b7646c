import json
import re

from django.conf import settings
from django.urls import reverse


def test_home_lists_latest_articles_and_invites_letters(client, make_article):
    make_article("Newest answer")
    html = client.get("/").content.decode()
    assert "Newest answer" in html
    assert reverse("letters:ask") in html


def test_the_archive_paginates(client, make_article):
    for n in range(12):
        make_article(f"Archive entry {n}", days_ago=n + 1)
    first = client.get("/qa/").content.decode()
    assert "Archive entry 0" in first and "Archive entry 11" not in first
    assert "Archive entry 11" in client.get("/qa/?page=2").content.decode()
    assert client.get("/qa/?page=9").status_code == 404


def test_topic_pages_list_their_articles(client, make_article):
    make_article("In-law trouble", topics=("In-laws",))
    make_article("Money trouble", topics=("Money",))
    html = client.get("/topics/in-laws/").content.decode()
    assert "In-law trouble" in html and "Money trouble" not in html


def test_an_article_shows_related_answers_that_share_topics(client, make_article):
    article = make_article("Main", topics=("Money", "In-laws"))
    make_article("Shares two", topics=("Money", "In-laws"))
    make_article("Shares none", topics=("Parenting",))
    html = client.get(article.get_absolute_url()).content.decode()
    related = html.split('id="related-heading"')[1]
    assert "Shares two" in related and "Shares none" not in related


def test_an_article_page_carries_canonical_open_graph_and_article_data(client, make_article):
    article = make_article("Structured", letter="My question.", answer="My answer.")
    html = client.get(article.get_absolute_url()).content.decode()
    canonical = settings.SITE_URL + article.get_absolute_url()
    assert f'<link rel="canonical" href="{canonical}">' in html
    assert '<meta property="og:title" content="Structured">' in html
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    # One expert's answer, not a page where readers post answers: Google keeps QAPage for those.
    assert data["@type"] == "Article" and "QAPage" not in html
    assert data["headline"] == "Structured" and data["isAccessibleForFree"] is True
    assert data["articleBody"] == "My question. My answer."
    assert data["image"].endswith(".png") and data["author"]["name"] == settings.EXPERT_NAME


def test_json_ld_cannot_break_out_of_its_script(client, make_article):
    article = make_article("</script><script>alert(1)</script>")
    html = client.get(article.get_absolute_url()).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in block


def test_members_only_structured_data_marks_the_paywall(client, hidden_articles):
    html = client.get(hidden_articles[2].get_absolute_url()).content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["isAccessibleForFree"] is False


def test_sitemap_robots_and_health(client, make_article):
    article = make_article("Mapped")
    assert article.get_absolute_url() in client.get("/sitemap.xml").content.decode()
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /desk/" in robots and "Sitemap:" in robots
    health = client.get("/healthz")
    assert health.status_code == 200 and health.json()["status"] == "ok"


def test_every_page_links_to_help_and_says_it_is_not_therapy(client, make_article):
    article = make_article("Footer check")
    for url in ["/", "/qa/", article.get_absolute_url(), "/search/?q=x"]:
        html = client.get(url).content.decode()
        assert 'href="/help-now/"' in html and "not therapy" in html


def test_pages_load_nothing_from_other_hosts(client, make_article):
    article = make_article("Self-contained")
    html = client.get(article.get_absolute_url()).content.decode()
    for match in re.findall(r'(?:src|href)="(https?://[^"]+)"', html):
        assert match.startswith(settings.SITE_URL) or match == "https://www.weather.gov/", match
    assert "default-src 'self'" in client.get("/").headers["Content-Security-Policy"]


def test_a_missing_page_is_a_friendly_404_with_the_help_line(client, db):
    response = client.get("/qa/no-such-answer/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "couldn't find that page" in html and 'href="/help-now/"' in html


def test_article_pages_escape_titles(client, make_article):
    article = make_article("<script>alert('t')</script> Title")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert('t')</script>" not in html
    assert "&lt;script&gt;" in html
