"""Letters stay private: the page after sending is for its writer only and never shows the
letter; letters never reach the column's index, a log line or a cache key."""

import logging
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from dearly.column.search import index as column_index
from dearly.column.services import create_article
from dearly.letters import search as letters_search
from dearly.letters.models import Letter

SECRET = "quetzalcoatlus"
LETTER = f"My partner keeps a {SECRET} in the garage and will not talk about anything else."


def test_the_page_after_sending_never_shows_the_letter(client, letter_form_data):
    client.post("/ask/", letter_form_data(letter=LETTER, pen_name="Pen Secret", email="w@example.com"))
    response = client.get("/ask/sent/")
    text = response.content.decode()
    assert response.status_code == 200
    for secret in (SECRET, "Pen Secret", "w@example.com"):
        assert secret not in text
    assert "no-store" in response["Cache-Control"]


def test_the_page_after_sending_is_only_for_the_browser_that_sent(client, letter_form_data, make_letter):
    make_letter(LETTER)
    client.post("/ask/", letter_form_data())
    stranger = Client()
    response = stranger.get("/ask/sent/")
    assert response.status_code == 302 and response["Location"] == "/ask/"


def test_the_page_after_sending_expires(client, letter_form_data, monkeypatch):
    import time as time_module

    client.post("/ask/", letter_form_data())
    later = time_module.time() + 3 * 3600
    monkeypatch.setattr("dearly.letters.views.time.time", lambda: later)
    assert client.get("/ask/sent/").status_code == 302


def test_the_session_holds_only_the_letters_number(client, letter_form_data):
    client.post("/ask/", letter_form_data(letter=LETTER, email="w@example.com"))
    stored = str(dict(client.session))
    assert SECRET not in stored and "w@example.com" not in stored


def test_letters_never_reach_the_column_index_or_search(client, make_letter):
    letter = make_letter(LETTER)
    # The column's search works (it finds an article's word) ...
    create_article(title="Sheds", letter="My partner keeps a pterosaur model in the shed.", answer="A.",
                   publish_at=timezone.now() - timedelta(days=1))
    assert column_index.search("pterosaur")[1] == 1
    # ... and never finds the letter's, although the letter is in its own, private index.
    hits, total = column_index.search(SECRET)
    assert total == 0
    page = client.get("/search/", {"q": SECRET}).content.decode()
    assert "No answer holds the words" in page and "On the same theme" not in page
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM letters_search")
        assert cursor.fetchone()[0] == 1
    assert letters_search.similar_letter_ids(LETTER) == [letter.pk]


def test_no_log_line_holds_letter_text_pen_name_or_email(client, letter_form_data, caplog):
    from dearly.letters.tests.conftest import CRISIS

    caplog.set_level(logging.DEBUG)
    client.post("/ask/", letter_form_data(letter=LETTER, pen_name="Pen Secret", email="w@example.com"))
    client.post("/ask/", letter_form_data(letter=CRISIS + " " + SECRET, pen_name="Pen Secret"))
    client.post("/ask/", letter_form_data(letter=LETTER, consent_publication=None))
    client.get("/ask/sent/")
    logged = caplog.text + " ".join(str(r.__dict__) for r in caplog.records)
    assert caplog.records  # something was logged, by letter number
    for secret in (SECRET, "Pen Secret", "w@example.com", "garage"):
        assert secret not in logged, secret


@pytest.mark.django_db
def test_a_letter_is_never_displayed_by_its_string(make_letter):
    letter = make_letter(LETTER, pen_name="Pen Secret", email="w@example.com")
    assert str(letter) == f"Letter #{letter.pk}"
    for shown in (str(letter), repr(letter), f"{letter}", str(Letter.objects.get(pk=letter.pk))):
        for secret in (SECRET, "Pen Secret", "w@example.com"):
            assert secret not in shown
