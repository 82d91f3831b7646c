"""Hybrid retrieval: full-text ranking fused with embedding similarity, and "nothing close".

Used for "this may already help", related answers, suggested topics and the desk's similar
letters. Full text finds letters that share rare words with an answer; the sentence encoder finds
the ones that say the same thing in other words ("he goes silent" / "she stonewalls me").

Every relationship letter is somewhat like every other (cosine ~0.3 between two unrelated ones),
so closeness is judged against the letter's own baseline, its mean similarity to everything
indexed: the best answer must stand out from that baseline by STANDOUT, or by
STANDOUT_WITH_WORDS when full text ranks it near the top too. Below that nothing is shown, and the
reader is told so rather than shown five unrelated articles. Each answer shown must itself stand
out by ITEM_STANDOUT; they are ranked by cosine plus a small bonus for their full-text rank.

The constants were tuned on bench/tuning/similar.jsonl, never on a sealed set. On the second
sealed set (bench/similar): 42 of 45 paraphrased letters found their answer in the top 5, 34 of
45 oblique ones, and 2 of 20 letters with no answer were shown a list.
"""

from __future__ import annotations

import logging

from dearly.lib.fulltext import FullTextIndex
from dearly.lib.vectors import VectorIndex

logger = logging.getLogger(__name__)

STANDOUT = 0.20
STANDOUT_WITH_WORDS = 0.17
WORDS_RANK = 1  # full-text rank (0-based) at most this for STANDOUT_WITH_WORDS
ITEM_STANDOUT = 0.05
# With only a few rows indexed their mean says little: use what two unrelated letters share.
TYPICAL_BASELINE = 0.33
MIN_ROWS_FOR_BASELINE = 8
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
           exclude_id=None, allowed=None, text_for=None, query_vector=None) -> list[tuple[int, float]]:
    """(id, score) of the closest rows, best first; empty when nothing stands out.

    `allowed(ids) -> set` keeps only rows the caller may show (published and due, say).
    `text_for(ids) -> {id: text}` lets a full-text hit that has no vector yet (the worker has
    not prepared it, or it predates vectors) be embedded now and stored.
    `query_vector`: the text's vector when the caller has it already."""
    if not text.strip():
        return []
    text_ids = full_text.similar(text, limit=CANDIDATES, exclude_id=exclude_id)
    query = embed(text) if query_vector is None else query_vector
    scanned = vectors.similarities(query, model_name(), candidates=text_ids)
    cosine = dict(scanned.top(CANDIDATES + 1))
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
    cosine.pop(exclude_id, None)
    if not cosine:
        return []
    baseline = scanned.mean(exclude_id) if scanned.count >= MIN_ROWS_FOR_BASELINE else TYPICAL_BASELINE
    best_id, best = max(cosine.items(), key=lambda kv: (kv[1], -kv[0]))
    words_rank = text_ids.index(best_id) if best_id in text_ids else None
    close = best - baseline >= STANDOUT or (
        words_rank is not None and words_rank <= WORDS_RANK and best - baseline >= STANDOUT_WITH_WORDS
    )
    if not close:
        return []
    scores = {i: c for i, c in cosine.items() if c - baseline >= ITEM_STANDOUT}
    for rank, row_id in enumerate(text_ids):
        if row_id in scores:
            scores[row_id] += FULL_TEXT_BONUS * (FULL_TEXT_K + 1) / (FULL_TEXT_K + rank + 1)
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    if allowed is not None and ranked:
        keep = allowed([i for i, _ in ranked[: limit * 4]])
        ranked = [(i, s) for i, s in ranked if i in keep]
    return ranked[:limit]
