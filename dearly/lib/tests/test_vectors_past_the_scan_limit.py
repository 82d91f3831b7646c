"""Past the size it scans in memory, the vector index reads only the candidates it is given,
and does not count its rows again on every look-up to find that out."""

import numpy as np
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dearly.column import search
from dearly.lib import vectors as vectors_module

pytestmark = pytest.mark.django_db

MODEL = "test-model"


def unit(seed):
    v = np.random.default_rng(seed).standard_normal(384).astype(np.float32)
    return v / np.linalg.norm(v)


@pytest.fixture
def five_rows(monkeypatch):
    monkeypatch.setattr(vectors_module, "DENSE_SCAN_LIMIT", 3)
    index = vectors_module.VectorIndex(search.vectors.table)
    for i in range(1, 6):
        index.upsert(i, unit(i), MODEL)
    return index


def test_past_the_limit_only_the_candidates_are_scored(five_rows):
    found = five_rows.similarities(unit(2), MODEL, candidates=[2, 4])
    assert sorted(found.ids.tolist()) == [2, 4]
    assert found.top(1)[0][0] == 2
    assert not found.whole  # their mean is not the query's mean with everything


def test_an_index_found_too_big_is_not_counted_again_on_the_next_look_ups(five_rows):
    five_rows.similarities(unit(1), MODEL, candidates=[1])
    with CaptureQueriesContext(connection) as queries:
        for seed in range(3):
            five_rows.similarities(unit(seed), MODEL, candidates=[1, 3])
    assert not [q for q in queries.captured_queries if "count(" in q["sql"].lower()]
    assert len(queries.captured_queries) == 3  # one read of the candidates' vectors each


def test_an_index_under_the_limit_is_scanned_whole_and_sees_a_new_row_at_once(monkeypatch):
    monkeypatch.setattr(vectors_module, "DENSE_SCAN_LIMIT", 10)
    index = vectors_module.VectorIndex(search.vectors.table)
    index.upsert(1, unit(1), MODEL)
    assert index.similarities(unit(1), MODEL).ids.tolist() == [1]
    assert index.similarities(unit(1), MODEL).whole
    index.upsert(2, unit(2), MODEL)
    assert sorted(index.similarities(unit(1), MODEL).ids.tolist()) == [1, 2]
