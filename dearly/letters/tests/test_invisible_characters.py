"""Characters nobody can see: a letter made only of them is empty, and they never make words."""

import html

import pytest

from dearly.letters.models import Letter
from dearly.lib.markdown import word_count
from dearly.lib.text import is_blank, strip_invisible

ZWSP, NBSP, BOM, SHY, ZWJ = "\u200b", "\u00a0", "\ufeff", "\u00ad", "\u200d"
INVISIBLE_ONLY = [
    ZWSP * 5,
    f"{BOM}{NBSP}{NBSP}\n{ZWSP}",
    f"{SHY}{SHY} \t {SHY}",
    "\u2060\u200c\u200e\u3164\u2800",  # word joiner, ZWNJ, LRM, Hangul filler, braille blank
    f" {NBSP}\u2003\u3000 ",
]


@pytest.mark.django_db
@pytest.mark.parametrize("letter", INVISIBLE_ONLY)
def test_a_letter_of_only_invisible_characters_is_refused_as_empty_beside_the_box(client, letter_form_data, letter):
    response = client.post("/ask/", letter_form_data(letter=letter))
    assert response.status_code == 400
    text = html.unescape(response.content.decode())
    error = text[text.index('id="id_letter_error"'):]
    assert "Please write your letter here" in error[:300]
    assert not Letter.objects.exists()


@pytest.mark.django_db
def test_a_pen_name_of_only_invisible_characters_is_refused(client, letter_form_data):
    response = client.post("/ask/", letter_form_data(pen_name=ZWSP * 3))
    assert response.status_code == 400
    assert 'id="id_pen_name_error"' in response.content.decode()


def test_invisible_characters_make_no_words_and_split_none():
    assert word_count(f"hel{ZWSP}lo wor{SHY}ld{BOM}") == 2
    assert word_count(ZWSP * 10) == 0
    assert word_count(f"one{NBSP}two") == 2
    assert word_count("we\u3164\u3164are") == 1


@pytest.mark.django_db
def test_a_letter_is_stored_without_a_pasted_byte_order_mark_and_counted_as_read(client, letter_form_data):
    body = "We argue every night about money and I do not know how to stop it."
    assert client.post("/ask/", letter_form_data(letter=f"{BOM}{ZWSP}{body}{ZWSP}{NBSP}")).status_code == 302
    letter = Letter.objects.get()
    assert letter.body == body
    assert letter.words == 15


def test_what_is_visible_is_kept_even_when_made_with_joiners():
    family = f"\U0001f469{ZWJ}\U0001f467"  # one emoji, held together by a zero-width joiner
    assert not is_blank(family)
    assert strip_invisible(f" {family}{ZWSP}") == family
