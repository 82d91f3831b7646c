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

Fifth round: looked for, not found, so the constants stay. On the five dev sets together the figures
are 218/220 paraphrased and 171/186 oblique letters with the right answer in the top 5, and 10/87
letters with no answer shown a list (the goal was 98%, 92%, at most 1 in 10). Why the misses are
missed: the ranking is nearly at its ceiling (without the bar the right answer is in the top 5 for
219/220 and 184/186: two oblique letters at ranks 7 and 9, one paraphrase at 7), so 13 of the 15
oblique misses and one of the two paraphrase misses are the bar's. And the bar's mistakes cannot be
told apart with what a look-up has: the 10 unmatched letters still shown a list are closer to their
best answer (best cosine 0.46-0.63) than the 13 oblique letters turned away (0.35-0.46), because
they share an answer's setting (a long marriage, a grown son back home, a child's school) but not
its problem, while an oblique letter shares the problem in other words. Tried, each with its
constants chosen on four sets and measured on the fifth (leave-one-set-out, an unmatched letter
shown weighed as two found), all against the current bar's 171 oblique and 10 unmatched shown: the
full-text rank of the best row in the bar with a steeper decay than the ranking's, the evidence of
the best row only or the best row-by-row sum of cosine, bonus and evidence (168 and 11); a bonus
when full text and meaning agree on the best row (the same); the best row's mean cosine with its 1,
3 or 16 nearest articles taken off the bar, a hub lowered (the same or worse); a bar fitted
(logistic) on the best score and the evidence with one more of the baseline, the best score's
standing among all rows (z), the gap to the second, the best cosine of any one sentence of the
letter or of its first or last two (its setting, its question), the share of the letter's words no
article holds, or (needing stored vectors of each article's sentences) the best cosine of a sentence
of the letter with one of the article's (163-166 and 8-11, where the same fit on the best score and
the evidence alone gives 164 and 9: a fitted threshold is no better than the hand-set one). Even
fitted on all five sets at once, no bar of the current form (full-text bonus 0-0.3 with any decay,
evidence weight 0-0.03 capped at 10-20, any threshold) shows fewer than 9 unmatched letters a list
while finding 172 oblique ones: at 8 shown it finds 170. Ranking: a vector of each answer beside the
letter's (a second stored vector per article) puts 220/220 and 186/186 in the top 5 when the two
cosines are averaged, but with the bar refitted it gains nothing (216 paraphrased, 172 oblique, 12
unmatched shown). Reciprocal-rank fusion of the two rankings (k 1 to 60) lowers the ceiling
(216-219/220, 181-182/186), and so does a smaller full-text bonus (0.05: 179/186); a bigger one
(0.15-0.2) gains nothing. What is left to try needs new information: per-article figures of how
close unrelated letters come (the desk's own letters would give them), or letters marked by the
expert as answered or not.
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
