"""When sending a letter fails on our side (a cleared or blocked cookie, the database away for a
moment), the form comes back with every word in it and says what to do: never a bare error page."""

import html
import re

import pytest
from django.db import OperationalError, connection
from django.test import Client

from dearly.letters.models import Letter

TYPED = "Since the baby came we only talk about schedules, and I miss my wife more than I can say."


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def hidden(response, name) -> str:
    return re.search(rf'name="{name}" value="([^"]*)"', response.content.decode()).group(1)


# --- CSRF -------------------------------------------------------------------------------
@pytest.fixture
def strict_client():
    return Client(enforce_csrf_checks=True)


@pytest.mark.django_db
def test_a_letter_sent_after_its_cookie_was_cleared_comes_back_with_its_words_and_sends_on_the_next_click(
        strict_client, letter_form_data):
    page = strict_client.get("/ask/")
    data = letter_form_data(letter=TYPED, pen_name="Quiet house", email="me@example.org",
                            writer_signal="neither", csrfmiddlewaretoken=hidden(page, "csrfmiddlewaretoken"))
    strict_client.cookies.clear()  # cleared by the browser, or never stored: cookies blocked

    response = strict_client.post("/ask/", data)
    assert response.status_code == 403
    text = page_text(response)
    assert "Forbidden" not in text and "CSRF verification failed" not in text
    assert "Your letter has not been sent yet" in text and "please send again" in text
    assert TYPED in text and "Quiet house" in text and "me@example.org" in text
    assert not Letter.objects.exists()

    # The page came with a new cookie and token: the very next click sends it.
    again = {**data, "csrfmiddlewaretoken": hidden(response, "csrfmiddlewaretoken"),
             "started": hidden(response, "started"), "confirmed": hidden(response, "confirmed")}
    assert strict_client.post("/ask/", again)["Location"] == "/ask/sent/"
    assert Letter.objects.get().body == TYPED


@pytest.mark.django_db
def test_a_letter_posted_from_another_site_is_not_shown_back_as_the_readers_own(strict_client, letter_form_data):
    response = strict_client.post("/ask/", letter_form_data(letter="Words from elsewhere"),
                                  HTTP_ORIGIN="https://elsewhere.example", HTTP_SEC_FETCH_SITE="cross-site")
    assert response.status_code == 403
    assert "can only be sent from this page on our own site" in page_text(response)
    assert "Words from elsewhere" not in page_text(response)
    assert not Letter.objects.exists()


@pytest.mark.django_db
def test_the_csrf_check_still_lets_a_normal_letter_through(strict_client, letter_form_data):
    page = strict_client.get("/ask/")
    data = letter_form_data(csrfmiddlewaretoken=hidden(page, "csrfmiddlewaretoken"))
    assert strict_client.post("/ask/", data)["Location"] == "/ask/sent/"


# --- the database away for a moment -----------------------------------------------------------
def _fail_letter_insert(execute, sql, params, many, context):
    if sql.startswith('INSERT INTO "letters_letter"'):
        raise OperationalError("server closed the connection unexpectedly")
    return execute(sql, params, many, context)


def assert_comes_back_to_send_again(response):
    assert response.status_code == 503
    text = page_text(response)
    assert "has not been received yet" in text and "press Send again" in text
    assert TYPED in text and "Tired in Ohio" in text
    assert "Server Error" not in text


@pytest.mark.django_db(transaction=True)
def test_a_letter_sent_while_the_database_fails_comes_back_with_its_words_and_a_503(client, letter_form_data):
    data = letter_form_data(letter=TYPED)
    with connection.execute_wrapper(_fail_letter_insert):
        response = client.post("/ask/", data)
    assert_comes_back_to_send_again(response)
    assert response["Retry-After"]
    assert not Letter.objects.exists()
    # Nothing was stored, so the same form may be sent again, and is.
    assert client.post("/ask/", {**data, "confirmed": hidden(response, "confirmed")})["Location"] == "/ask/sent/"
    assert Letter.objects.get().body == TYPED


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_letter_sent_as_postgresql_drops_our_connection_comes_back_and_sends_again(client, letter_form_data):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    import psycopg

    connection.ensure_connection()
    ours = connection.connection.info.backend_pid
    settings_dict = connection.settings_dict
    # As in a restart: another session ends ours the moment the letter is about to be stored.
    def end_our_session_first(execute, sql, params, many, context):
        if sql.startswith('INSERT INTO "letters_letter"'):
            with psycopg.connect(dbname=settings_dict["NAME"], user=settings_dict["USER"],
                                 password=settings_dict["PASSWORD"] or None, host=settings_dict["HOST"],
                                 port=settings_dict["PORT"] or 5432, autocommit=True) as other:
                other.execute("SELECT pg_terminate_backend(%s)", [ours])
        return execute(sql, params, many, context)

    data = letter_form_data(letter=TYPED)
    with connection.execute_wrapper(end_our_session_first):
        response = client.post("/ask/", data)
    assert_comes_back_to_send_again(response)
    connection.close()  # the test client keeps Django from closing a broken connection itself
    assert not Letter.objects.exists()
    assert client.post("/ask/", {**data, "confirmed": hidden(response, "confirmed")})["Location"] == "/ask/sent/"
    assert Letter.objects.get().body == TYPED

