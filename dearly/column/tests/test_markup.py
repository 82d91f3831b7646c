"""What machines read from the public pages: Open Graph on every one, headings in order, a
canonical link, a favicon, and titles in one style."""

import re

import pytest
from django.conf import settings

from dearly.column.demo import __file__ as demo_init


@pytest.fixture
def pages(make_article):
    article = make_article("Open graph answer", topics=("Money",))
    return ["/", "/qa/", "/topics/money/", "/search/?q=answer", "/search/", article.get_absolute_url(),
            "/help-now/", "/ask/"]


def meta(html, prop):
    found = re.search(rf'<meta property="{re.escape(prop)}" content="([^"]*)">', html)
    return found and found.group(1)


def test_every_public_page_carries_open_graph_tags(client, pages):
    for url in pages:
        html = client.get(url).content.decode()
        for prop in ("og:title", "og:description", "og:url", "og:type", "og:image"):
            assert meta(html, prop), (url, prop)
        assert meta(html, "og:url").startswith(settings.SITE_URL + url.split("?")[0]), url
        assert meta(html, "og:image") == settings.SITE_URL + "/static/dearly/social.png", url
    article_html = client.get(pages[5]).content.decode()
    assert meta(article_html, "og:type") == "article" and meta(article_html, "og:title") == "Open graph answer"
    assert meta(client.get("/qa/").content.decode(), "og:title") == "All answers"


def test_the_social_image_is_served(client, db):
    from django.contrib.staticfiles import finders

    path = finders.find("dearly/social.png")
    with open(path, "rb") as image:
        head = image.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(head[16:20], "big") == 1200 and int.from_bytes(head[20:24], "big") == 630


def headings(html):
    main = html.split('<main', 1)[1].split("</main>", 1)[0]
    return [int(level) for level in re.findall(r"<h([1-6])[\s>]", main)]


def test_headings_never_skip_a_level(client, pages):
    for url in pages:
        levels = headings(client.get(url).content.decode())
        assert levels and levels[0] == 1, url
        for before, after in zip(levels, levels[1:], strict=False):
            assert after <= before + 1, (url, levels)


def test_help_now_has_a_canonical_link_without_its_query(client, db):
    html = client.get("/help-now/?country=GB").content.decode()
    assert f'<link rel="canonical" href="{settings.SITE_URL}/help-now/">' in html


def test_every_page_names_its_icon_and_favicon_ico_answers(client, pages):
    for url in pages:
        assert '<link rel="icon" href="/static/dearly/favicon.svg" type="image/svg+xml">' in client.get(url).content.decode()
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == "/static/dearly/favicon.svg"
    from django.contrib.staticfiles import finders

    with open(finders.find("dearly/favicon.svg"), "rb") as icon:
        assert icon.read().startswith(b"<svg")


SMALL_WORDS_THAT_STAY_CAPITALIZED = {"I", "I'm", "I’m", "I'd", "I’d", "I've", "I’ve", "I'll", "I’ll"}


def is_sentence_case(title: str) -> bool:
    """First word capitalized; after it only 'I', proper names given, or a new sentence."""
    words = title.replace("“", '"').replace("”", '"').split()
    for before, word in zip(words, words[1:], strict=False):
        bare = word.strip('"(').rstrip('.,;:!?")')
        if not bare or not bare[0].isupper() or bare in SMALL_WORDS_THAT_STAY_CAPITALIZED:
            continue
        if before.rstrip('"').endswith((".", "?", "!", ":")):
            continue
        return False
    return True


def test_demo_titles_and_page_titles_are_in_sentence_case(client, pages):
    from pathlib import Path

    for path in sorted(Path(demo_init).parent.glob("articles/*.md")):
        title = re.search(r"^title: (.+)$", path.read_text(), re.M).group(1)
        assert is_sentence_case(title), f"{path.name}: {title}"
    for url in pages[:3] + pages[6:]:
        title = re.search(r"<title>(.*?)</title>", client.get(url).content.decode(), re.S).group(1)
        for part in title.split(" · "):
            assert is_sentence_case(part), (url, title)


def test_sentence_case_is_told_from_title_case():
    assert is_sentence_case("When we argue, I leave the room, and she follows me")
    assert is_sentence_case('Every fight becomes "you always." How do we stop?')
    assert not is_sentence_case("He Wants to Lend His Brother Money Again")
