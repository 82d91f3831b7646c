"""/resources/ lists what the column recommends, with the crisis lines; answers that mention a
resource link to it; links are plain unless the expert turns on an affiliate link or counted
clicks, and then the page says so."""

import re

import pytest
from django.core.management import call_command

from dearly.members import services as members
from dearly.members import signin
from dearly.members.models import Tier
from dearly.resources import selectors
from dearly.resources.models import Resource

HELP_BOX = 'aria-labelledby="help-box-heading"'


def box(html: str) -> str:
    match = re.search(r'<aside class="help-box".*?</aside>', html, re.S)
    return match.group(0) if match else ""


def test_the_page_lists_published_resources_by_kind_with_the_crisis_lines(client, make_resource):
    make_resource("An EFT-trained couples therapist", slug="eft")
    make_resource("Hold Me Tight", slug="hold-me-tight", kind=Resource.Kind.BOOK, author="Dr. Sue Johnson",
                  keywords="")
    make_resource("A secret draft resource", slug="draft", published=False)
    html = client.get("/resources/").content.decode()
    assert html.index("Kinds of help") < html.index("An EFT-trained couples therapist") < html.index("Books")
    assert "<cite>Hold Me Tight</cite>" in html and "Dr. Sue Johnson" in html
    assert "secret draft" not in html
    assert "988" in html and "If you are not safe right now" in html  # the crisis lines from the safety app


def test_an_unpublished_resource_has_no_page(client, make_resource):
    make_resource("Not ready", slug="not-ready", published=False)
    assert client.get("/resources/not-ready/").status_code == 404


def test_a_resource_page_shows_its_sanitized_description(client, make_resource):
    make_resource("First session", slug="first-session",
                  body="What happens **first**.\n\n<script>alert(1)</script><img src=x onerror=alert(2)>")
    html = client.get("/resources/first-session/").content.decode()
    assert "<strong>first</strong>" in html
    assert "<script>alert(1)" not in html and "onerror" not in html


def test_names_and_summaries_are_escaped(client, make_resource):
    make_resource("<b>Bold</b> help", slug="bold", summary='"><script>alert(1)</script>')
    html = client.get("/resources/").content.decode()
    assert "&lt;b&gt;Bold&lt;/b&gt;" in html and "<script>alert(1)" not in html


def test_an_answer_that_mentions_a_keyword_shows_where_to_get_help(client, make_article, make_resource):
    resource = make_resource()
    article = make_article(answer="Look for someone trained in Emotionally Focused Therapy.")
    html = box(client.get(article.get_absolute_url()).content.decode())
    assert HELP_BOX in html and f'href="{resource.get_absolute_url()}"' in html


def test_an_answer_that_mentions_nothing_shows_no_box(client, make_article, make_resource):
    make_resource()
    article = make_article(answer="Talk on a calm evening, not in the middle of a fight.")
    assert box(client.get(article.get_absolute_url()).content.decode()) == ""


def test_a_resource_added_later_shows_on_a_page_already_cached(client, make_article, make_resource):
    article = make_article(answer="A therapist trained in EFT can help.")
    assert box(client.get(article.get_absolute_url()).content.decode()) == ""  # cached without a box
    make_resource()
    assert "An EFT-trained couples therapist" in box(client.get(article.get_absolute_url()).content.decode())


def test_unpublishing_a_resource_takes_it_off_answers(client, make_article, make_resource):
    resource = make_resource()
    article = make_article(answer="A therapist trained in EFT can help.")
    assert box(client.get(article.get_absolute_url()).content.decode())
    resource.published = False
    resource.save()
    assert box(client.get(article.get_absolute_url()).content.decode()) == ""


def test_the_hidden_part_of_a_members_only_answer_shows_no_box_to_readers_who_cannot_read_it(
        client, make_article, make_resource):
    make_resource()
    article = make_article(answer="The public teaser.\n\n<!--more-->\n\nFind a therapist trained in EFT.",
                           visibility="members")
    assert box(client.get(article.get_absolute_url()).content.decode()) == ""
    tier = members.save_tier(Tier(name="Member", slug="member", included="All", monthly_price=500))
    member = signin.member_for_email("reader@example.com")
    members.grant_complimentary(member, tier)
    client.force_login(member.user)
    assert "An EFT-trained couples therapist" in box(client.get(article.get_absolute_url()).content.decode())


@pytest.mark.parametrize("text, found", [
    ("She trained in EFT last year.", True),
    ("she trained in eft last year", True),
    ("He left the room.", False),                       # "EFT" inside a word
    ("Emotionally   Focused\nTherapy helps.", True),      # any run of spaces in a phrase
    ("Gottman’s research", False),                       # another resource's word
    ("The EFTs are", False),
])
def test_keywords_match_whole_words_in_any_case(make_resource, text, found):
    make_resource()
    assert bool(selectors.mentioned_in(text)) is found


def test_a_typographic_apostrophe_in_the_answer_matches_a_typed_one(make_resource):
    make_resource("Not “Just Friends”", slug="nj", kind=Resource.Kind.BOOK, keywords="Shirley Glass's book")
    assert selectors.mentioned_in("<p>Shirley Glass’s book is good.</p>")


def test_the_box_shows_kinds_of_help_before_books_and_at_most_four(make_resource):
    make_resource("Book about EFT", slug="book", kind=Resource.Kind.BOOK)
    for n in range(5):
        make_resource(f"Therapist {n}", slug=f"t{n}", position=n)
    found = selectors.mentioned_in("Try EFT.")
    assert len(found) == 4 and all(r.kind == Resource.Kind.HELP for r in found)
    assert [r.name for r in found] == ["Therapist 0", "Therapist 1", "Therapist 2", "Therapist 3"]


# Links -----------------------------------------------------------------------------------------

def test_a_plain_link_goes_straight_to_the_site_with_no_referrer_and_no_disclosure(client, make_resource):
    make_resource(slug="eft", link="https://example.org/eft", link_label="Their site")
    html = client.get("/resources/eft/").content.decode()
    assert '<a href="https://example.org/eft" rel="noopener noreferrer">Their site</a>' in html
    assert "affiliate" not in html.lower() and "we count" not in html.lower()


def test_an_affiliate_link_is_marked_sponsored_and_disclosed(client, make_resource):
    make_resource(slug="book", kind=Resource.Kind.BOOK, link="https://books.example/b?tag=dearly-20",
                  affiliate=True)
    html = client.get("/resources/book/").content.decode()
    assert 'rel="sponsored noopener noreferrer"' in html
    assert "affiliate link: if you buy through it" in html


def test_a_counted_link_goes_through_our_counter_and_says_so(client, make_resource):
    resource = make_resource(slug="eft", link="https://example.org/eft", count_clicks=True)
    html = client.get("/resources/eft/").content.decode()
    assert 'href="/resources/eft/go/"' in html and "we count how many people follow this link" in html
    response = client.get("/resources/eft/go/")
    assert response.status_code == 302 and response["Location"] == "https://example.org/eft"
    assert response["Referrer-Policy"] == "no-referrer"
    resource.refresh_from_db()
    assert resource.clicks == 1


def test_a_link_that_is_not_counted_has_no_counter_address(client, make_resource):
    resource = make_resource(slug="eft", link="https://example.org/eft")
    assert client.get("/resources/eft/go/").status_code == 404
    resource.refresh_from_db()
    assert resource.clicks == 0


# The demo ---------------------------------------------------------------------------------------

def test_the_demo_answer_about_a_husband_who_cannot_connect_points_to_an_eft_therapist(client, db):
    call_command("load_demo")
    html = box(client.get("/qa/he-cant-connect-emotionally/").content.decode())
    assert "An EFT-trained couples therapist" in html
    listing = client.get("/resources/").content.decode()
    assert "How to find a trained couples therapist" in listing and "What a first session is like" in listing
    assert "http" not in re.sub(r'href="[^"]*"', "", box(listing) or "")  # directories in words, no links
    assert not Resource.objects.exclude(link="").exists()
