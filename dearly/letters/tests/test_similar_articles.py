"""“This may already help”: published answers like the letter, as the reader writes and again
after sending, found only through public text."""

from datetime import timedelta

import pytest
from django.utils import timezone

from dearly.column.services import create_article
from dearly.letters.models import Letter

LETTER = (
    "My wife and I fight about money every month. She hides credit card statements and I find "
    "out about the debt when the bank calls. How do we talk about the overdraft without a war?"
)


def publish(title, letter, answer="An answer.", **kwargs):
    return create_article(title=title, letter=letter, answer=answer, topics=["Money"],
                          publish_at=timezone.now() - timedelta(days=1), **kwargs)


@pytest.fixture
def articles(db):
    return {
        "debt": publish("The credit card I didn't know about", "She hid a credit card and the debt grew."),
        "overdraft": publish("Overdraft again", "The bank called about the overdraft and the statements."),
        "dishes": publish("Dishes every night", "We argue about chores and the laundry."),
    }


def test_similar_articles_appear_as_the_reader_writes(client, articles):
    response = client.post("/ask/similar/", {"letter": LETTER})
    text = response.content.decode()
    assert response.status_code == 200
    assert "This may already help" in text
    assert "The credit card I didn&#x27;t know about" in text and "Overdraft again" in text
    assert "Dishes every night" not in text
    assert "no-store" in response["Cache-Control"]
    assert not Letter.objects.exists()


def test_at_most_five_are_shown(client, db):
    # Seven answers to the same letter, each close enough to show: only five are.
    for n in range(7):
        publish(f"Overdraft story {n}", "We fight about money: she hides the credit card statements and "
                "I only learn of the debt and the overdraft when the bank calls.")
    text = client.post("/ask/similar/", {"letter": LETTER}).content.decode()
    assert text.count("<li>") == 5


def test_words_are_ranked_by_how_informative_they_are_not_matched_as_one_phrase(client, articles):
    # None of the articles holds the letter as a phrase; each shares a few rare words with it.
    text = client.post("/ask/similar/", {"letter": "statements overdraft bank hiding"}).content.decode()
    assert "Overdraft again" in text


def test_only_public_text_of_published_articles_is_ever_matched(client, db):
    create_article(title="A draft about overdrafts", letter="overdraft zeppelin", answer="draft")
    create_article(title="Scheduled", letter="Later.", answer="zeppelin", topics=[],
                   publish_at=timezone.now() + timedelta(days=2))
    publish("Members only", "A public teaser about savings.",
            answer="Teaser.\n\n<!--more-->\n\nThe hidden part mentions zeppelin.", visibility="members")
    text = client.post("/ask/similar/", {"letter": "zeppelin zeppelin overdraft"}).content.decode()
    assert "A draft about overdrafts" not in text
    assert "Scheduled" not in text
    assert "Members only" not in text


def test_the_look_up_only_takes_a_post_so_words_stay_out_of_urls(client, db):
    assert client.get("/ask/similar/", {"letter": LETTER}).status_code == 405


def test_the_look_up_needs_the_csrf_token(db):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/ask/similar/", {"letter": LETTER}).status_code == 403


def test_an_empty_letter_finds_nothing(client, articles):
    assert "This may already help" not in client.post("/ask/similar/", {"letter": "  "}).content.decode()


def test_similar_articles_appear_again_after_sending(client, articles, letter_form_data):
    client.post("/ask/", letter_form_data(letter=LETTER))
    text = client.get("/ask/sent/").content.decode()
    assert "This may already help" in text
    assert "Overdraft again" in text


def test_looking_first_without_javascript_shows_answers_and_sends_nothing(client, articles, letter_form_data):
    response = client.post("/ask/", {**letter_form_data(letter=LETTER), "look": "1"})
    text = response.content.decode()
    assert response.status_code == 200
    assert "Overdraft again" in text
    assert "hides credit card statements" in text  # the letter is still in the box
    assert not Letter.objects.exists()


def test_the_letter_page_loads_htmx_and_word_count_from_our_own_origin(client, db):
    text = client.get("/ask/").content.decode()
    assert 'src="/static/dearly/htmx.min.js"' in text
    assert 'src="/static/dearly/letters.js"' in text
    assert 'hx-post="/ask/similar/"' in text
    assert "includeIndicatorStyles" in text
    assert "<script>" not in text and " style=" not in text and " onclick=" not in text


def test_help_is_offered_while_a_reader_in_danger_is_still_writing(client, db):
    response = client.post(
        "/ask/similar/", {"letter": "Lately I think everyone would be better off without me."}
    )
    html = response.content.decode()
    assert "You don't have to wait for an answer" in html
    assert "988" in html


def test_no_help_block_is_shown_for_an_ordinary_letter_while_writing(client, db):
    response = client.post("/ask/similar/", {"letter": "This fight about the dishes is killing me."})
    assert "You don't have to wait for an answer" not in response.content.decode()


def test_a_letter_longer_than_the_search_takes_is_searched_by_its_start(client, articles):
    from dearly.letters.views import SIMILAR_TEXT_LIMIT

    # What comes past the limit (here, all about chores) changes nothing.
    start = LETTER + " We keep the receipts in a shoebox. " * ((SIMILAR_TEXT_LIMIT - len(LETTER)) // 36)
    start = start[:SIMILAR_TEXT_LIMIT]
    long_letter = start + " Then we talked about the dishes and the laundry and chores. " * 200
    response = client.post("/ask/similar/", {"letter": long_letter})
    assert response.status_code == 200
    assert response.content == client.post("/ask/similar/", {"letter": start}).content
    assert "Dishes every night" not in response.content.decode()


def test_past_the_hourly_limit_the_panel_stays_quiet_but_crisis_help_still_shows(client, articles, monkeypatch):
    monkeypatch.setattr("dearly.letters.views.SIMILAR_PER_IP_HOUR", 2)
    for _ in range(2):
        assert "Overdraft again" in client.post("/ask/similar/", {"letter": LETTER}).content.decode()
    quiet = client.post("/ask/similar/", {"letter": LETTER})
    assert quiet.status_code == 200 and "This may already help" not in quiet.content.decode()
    danger = client.post("/ask/similar/", {"letter": "Lately I think everyone would be better off without me."})
    assert danger.status_code == 200 and "You don't have to wait for an answer" in danger.content.decode()
    elsewhere = client.post("/ask/similar/", {"letter": LETTER}, REMOTE_ADDR="10.0.0.8")
    assert "Overdraft again" in elsewhere.content.decode()
