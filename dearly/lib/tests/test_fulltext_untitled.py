"""An index whose rows have no titles (the desk's letters) skips the look-up of title matches,
and finds and ranks exactly what the same index would with it."""

import pytest

from dearly.lib.fulltext import FullTextIndex

titled = FullTextIndex("letters_search")
untitled = FullTextIndex("letters_search", titled=False)

BODIES = [
    "My partner hides the credit card statements and I found a second card.",
    "The credit card debt is mine, from before we met, and he keeps bringing it up.",
    "We never talk about money; the card bills just arrive and we argue.",
    "Her mother has a key to our flat and lets herself in.",
    "He says the statements are private and the debt is his business.",
    "Money again: the savings account is in his name only.",
]


@pytest.fixture
def indexed(db):
    titled.clear()
    for row_id, body in enumerate(BODIES, start=1):
        titled.upsert(row_id, "", body)


@pytest.mark.parametrize("query", ["credit card debt", "money statements", "key flat mother", "savings"])
def test_an_untitled_index_finds_and_ranks_what_a_titled_one_does(indexed, query):
    for any_word in (False, True):
        with_titles, total = titled.search(query, limit=10, any_word=any_word)
        without, untitled_total = untitled.search(query, limit=10, any_word=any_word)
        assert [h.id for h in without] == [h.id for h in with_titles]
        assert untitled_total == total
        assert not any(h.title_hit for h in without)


def test_an_untitled_index_gives_the_same_similar_rows(indexed):
    letter = "I found out about a credit card he never told me about, and the statements go to his office."
    assert untitled.similar(letter, limit=5) == titled.similar(letter, limit=5)
    assert untitled.similar(letter, limit=5)  # and it finds some
