"""A letter that screens positive: help first for the writer, urgent in the desk, an email to
the expert without a word of the letter, and never an automatic reply with advice."""

import html
import re

from dearly.letters.models import Letter
from dearly.letters.tests.conftest import CRISIS
from dearly.mailing.testing import deliver_outbox

SUICIDAL = (
    "Since my wife left I keep thinking everyone would be better off without me. I still go to "
    "work and smile and nobody knows."
)


def main_text(response) -> str:
    body = response.content.decode()
    return html.unescape(body[body.index('<main id="main"'):body.index("</main>")])


def test_a_crisis_letter_leads_the_next_page_with_the_matching_resources(client, letter_form_data):
    client.post("/ask/", letter_form_data(letter=CRISIS))
    response = client.get("/ask/sent/")
    main = main_text(response)
    assert response.status_code == 200
    # The crisis section comes before anything else on the page, under its own heading.
    assert re.match(r'<main id="main"[^>]*>\s*<section class="crisis" aria-labelledby="crisis-heading">', main)
    assert main.index("Please reach out for help now") < main.index("Your letter has arrived")
    # Abuse at home: the domestic violence hotline comes before the general services.
    assert main.index("National Domestic Violence Hotline") < main.index("Crisis Text Line")
    assert 'href="tel:18007997233"' in response.content.decode()
    assert "call 911" in main
    assert "<title>Help is available now" in response.content.decode()
    assert 'class="quick-exit"' in response.content.decode()


def test_a_suicidal_letter_is_met_with_988_first(client, letter_form_data):
    client.post("/ask/", letter_form_data(letter=SUICIDAL))
    main = main_text(client.get("/ask/sent/"))
    assert main.index("988 Suicide &amp; Crisis Lifeline".replace("&amp;", "&")) < main.index("Your letter has arrived")
    assert "National Domestic Violence Hotline" not in main


def test_a_crisis_letter_is_marked_urgent_with_its_screening(client, letter_form_data):
    client.post("/ask/", letter_form_data(letter=CRISIS))
    letter = Letter.objects.get()
    assert letter.urgent
    assert "abuse_at_home" in letter.crisis_categories
    assert letter.crisis_matches and letter.screening_version
    phrase, start, end = letter.crisis_matches[0]
    assert CRISIS[start:end] == phrase


def test_the_expert_is_emailed_about_an_urgent_letter_without_its_text(client, letter_form_data, smtp_server, settings):
    client.post("/ask/", letter_form_data(letter=CRISIS, pen_name="Hidden Pen", email="writer@example.com"))
    letter = Letter.objects.get()
    deliver_outbox()
    to_expert = smtp_server.to(settings.EXPERT_EMAIL)
    assert len(to_expert) == 1
    message = to_expert[0]
    everything = message.as_string() + "".join(part.get_content() for part in message.walk()
                                               if part.get_content_type().startswith("text/"))
    assert f"{settings.SITE_URL}/desk/letters/{letter.pk}/" in everything
    for secret in ("hit me", "scared", "sister", "Hidden Pen", "writer@example.com", "husband"):
        assert secret not in everything, secret
    # Nothing at all goes to the writer: no automatic reply, no advice.
    assert smtp_server.to("writer@example.com") == []
    assert len(smtp_server.messages) == 1


def test_sending_the_same_urgent_notice_twice_sends_one_email(make_letter, smtp_server, settings):
    from dearly.letters import notices

    letter = make_letter(CRISIS)
    notices.tell_expert_of_urgent_letter(letter)
    deliver_outbox()
    assert len(smtp_server.to(settings.EXPERT_EMAIL)) == 1


def test_an_ordinary_letter_is_not_urgent_and_brings_no_crisis_block(client, letter_form_data, smtp_server):
    client.post("/ask/", letter_form_data())
    assert not Letter.objects.get().urgent
    main = main_text(client.get("/ask/sent/"))
    assert "Please reach out for help now" not in main
    assert main.lstrip().split(">", 1)[1].lstrip().startswith('<section class="intro"')
    deliver_outbox()
    assert smtp_server.messages == []


def test_a_refused_crisis_letter_still_shows_help_first(client, letter_form_data):
    response = client.post("/ask/", letter_form_data(letter=CRISIS, consent_publication=None))
    main = main_text(response)
    assert response.status_code == 400
    assert main.index("Please reach out for help now") < main.index("Write to")
    assert "has not been sent yet" in main
    assert not Letter.objects.exists()


def test_if_screening_fails_the_letter_is_kept_and_treated_as_urgent(client, letter_form_data, monkeypatch):
    from dearly.safety import screening

    def broken(text):
        raise RuntimeError("rules failed to load")

    monkeypatch.setattr(screening, "screen", broken)
    client.post("/ask/", letter_form_data())
    letter = Letter.objects.get()
    assert letter.urgent and letter.screening_version == "failed"
    assert "Please reach out for help now" in main_text(client.get("/ask/sent/"))


def test_help_is_shown_even_when_no_service_matches_or_none_is_configured(client, letter_form_data):
    from dearly.safety.models import CrisisResource

    CrisisResource.objects.exclude(need="suicide_self_harm").delete()
    client.post("/ask/", letter_form_data(letter=CRISIS))
    main = main_text(client.get("/ask/sent/"))
    assert "988 Suicide & Crisis Lifeline" in main  # nothing for abuse: every service is better than none
    CrisisResource.objects.all().delete()
    main = main_text(client.get("/ask/sent/"))
    assert "See the services that can help now" in main and "call 911" in main


def test_looking_for_answers_first_with_a_crisis_letter_shows_help_first(client, letter_form_data):
    response = client.post("/ask/", {**letter_form_data(letter=CRISIS), "look": "1"})
    main = main_text(response)
    assert main.index("Please reach out for help now") < main.index("Write to")
    assert not Letter.objects.exists()
