"""How many rows hold each word: kept in a table beside the index on both engines, so that a
look-up reads the counts it needs from a B-tree instead of walking each word's list of rows
(FTS5's vocabulary on SQLite, 25 ms a letter at 100,000 rows: bench/similar). The table must
say what the index itself says through every insert, update and delete."""

from collections import Counter

import pytest
from django.db import connection

from dearly.lib.fulltext import FullTextIndex

index = FullTextIndex("letters_search")

ROWS = {
    1: "Walking the dog at dawn, my wife and I argued about walks.",
    2: "The dog sleeps on our bed and my husband hates it.",
    3: "We argued again about money, and the argument went on till dawn.",
}


def counts_in_the_table() -> dict[str, int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT term, docs FROM letters_search_terms WHERE docs > 0")
        return dict(cursor.fetchall())


def counts_in_the_index() -> dict[str, int]:
    """What the engine itself says: FTS5's vocabulary, or each row's tsvector."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT term, doc FROM letters_search_vocab")
            counts = dict(cursor.fetchall())
            cursor.execute("SELECT count(*) FROM letters_search")
        else:
            cursor.execute("SELECT lexeme, count(*) FROM letters_search, unnest(tsvector_to_array(document)) "
                           "AS lexeme GROUP BY lexeme")
            counts = dict(cursor.fetchall())
            cursor.execute("SELECT count(*) FROM letters_search")
        rows = cursor.fetchone()[0]
    if rows:
        counts[""] = rows  # the empty term counts the rows themselves
    return counts


@pytest.fixture
def indexed(db):
    index.clear()
    for row_id, body in ROWS.items():
        index.upsert(row_id, "", body)
    return index


def test_the_counts_match_the_index_after_rows_are_added(indexed):
    assert counts_in_the_table() == counts_in_the_index()
    stems = {term for term in counts_in_the_table() if term.startswith("walk")}
    assert stems and all(counts_in_the_table()[s] == 1 for s in stems)  # two forms, one row


def test_the_counts_follow_a_row_indexed_again_with_other_words(indexed):
    before = Counter(counts_in_the_table())
    indexed.upsert(2, "A title", "Nothing about pets now: only the garden.")
    after = counts_in_the_table()
    assert after == counts_in_the_index()
    assert after != dict(before)
    assert after[""] == 3  # still three rows


def test_the_counts_follow_deletes_and_a_clear(indexed):
    indexed.delete(1)
    assert counts_in_the_table() == counts_in_the_index()
    indexed.delete(1)  # again: nothing left to take away
    assert counts_in_the_table() == counts_in_the_index()
    indexed.clear()
    assert counts_in_the_table() == {}


def test_a_bulk_fill_counted_at_the_end_gives_the_same_counts(db):
    index.clear()
    for row_id, body in ROWS.items():
        index.upsert(row_id, "", body, count_terms=False)
    with connection.cursor() as cursor:
        for sql in index.terms_sql(connection.vendor):
            cursor.execute(sql)
    assert counts_in_the_table() == counts_in_the_index()
