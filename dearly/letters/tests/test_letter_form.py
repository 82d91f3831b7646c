"""The letter form: what it asks, what it refuses (always with a clear message, always keeping
what the person typed), and what it stores."""

import html
import re
import time

import pytest
from django.core.cache import cache

from dearly.letters import antispam, consent
from dearly.letters.models import Letter

TYPED = "Our evenings have gone quiet and I miss the way we used to talk about everything."


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def assert_kept(response, **fields):
    """The refused form still holds what the person typed."""
    text = page_text(response)
    for value in fields.values():
        assert value in text, value


@pytest.mark.django_db
def test_the_form_asks_for_two_unticked_consents_and_says_what_happens_next(client):
    response = client.get("/ask/")
    text = page_text(response)
    assert response.status_code == 200
    assert 'name="consent_publication"' in text and 'name="consent_sensitive_data"' in text
    assert "checked" not in text
    assert consent.publication_wording() in text
    assert consent.sensitive_data_wording() in text
    assert "Not every letter is answered" in text
    assert "No letter is answered privately, and this column is not therapy" in text
    assert "600 words" in text


@pytest.mark.django_db
def test_a_complete_letter_is_stored_with_the_exact_consent_wording_and_version(client, letter_form_data):
    response = client.post("/ask/", letter_form_data(letter=TYPED, email="Writer@Example.com"))
    assert response.status_code == 302 and response["Location"] == "/ask/sent/"
    letter = Letter.objects.get()
    assert letter.body == TYPED and letter.pen_name == "Tired in Ohio"
    assert letter.email == "writer@example.com"
    assert letter.consent_publication and letter.consent_sensitive_data
    assert letter.consent_wording == consent.full_wording()
    assert consent.publication_wording() in letter.consent_wording
    assert consent.sensitive_data_wording() in letter.consent_wording
    assert letter.consent_version == consent.VERSION
    assert letter.state == Letter.State.NEW and not letter.urgent


@pytest.mark.django_db
@pytest.mark.parametrize("missing, message", [
    ("consent_publication", "we can only consider letters we may publish"),
    ("consent_sensitive_data", "permission to keep and read what it says"),
])
def test_it_refuses_a_letter_without_each_consent_and_keeps_what_was_typed(client, letter_form_data, missing, message):
    response = client.post("/ask/", letter_form_data(letter=TYPED, email="me@example.org", **{missing: None}))
    assert response.status_code == 400
    assert message in page_text(response)
    assert_kept(response, letter=TYPED, pen_name="Tired in Ohio", email="me@example.org")
    assert not Letter.objects.exists()


@pytest.mark.django_db
def test_it_refuses_an_over_long_letter_says_by_how_much_and_keeps_it(client, letter_form_data, settings):
    settings.LETTER_WORD_LIMIT = 50
    long_letter = " ".join(["word"] * 53)
    response = client.post("/ask/", letter_form_data(letter=long_letter))
    assert response.status_code == 400
    assert "53 words long and the limit is 50" in page_text(response)
    assert "shorten it by 3 words" in page_text(response)
    assert_kept(response, letter=long_letter)
    assert not Letter.objects.exists()


@pytest.mark.django_db
def test_a_letter_of_exactly_the_word_limit_is_accepted(client, letter_form_data, settings):
    settings.LETTER_WORD_LIMIT = 50
    assert client.post("/ask/", letter_form_data(letter=" ".join(["word"] * 50))).status_code == 302
    assert Letter.objects.count() == 1


@pytest.mark.django_db
def test_it_refuses_a_filled_honeypot_and_keeps_the_letter(client, letter_form_data):
    response = client.post("/ask/", letter_form_data(letter=TYPED, website="http://spam.example"))
    assert response.status_code == 400
    assert "a field meant to stay empty was filled in" in page_text(response)
    assert_kept(response, letter=TYPED)
    assert "http://spam.example" not in page_text(response)
    assert not Letter.objects.exists()


@pytest.mark.django_db
def test_a_letter_sent_quicker_than_anyone_types_is_not_refused_but_confirmed_with_a_second_click(
        client, letter_form_data, settings):
    settings.LETTER_MIN_FILL_SECONDS = 5
    pasted = letter_form_data(letter=TYPED, started=antispam.form_token(time.time() - 1))
    response = client.post("/ask/", pasted)
    assert response.status_code == 200
    assert "Please press Send once more to confirm" in page_text(response)
    assert "quicker than anyone" not in page_text(response)
    assert_kept(response, letter=TYPED, pen_name="Tired in Ohio")
    assert not Letter.objects.exists()

    # The second click sends the form as it came back: same start time, now confirmed.
    confirmed = re.search(r'name="confirmed" value="([^"]+)"', response.content.decode()).group(1)
    again = client.post("/ask/", {**pasted, "confirmed": confirmed})
    assert again.status_code == 302 and again["Location"] == "/ask/sent/"
    assert Letter.objects.get().body == TYPED


@pytest.mark.django_db
def test_a_confirmation_made_for_one_form_does_not_confirm_another(client, letter_form_data, settings):
    settings.LETTER_MIN_FILL_SECONDS = 5
    other_form = antispam.form_token(time.time() - 1)
    data = letter_form_data(started=antispam.form_token(time.time() - 1),
                            confirmed=antispam.confirmation_for(other_form))
    assert "Please press Send once more" in page_text(client.post("/ask/", data))
    forged = letter_form_data(started=antispam.form_token(time.time() - 1), confirmed="forged:mark")
    assert "Please press Send once more" in page_text(client.post("/ask/", forged))
    assert not Letter.objects.exists()


@pytest.mark.django_db
def test_a_letter_full_of_links_is_confirmed_before_it_is_stored(client, letter_form_data):
    spammy = "Cheap pills at https://a.example and http://b.example and www.c.example, best prices."
    response = client.post("/ask/", letter_form_data(letter=spammy))
    assert "Please press Send once more to confirm" in page_text(response)
    assert not Letter.objects.exists()
    one_link = "I read https://example.org/qa/ about chores and still we argue every night."
    assert client.post("/ask/", letter_form_data(letter=one_link)).status_code == 302


@pytest.mark.django_db
def test_a_doubtful_letter_with_a_filled_honeypot_is_still_refused(client, letter_form_data, settings):
    settings.LETTER_MIN_FILL_SECONDS = 5
    token = antispam.form_token(time.time() - 1)
    data = letter_form_data(started=token, confirmed=antispam.confirmation_for(token), website="x")
    response = client.post("/ask/", data)
    assert response.status_code == 400
    assert "a field meant to stay empty was filled in" in page_text(response)
    assert not Letter.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("started, message", [
    ("", "could not tell when this form was opened"),
    ("forged:token", "could not tell when this form was opened"),
    (antispam.form_token(time.time() - 3 * 24 * 3600), "open for a long time"),
])
def test_it_refuses_a_missing_forged_or_stale_start_time(client, letter_form_data, started, message):
    response = client.post("/ask/", letter_form_data(letter=TYPED, started=started))
    assert response.status_code == 400
    assert message in page_text(response)
    assert_kept(response, letter=TYPED)


@pytest.mark.django_db
def test_after_an_unreadable_start_time_one_more_click_sends_even_at_once(client, letter_form_data, settings):
    settings.LETTER_MIN_FILL_SECONDS = 5
    response = client.post("/ask/", letter_form_data(started="forged:token"))
    html_text = response.content.decode()
    assert 'name="started"' in html_text and "forged:token" not in html_text
    fresh = re.search(r'name="started" value="([^"]+)"', html_text).group(1)
    confirmed = re.search(r'name="confirmed" value="([^"]+)"', html_text).group(1)
    # Sent again within a second of the fresh start time: being told to send again was the question.
    assert client.post("/ask/", letter_form_data(started=fresh, confirmed=confirmed)).status_code == 302


@pytest.mark.django_db
def test_it_refuses_a_disposable_email_address(client, letter_form_data):
    for address in ["someone@mailinator.com", "x@inbox.yopmail.com"]:
        response = client.post("/ask/", letter_form_data(letter=TYPED, email=address))
        assert response.status_code == 400
        assert "we cannot send to temporary inboxes" in page_text(response)
        assert_kept(response, letter=TYPED, email=address)
    assert not Letter.objects.exists()


@pytest.mark.django_db
def test_it_refuses_a_malformed_email_address(client, letter_form_data):
    response = client.post("/ask/", letter_form_data(letter=TYPED, email="not-an-address"))
    assert response.status_code == 400
    assert "does not look like an email address" in page_text(response)
    assert_kept(response, letter=TYPED)


@pytest.mark.django_db
def test_it_limits_letters_from_one_ip_address(client, letter_form_data, settings):
    settings.LETTER_LIMIT_PER_IP_HOUR = 2
    for _ in range(2):
        assert client.post("/ask/", letter_form_data()).status_code == 302
    response = client.post("/ask/", letter_form_data(letter=TYPED))
    assert response.status_code == 400
    assert "Several letters have already come from this connection" in page_text(response)
    assert_kept(response, letter=TYPED)
    assert Letter.objects.count() == 2
    other = client.post("/ask/", letter_form_data(), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


@pytest.mark.django_db
def test_it_limits_letters_from_one_email_address_whatever_its_case(client, letter_form_data, settings):
    settings.LETTER_LIMIT_PER_EMAIL_DAY = 1
    assert client.post("/ask/", letter_form_data(email="same@example.com")).status_code == 302
    response = client.post("/ask/", letter_form_data(letter=TYPED, email="SAME@example.com"), REMOTE_ADDR="10.0.0.2")
    assert response.status_code == 400
    assert "Several letters have already come from this email address" in page_text(response)
    assert_kept(response, letter=TYPED, email="SAME@example.com")
    assert client.post("/ask/", letter_form_data(email=""), REMOTE_ADDR="10.0.0.3").status_code == 302


@pytest.mark.django_db
def test_rate_limit_keys_never_hold_an_address(client, letter_form_data):
    client.post("/ask/", letter_form_data(email="private.person@example.com"))
    keys = " ".join(str(k) for k in cache._cache)  # locmem in tests
    assert "rl:letter-email" in keys
    assert "private.person" not in keys and "127.0.0.1" not in keys


@pytest.mark.django_db
def test_refused_letters_are_not_counted_against_the_limit(client, letter_form_data, settings):
    settings.LETTER_LIMIT_PER_IP_HOUR = 1
    client.post("/ask/", letter_form_data(consent_publication=None))
    assert client.post("/ask/", letter_form_data()).status_code == 302


@pytest.mark.django_db
def test_the_form_and_its_errors_are_never_cached(client, letter_form_data):
    for response in (client.get("/ask/"), client.post("/ask/", letter_form_data(consent_publication=None))):
        assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_errors_sit_beside_their_fields_and_are_announced(client, letter_form_data):
    response = client.post("/ask/", letter_form_data(pen_name="", email="bad"))
    text = response.content.decode()
    assert 'id="id_pen_name_error"' in text and 'id="id_email_error"' in text
    assert 'aria-invalid="true"' in text
    assert 'role="alert"' in text


def urgent_emails():
    from dearly.mailing.models import OutgoingEmail

    return OutgoingEmail.objects.filter(purpose__startswith="urgent-letter:").count()


@pytest.mark.django_db
def test_a_second_click_on_send_stores_one_letter_and_shows_the_page_after_sending(client, letter_form_data):
    from dearly.letters.tests.conftest import CRISIS

    data = letter_form_data(letter=CRISIS)
    assert client.post("/ask/", data)["Location"] == "/ask/sent/"
    again = client.post("/ask/", data)
    assert again.status_code == 302 and again["Location"] == "/ask/sent/"
    assert Letter.objects.count() == 1
    assert urgent_emails() == 1


@pytest.mark.django_db
def test_a_form_sent_again_from_another_browser_is_refused_calmly_and_stores_nothing(client, letter_form_data):
    from django.test import Client

    data = letter_form_data(letter=TYPED)
    client.post("/ask/", data)
    response = Client().post("/ask/", data)
    assert response.status_code == 400
    assert "This letter was already sent" in page_text(response)
    assert_kept(response, letter=TYPED)
    assert Letter.objects.count() == 1


@pytest.mark.django_db
def test_forms_opened_in_the_same_second_each_send_their_letter(client, letter_form_data):
    now = time.time() - 60
    first, second = antispam.form_token(now), antispam.form_token(now)
    assert first != second
    assert client.post("/ask/", letter_form_data(started=first)).status_code == 302
    assert client.post("/ask/", letter_form_data(started=second)).status_code == 302
    assert Letter.objects.count() == 2


@pytest.mark.django_db
def test_a_form_opened_before_tokens_had_a_random_part_still_sends(client, letter_form_data):
    from django.core import signing

    old_style = signing.dumps(int(time.time() - 60), salt=antispam.TOKEN_SALT)
    assert client.post("/ask/", letter_form_data(started=old_style)).status_code == 302


@pytest.mark.django_db
def test_letters_checked_at_the_same_moment_cannot_all_pass_the_limit(letter_form_data, settings):
    from dearly.letters.forms import LetterForm

    settings.LETTER_LIMIT_PER_IP_HOUR = 1
    # Both checked before either is stored, as with two requests at once.
    forms = [LetterForm(letter_form_data(), ip="10.0.0.7") for _ in range(2)]
    assert [form.is_valid() for form in forms] == [True, False]
    assert "Several letters have already come from this connection" in str(forms[1].errors)


@pytest.mark.django_db
def test_a_form_refused_by_the_limit_may_be_sent_again_later(client, letter_form_data, settings):
    settings.LETTER_LIMIT_PER_IP_HOUR = 1
    client.post("/ask/", letter_form_data())
    held_back = letter_form_data(letter=TYPED)
    assert client.post("/ask/", held_back).status_code == 400
    settings.LETTER_LIMIT_PER_IP_HOUR = 3
    assert client.post("/ask/", held_back).status_code == 302
    assert Letter.objects.count() == 2


@pytest.mark.django_db
def test_the_form_uses_only_valid_htmx_attributes(client, letter_form_data):
    """The Nu HTML checker refuses hx-* attributes; htmx reads data-hx-* just the same."""
    pages = [client.get("/ask/").content.decode(),
             client.post("/ask/similar/", {"letter": "My husband hit me and I am scared to go home."}).content.decode()]
    for page in pages:
        assert not re.search(r"\shx-[a-z-]+=", page), re.findall(r"\shx-[a-z-]+=", page)
    assert 'data-hx-post="/ask/similar/"' in pages[0]
    assert 'data-hx-swap-oob="innerHTML"' in pages[1]


@pytest.mark.django_db
def test_every_state_of_the_form_carries_the_quick_exit(client, letter_form_data):
    for response in (client.get("/ask/"), client.post("/ask/", letter_form_data(consent_publication=None)),
                     client.post("/ask/", {**letter_form_data(), "look": "1"})):
        assert 'class="quick-exit"' in response.content.decode()
        assert "dearly/quick-exit.js" in response.content.decode()


@pytest.mark.django_db
def test_an_urgent_letter_sent_at_once_is_stored_without_a_second_click(client, letter_form_data, settings):
    from dearly.letters.tests.conftest import CRISIS

    settings.LETTER_MIN_FILL_SECONDS = 5
    quick = antispam.form_token(time.time() - 1)
    assert client.post("/ask/", letter_form_data(letter=CRISIS, started=quick))["Location"] == "/ask/sent/"
    said = letter_form_data(writer_signal="not_safe", started=antispam.form_token(time.time() - 1))
    assert client.post("/ask/", said, REMOTE_ADDR="10.0.0.5")["Location"] == "/ask/sent/"
    assert Letter.objects.filter(urgent=True).count() == 2
