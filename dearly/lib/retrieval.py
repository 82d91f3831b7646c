"""Hybrid retrieval: full-text ranking fused with embedding similarity, with a floor.

Used for "this may already help", related answers, and the desk's similar letters. Full text finds
letters that share rare words with an answer; the sentence encoder finds the ones that say the
same thing in other words ("he goes silent" / "she stonewalls me"). The fused score is the cosine
similarity plus a small bonus for a full-text rank, and an answer is shown only when its cosine
clears MIN_SIMILARITY: below that, nothing in the column is close, and saying so beats a list of
unrelated articles.

The constants were tuned on bench/tuning/similar.jsonl (never on the sealed set).
"""

from __future__ import annotations

import logging

from dearly.lib.fulltext import FullTextIndex
from dearly.lib.vectors import DENSE_SCAN_LIMIT, VectorIndex

logger = logging.getLogger(__name__)

MIN_SIMILARITY = 0.40  # an answer below this is not shown at all
FULL_TEXT_BONUS = 0.10  # added for the full-text top hit, shrinking with rank
FULL_TEXT_K = 2  # bonus = FULL_TEXT_BONUS * (FULL_TEXT_K + 1) / (FULL_TEXT_K + rank + 1)
CANDIDATES = 40


def model_name() -> str:
    from dearly.language.encoder import MODEL_NAME

    return MODEL_NAME


def embed(text: str):
    from dearly.language.encoder import embed_document

    return embed_document(text)


def store_vector(vectors: VectorIndex, row_id: int, text: str) -> None:
    vectors.upsert(row_id, embed(text), model_name())


def hybrid(text: str, *, full_text: FullTextIndex, vectors: VectorIndex, limit: int = 5,
           exclude_id=None, allowed=None, text_for=None) -> list[tuple[int, float]]:
    """(id, score) of the closest rows, best first; empty when nothing clears the floor.

    `allowed(ids) -> set` keeps only rows the caller may show (published and due, say).
    `text_for(ids) -> {id: text}` lets a full-text hit that has no vector yet (the worker has
    not prepared it, or it predates vectors) be embedded now and stored."""
    if not text.strip():
        return []
    text_ids = full_text.similar(text, limit=CANDIDATES, exclude_id=exclude_id)
    query = embed(text)
    big = vectors.count() > DENSE_SCAN_LIMIT
    near = vectors.nearest(query, model_name(), limit=CANDIDATES, candidates=text_ids if big else None)
    cosine = dict(near)
    missing = [i for i in text_ids if i not in cosine]
    if missing:  # full-text hits beyond the dense top: read their vectors
        for row_id, vector in vectors.vectors_for(missing, model_name()).items():
            cosine[row_id] = float(vector @ query)
        unembedded = [i for i in missing if i not in cosine]
        if unembedded and text_for is not None:
            for row_id, row_text in text_for(unembedded[:10]).items():
                vector = embed(row_text)
                vectors.upsert(row_id, vector, model_name())
                cosine[row_id] = float(vector @ query)
    scores = {}
    for row_id, cos in cosine.items():
        if row_id == exclude_id or cos < MIN_SIMILARITY:
            continue
        scores[row_id] = cos
    for rank, row_id in enumerate(text_ids):
        if row_id in scores:
            scores[row_id] += FULL_TEXT_BONUS * (FULL_TEXT_K + 1) / (FULL_TEXT_K + rank + 1)
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    if allowed is not None and ranked:
        keep = allowed([i for i, _ in ranked[: limit * 4]])
        ranked = [(i, s) for i, s in ranked if i in keep]
    return ranked[:limit]
