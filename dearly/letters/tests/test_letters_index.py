"""The letters' own index: similar earlier letters are found by their rarest shared words, and
on PostgreSQL the per-word counts that ranking relies on stay exact through every change."""

import pytest
from django.db import connection

from dearly.letters import search, selectors, services

QUINCE = "Every autumn we argue about the quince tree my mother-in-law planted by the fence."


def test_similar_letters_share_rare_words_and_never_include_the_letter_itself(make_letter):
    first = make_letter(QUINCE, pen_name="First")
    make_letter("We argue about money and about chores, like everyone.", pen_name="Other")
    again = make_letter("The quince tree again: she planted it, he defends it, I want it gone.", pen_name="Again")
    assert [letter.pen_name for letter in selectors.similar_letters(first)][0] == "Again"
    assert first.pk not in search.similar_letter_ids(first.body, exclude_id=first.pk)
    assert selectors.similar_letters(again)[0] == first


def test_a_letter_with_no_informative_word_has_no_similar_letters(make_letter):
    letter = make_letter("It is what it is, and I am not sure.")
    make_letter(QUINCE)
    assert selectors.similar_letters(letter) == []


def term_counts():
    with connection.cursor() as cursor:
        cursor.execute("SELECT term, docs FROM letters_search_terms WHERE docs > 0")
        kept = dict(cursor.fetchall())
        cursor.execute("SELECT lexeme, count(*) FROM letters_search, unnest(tsvector_to_array(document)) AS lexeme "
                       "GROUP BY lexeme")
        actual = dict(cursor.fetchall())
        cursor.execute("SELECT count(*) FROM letters_search")
        actual[""] = cursor.fetchone()[0]  # the empty term counts the rows
    return kept, actual


@pytest.mark.postgres
def test_postgres_word_counts_follow_every_insert_update_and_delete(make_letter, settings):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL keeps its own per-word counts; SQLite reads them from fts5vocab.")
    settings.LETTER_RETENTION_DAYS = 30
    old = make_letter(QUINCE, days_ago=40)
    kept = make_letter("The quince tree and the fence, and the neighbour's fence too.")
    search.index_letter(kept)  # indexing again must not count twice
    kept, actual = term_counts()
    assert kept == actual and kept["quinc"] == 2
    services.purge_expired_letters()
    kept, actual = term_counts()
    assert kept == actual and kept["quinc"] == 1 and kept[""] == 1
    assert old.pk not in search.similar_letter_ids(QUINCE)


@pytest.mark.postgres
def test_a_bulk_fill_counts_its_words_once_at_the_end(make_letter):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL keeps its own per-word counts; SQLite reads them from fts5vocab.")
    make_letter(QUINCE)
    second = make_letter("The quince tree and the fence, and the neighbour's fence too.")
    search.index.upsert(second.pk + 1000, "", QUINCE, count_terms=False)  # a row of a bulk fill
    kept, actual = term_counts()
    assert (kept["quinc"], actual["quinc"]) == (2, 3)  # not counted as it went in
    assert (kept[""], actual[""]) == (2, 3)
    with connection.cursor() as cursor:
        for sql in search.index.terms_sql("postgresql"):
            cursor.execute(sql)
    kept, actual = term_counts()
    assert kept == actual and kept["quinc"] == 3
