"""The evidence of a full-text match: how much the rare words a row shares with a letter say,
weighed the same way on SQLite (FTS5) and PostgreSQL (tsvector). Run on both: the suite's own
database, and DATABASE_URL=postgres://... for the PostgreSQL half."""

import math

import pytest

from dearly.lib.fulltext import RARITY_CAP, FullTextIndex, rarity

# The letters' index: a plain table of (id, title, body) with no join, made by the migrations.
index = FullTextIndex("letters_search")

ROWS = {
    1: "The allotment shed flooded after the storm and the marrows rotted.",
    2: "The allotment committee argued about the hedge all summer.",
    3: "A storm took the fence down and the neighbours blamed us.",
    4: "My sister never calls me back and I am tired of trying.",
}
LETTER = "Our allotment shed is flooding every storm and my partner says leave it."


@pytest.fixture
def indexed(db):
    index.clear()
    for row_id, body in ROWS.items():
        index.upsert(row_id, "", body)
    return index


def test_the_index_counts_its_rows_exactly_through_inserts_updates_and_deletes(indexed):
    assert indexed.rows() == 4
    indexed.upsert(2, "", "The allotment committee argued about the hedge again.")  # indexed again
    assert indexed.rows() == 4
    indexed.delete(3)
    assert indexed.rows() == 3
    indexed.clear()
    assert indexed.rows() == 0


def test_a_rows_evidence_is_the_summed_rarity_of_the_letters_rare_words_it_holds(indexed):
    match = indexed.match(LETTER, limit=10)
    docs = dict(match.words)
    assert docs["allotment"] == 2 and docs["shed"] == 1 and docs["storm"] == 2
    assert match.rows == 4
    evidence = match.evidence([1, 2, 3, 4])
    # allotment and storm (2 rows each), shed and flooding/flooded (1 row each)
    assert evidence[1] == pytest.approx(2 * rarity(2, 4) + 2 * rarity(1, 4))
    assert evidence[2] == pytest.approx(rarity(2, 4))  # allotment only
    assert evidence[3] == pytest.approx(rarity(2, 4))  # storm only
    assert 4 not in evidence  # shares nothing
    assert evidence[1] > evidence[2]


def test_a_word_counts_as_a_search_would_find_it_stemmed(indexed):
    # "flooding" in the letter, "flooded" in the row: one stem, so shared on both engines.
    match = indexed.match(LETTER, limit=10)
    assert "flooding" in dict(match.words)
    assert "flooding" in indexed.holding(["flooding"], [1])[1]


def test_evidence_is_asked_only_for_the_rows_named(indexed):
    match = indexed.match(LETTER, limit=10)
    assert set(match.evidence([2, 4])) == {2}
    assert match.evidence([]) == {}


def test_a_letter_with_no_word_the_index_knows_has_no_evidence(indexed):
    match = indexed.match("Zebras quarrel loudly.", limit=10)
    assert match.ids == [] and match.evidence([1, 2, 3]) == {}


def test_one_very_rare_word_counts_no_more_than_the_cap():
    assert rarity(1, 100_000) == RARITY_CAP == pytest.approx(math.log(20))
    assert rarity(1, 4) == pytest.approx(math.log(5))
    assert rarity(5, 4) == pytest.approx(0.1)  # in every row: still a little
    assert rarity(0, 4) == 0.0
