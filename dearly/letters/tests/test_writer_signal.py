"""The writer's own word about their safety: a plain, optional choice on the form that makes the
letter urgent whatever its text says, and leads the next page with the matching help."""

import html

import pytest
from django.db import IntegrityError

from dearly.letters import selectors, services
from dearly.letters.models import Letter
from dearly.letters.tests.conftest import ORDINARY
from dearly.mailing.models import OutgoingEmail


def main_text(response) -> str:
    body = response.content.decode()
    return html.unescape(body[body.index('<main id="main"'):body.index("</main>")])


@pytest.mark.django_db
def test_the_choice_is_offered_and_nothing_is_chosen_for_the_writer(client):
    text = html.unescape(client.get("/ask/").content.decode())
    assert "I’m not safe right now" in text and "I’m thinking of ending my life" in text
    assert 'name="writer_signal"' in text and "checked" not in text


@pytest.mark.django_db
def test_a_harmless_letter_from_a_writer_thinking_of_ending_their_life_is_urgent_and_met_with_988_first(
        client, letter_form_data):
    client.post("/ask/", letter_form_data(letter=ORDINARY, writer_signal="ending_life"))
    letter = Letter.objects.get()
    assert letter.urgent and letter.writer_signal == "ending_life"
    assert letter.crisis_categories == []  # the screen found nothing: the writer's word is enough
    assert OutgoingEmail.objects.filter(purpose=f"urgent-letter:{letter.pk}").exists()

    main = main_text(client.get("/ask/sent/"))
    assert main.index("You told us you are thinking of ending your life") < main.index("Your letter has arrived")
    assert main.index("988 Suicide & Crisis Lifeline") < main.index("Crisis Text Line")


@pytest.mark.django_db
def test_a_writer_who_is_not_safe_is_shown_every_line(client, letter_form_data):
    client.post("/ask/", letter_form_data(letter=ORDINARY, writer_signal="not_safe"))
    assert Letter.objects.get().urgent
    main = main_text(client.get("/ask/sent/"))
    assert "You told us you are not safe right now" in main
    for line in ("988 Suicide & Crisis Lifeline", "Crisis Text Line", "National Domestic Violence Hotline",
                 "Childhelp National Child Abuse Hotline"):
        assert line in main, line


@pytest.mark.django_db
def test_neither_or_nothing_leaves_an_ordinary_letter_ordinary(client, letter_form_data):
    client.post("/ask/", letter_form_data(writer_signal="neither"))
    client.post("/ask/", letter_form_data(), REMOTE_ADDR="10.0.0.4")
    assert list(Letter.objects.values_list("urgent", "writer_signal")) == [(False, ""), (False, "")]


@pytest.mark.django_db
def test_an_unknown_choice_is_refused_and_the_letter_kept(client, letter_form_data):
    response = client.post("/ask/", letter_form_data(writer_signal="fine"))
    assert response.status_code == 400
    assert ORDINARY in html.unescape(response.content.decode())
    assert not Letter.objects.exists()


@pytest.mark.django_db
def test_a_refused_letter_whose_writer_is_not_safe_still_shows_help_first(client, letter_form_data):
    response = client.post("/ask/", letter_form_data(writer_signal="not_safe", consent_publication=None))
    assert response.status_code == 400
    main = main_text(response)
    assert main.index("Please reach out for help now") < main.index("Write to")


@pytest.mark.django_db
def test_the_desk_sees_the_writers_letter_first_among_the_urgent(make_letter):
    make_letter(ORDINARY, pen_name="Ordinary")
    services.submit_letter(pen_name="Said so", body=ORDINARY, consent_publication=True,
                           consent_sensitive_data=True, writer_signal="not_safe")
    assert selectors.inbox().first().pen_name == "Said so"  # the desk's inbox: urgent first
    assert selectors.counts()["urgent"] == 1


@pytest.mark.django_db
def test_the_database_refuses_a_writer_signal_without_urgency(make_letter):
    letter = make_letter(ORDINARY)
    with pytest.raises(IntegrityError):
        Letter.objects.filter(pk=letter.pk).update(writer_signal="not_safe")
