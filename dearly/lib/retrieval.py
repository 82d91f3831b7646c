"""Hybrid retrieval: full-text ranking fused with embedding similarity, and "nothing close".

Used for "this may already help", related answers, suggested topics and the desk's similar
letters. Full text finds letters that share rare words with an answer; the sentence encoder finds
the ones that say the same thing in other words ("he goes silent" / "she stonewalls me").

Each row is scored by its cosine with the letter plus a bonus for its full-text rank, largest
for the top hit and shrinking with rank (score mixing, not a vote: a row found by words only, far
in meaning, cannot be lifted above a close one). "Nothing close" is judged on that fused score
and on the list's full-text evidence: the best row's score, plus EVIDENCE_WEIGHT times the
evidence of the best-evidenced of the first five rows, must reach CLOSE, or nothing is shown and
the reader is told so rather than shown five unrelated articles. A row's evidence
(`FullTextIndex.match(...).evidence`, the same on SQLite and PostgreSQL) is the summed rarity
(idf, capped at ln 20 a word) of the letter's rarest words that it holds: a rank says only that
a row shares more than the others do, evidence says how much it shares. Each row shown must also
reach ITEM_FLOOR less a quarter of the letter's baseline (its mean cosine with everything
indexed).

Why. Letters no answer matches are still about relationships, so their best cosine sits where an
oblique letter's (the other partner's side, symptoms only) does; what the oblique letter has more
often is several of the answer's rarer words ("the stepmother ... her kitchen"). The old bar (the
best fused score less a quarter of the baseline must reach 0.44) showed 7 of 20 unmatched letters
of the third sealed set a list. Chosen on the four dev sets together, and the same constants were
chosen when any one set was left out and they were fitted on the other three (on the set left
out: third 4/20, second 0/20, first 0/15, tuning 3/12; without evidence, fitted the same way, 5,
0, 0 and 4). The baseline no longer counts in the bar: with evidence beside it, a quarter of it
only cost recall. Tried and not kept: evidence added to every row's score (re-ranks, gains no
oblique letter), the gap between the best row and the second, the share of the letter's own
rarity a row holds, and a row's own mean cosine with the other answers (a hub lowered:
4/20 as well, but it needs a figure per row kept up to date).

Figures (right answer in the top 5; letters with no answer shown a list), before -> after: third
sealed set paraphrase 45 -> 45 of 45, oblique 42 -> 41 of 45, none shown 7 -> 4 of 20; second
45 -> 45, 42 -> 43, 1 -> 0 of 20; first 51 -> 50 of 51, 30 -> 30 of 34, 1 -> 0 of 15; tuning set
34 -> 34, 15 -> 15 of 17, 7 -> 3 of 12. Cost: the bar is absolute, so a letter of a sentence or
two, less like anything than a whole letter, is now seldom shown a list until more is written.
On the fourth sealed set, written before these constants were chosen and run once after: 44 of
45 paraphrased and 42 of 45 oblique letters with the right answer in the top 5, 3 of 20 with no
answer shown a list.
"""

from __future__ import annotations

import logging

from dearly.lib.fulltext import FullTextIndex
from dearly.lib.vectors import VectorIndex

logger = logging.getLogger(__name__)

CLOSE = 0.61  # the best fused score plus EVIDENCE_WEIGHT times the list's evidence must reach this
EVIDENCE_WEIGHT = 0.01  # per unit of rarity (idf) shared: a word in 1 answer of 20 is worth 0.03
EVIDENCE_CAP = 15.0  # evidence beyond this (five such words) adds nothing: words alone never decide
EVIDENCE_ROWS = 5  # the evidence of a list is that of its best-evidenced row among the first five
BASELINE_WEIGHT = 0.25
ITEM_FLOOR = 0.29  # each row shown, less BASELINE_WEIGHT times the baseline, must reach this
FULL_TEXT_BONUS = 0.10  # added for the full-text top hit, shrinking with rank
FULL_TEXT_K = 4  # bonus = FULL_TEXT_BONUS * (FULL_TEXT_K + 1) / (FULL_TEXT_K + rank + 1)
# The search box's same-theme look-up (column/search.py) still judges a few words against the
# query's mean similarity: with only a few rows indexed that mean says little, so it uses what
# two unrelated letters share.
TYPICAL_BASELINE = 0.33
MIN_ROWS_FOR_BASELINE = 8
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
    match = full_text.match(text, limit=CANDIDATES, exclude_id=exclude_id)
    text_ids = match.ids
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
    scores = dict(cosine)
    for rank, row_id in enumerate(text_ids):
        if row_id in scores:
            scores[row_id] += FULL_TEXT_BONUS * (FULL_TEXT_K + 1) / (FULL_TEXT_K + rank + 1)
    baseline = scanned.mean(exclude_id) if scanned.count >= MIN_ROWS_FOR_BASELINE else TYPICAL_BASELINE
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    if ranked[0][1] + EVIDENCE_WEIGHT * EVIDENCE_CAP < CLOSE:  # no evidence could lift it
        return []
    if allowed is not None:
        keep = allowed([i for i, _ in ranked[: limit * 4]])
        ranked = [(i, s) for i, s in ranked if i in keep]
    if not ranked:
        return []
    first = [i for i, _ in ranked[:EVIDENCE_ROWS]]
    evidence = max(match.evidence(first).values(), default=0.0)
    if ranked[0][1] + EVIDENCE_WEIGHT * min(evidence, EVIDENCE_CAP) < CLOSE:
        return []
    return [(i, s) for i, s in ranked if s - BASELINE_WEIGHT * baseline >= ITEM_FLOOR][:limit]
