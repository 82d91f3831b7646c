"""Crisis lines are one tap away: call and text links a phone understands, numbers grouped as
people read them, each service once, and help linked from the top of every public page."""

import re

import pytest

from dearly.safety.numbers import dial_string, readable_number


def test_help_now_offers_tap_to_call_and_tap_to_text_links(client, db):
    html = client.get("/help-now/").content.decode()
    assert 'href="tel:988"' in html and 'href="sms:988"' in html
    assert 'href="sms:741741?body=HOME"' in html and "Text HOME to 741741" in html
    assert 'href="tel:18007997233"' in html and "Call 1-800-799-7233" in html
    assert 'href="sms:88788?body=START"' in html and "Text START to 88788" in html
    assert "Call 1-800-422-4453" in html and "Text 1-800-422-4453" in html
    assert "18007997233<" not in html and "Call 18004224453" not in html


def test_help_now_shows_each_service_once(client, db):
    html = client.get("/help-now/").content.decode()
    names = re.findall(r"<h2>([^<]+)</h2>", html)
    assert names.count("988 Suicide &amp; Crisis Lifeline") == 1
    assert len(names) == len(set(names))


def test_another_countrys_numbers_are_grouped_its_way(client, db):
    html = client.get("/help-now/?country=GB").content.decode()
    assert "Call 116 123" in html and "Call 0808 2000 247" in html and 'href="tel:08082000247"' in html
    assert 'href="sms:85258?body=SHOUT"' in html


@pytest.mark.parametrize("number, country, readable", [
    ("18007997233", "US", "1-800-799-7233"), ("8007997233", "CA", "800-799-7233"), ("988", "US", "988"),
    ("741741", "US", "741741"), ("116123", "GB", "116 123"), ("08088005000", "GB", "0808 800 5000"),
    ("1-800-422-4453", "US", "1-800-422-4453"), ("+4930123456", "DE", "+4930123456"),
])
def test_numbers_read_the_way_people_say_them(number, country, readable):
    assert readable_number(number, country) == readable


def test_a_number_typed_with_dashes_dials_as_digits():
    assert dial_string("1-800-799-7233") == "18007997233" and dial_string("+44 808 2000 247") == "+448082000247"


def test_every_public_page_links_to_help_from_its_header(client, db):
    from django.utils import timezone

    from dearly.column.services import create_article

    article = create_article(title="Help from the top", letter="A letter.", answer="An answer.",
                             publish_at=timezone.now())
    for url in ("/", "/qa/", article.get_absolute_url(), "/search/?q=help", "/ask/", "/help-now/",
                "/no-such-page/"):
        html = client.get(url).content.decode()
        header = html.split('<header class="site-header">', 1)[1].split("</header>", 1)[0]
        assert 'href="/help-now/"' in header and "Get help now" in header, url
