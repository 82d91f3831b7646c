"""Hybrid retrieval: full-text ranking fused with embedding similarity, and "nothing close".

Used for "this may already help", related answers, suggested topics and the desk's similar
letters. Full text finds letters that share rare words with an answer; the sentence encoder finds
the ones that say the same thing in other words ("he goes silent" / "she stonewalls me").

Each row is scored by its cosine with the letter plus a bonus for its full-text rank, largest
for the top hit and shrinking with rank (score mixing, not a vote: a row found by words only, far
in meaning, cannot be lifted above a close one). "Nothing close" (`close_enough`, since the
seventh round) is judged row by row on that fused score and on the row's own full-text evidence:
one of the first five rows must have its score plus EVIDENCE_WEIGHT times its evidence (capped),
plus the letter's baseline (its mean cosine with everything indexed), reach CLOSE, or nothing is
shown and the reader is told so rather than shown five unrelated articles. A row's evidence
(`FullTextIndex.match(...).evidence`, the same on SQLite and PostgreSQL) is the summed rarity
(idf, capped at ln 20 a word) of the letter's rarest words that it holds: a rank says only that
a row shares more than the others do, evidence says how much it shares. Each row shown must also
reach ITEM_FLOOR less a quarter of the baseline. Past the vector index's scan limit only rows
sharing the letter's words are scored, and their mean is not the letter's: TYPICAL_BASELINE
stands in for it there, as it does under MIN_ROWS_FOR_BASELINE rows.

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

Seventh round. The sixth sealed set, run once while sealed with the bar above (the best row's score
plus 0.01 times the first five rows' best evidence reaching 0.61), gave 45/45 paraphrased, 37/45
oblique (full text alone 44/45: six were the bar's) and 6/20 unmatched letters shown a list. Two
changes to the bar, both in `close_enough`. Row by row: the old bar took the closeness from the
best row and the words from whichever of the first five held the most, so an unmatched letter near
one answer in setting and sharing two rare words by chance with another passed; now one row must
be close in meaning and in words at once (full text and meaning agreeing on a row), and each
shared word weighs three times more. The baseline counts for the letter, not against it: on all
seven retired sets the unmatched letters are further from every answer (median baseline 0.22-0.26)
than the oblique ones (0.32-0.36), which are about what the column answers, told from another side;
so a letter far from everything must come closer to its best row. Chosen by leave-one-set-out over
the seven retired sets (the first to sixth sealed sets and the tuning set: constants chosen on six,
scored on the seventh, an oblique letter missed weighed as one unmatched letter shown, as the
targets' budgets are about equal: 3.6 of 45 and 4 of 20): held out, the old bar with its constants
chosen the same way finds 308/310 paraphrased and 248/276 oblique letters and shows 24/127
unmatched letters a list; the new one 307, 251 and 14 (with EVIDENCE_WEIGHT 0.03 fixed and CLOSE
alone chosen on six, 307, 252 and 15). Weighing a letter shown as two found, as the fifth round
did: 307, 242, 22 before, 307, 247, 7 after. The constants chosen on each six were nearly the same
every time (evidence weight 0.025-0.0325, cap 12.5, the same at 0.03 on every set as the 15 kept);
kept: EVIDENCE_WEIGHT 0.03 and CLOSE fitted on all seven (1.0285, rounded).

Figures (right answer in the top 5; letters with no answer shown a list), before -> after: sixth
sealed set paraphrase 45 -> 45 of 45, oblique 37 -> 39 of 45, none shown 6 -> 2 of 20; fifth 45 ->
45, 44 -> 44, 2 -> 3; fourth 44 -> 44, 42 -> 43, 3 -> 2; third 45 -> 44, 41 -> 42, 4 -> 4; second
45 -> 45, 43 -> 41, 0 -> 0; first 50 -> 50 of 51, 30 -> 31 of 34, 0 -> 1 of 15; tuning 34 -> 34,
15 -> 15 of 17, 3 -> 3 of 12; together 308 -> 307 of 310, 252 -> 255 of 276, 18 -> 15 of 127 (the
"before" constants were chosen on six of these sets, so those figures flatter it). Cost: a letter
of a sentence or two, with a low baseline, is shown a list still more seldom; nothing per query
is added (the evidence of the same five rows, the baseline already computed).

Tried this round and not kept (held out, weighing a letter shown as two found, against the old
bar's 307, 242, 22): a bonus when the cosine's and full text's top rows agree (307, 242, 22) or
the full-text rank of the closest row (306, 249, 20); the letter's length, log words (308, 242,
22); the gap to the second row, fused or cosine (304-303, 235-238, 20); the best cosine's z among
all rows (307, 245, 19); the best cosine after taking out the mean answer vector (306, 243, 21);
evidence beyond what a random row holds (307, 244, 22); words shared with the best row's title
(305, 242, 21); the count of words only one answer holds (306, 241, 19); the bar on the best
cosine without the rank bonus (307, 248, 19); the baseline added to the old bar (307, 240, 16,
its weight chosen anywhere from 0.25 to 1.35); row by row without the baseline (307, 244, 14); the
mean cosine of the 3, 5 or 8 closest rows in place of the baseline (307-308, 243-244, 10-14); a
logistic fit on ten of these at once (307-308, 243-249, 16). Still short of the targets on the
sixth set: of its six oblique misses four are the bar's (letters of 41-61 words from a friend's or
a child's side, closest cosine 0.38-0.44) and two the ranking's.

Eighth round: the constants are chosen to carry to a new writer. The eighth sealed set, run once
with the constants above (EVIDENCE_WEIGHT 0.03, CLOSE 1.03), gave 44/45 paraphrased, 43/45 oblique
and 6/20 unmatched letters shown a list. `bench/similar --dev-only --quality-only --loso` now
measures what constants chosen on some writers' sets do on another's: the bar's two constants
chosen on all the retired sets but one (nine now), the set left out scored with them, each in
turn. Chosen as the seventh round did (an oblique letter missed weighed as one unmatched letter
shown, paraphrased letters not counted, the evidence weight from 0.025 to 0.0325), held out they
find 395/400 paraphrased and 335/366 oblique letters and show 21/167 unmatched letters a list (with
the weight from 0.01 to 0.04, 392, 334 and 20), and the constants chosen differ from fold to fold
(weight 0.02-0.04, CLOSE 0.97-1.15): the objective is flat, and a paraphrased letter withheld costs
nothing in it. Counting a paraphrased letter missed as one too, every fold chooses the same
constants (weight 0.02, CLOSE 0.9645-0.9704), and held out they find 396/400 and 337/366 and show
19/167: not worse on any of the three, and on each set left out (paraphrase, oblique, unmatched
shown; before -> after) eighth 44/43/5 -> 45/43/4, seventh 44/42/2 -> 44/42/1, sixth 45/38/1 ->
45/39/2, fifth 45/44/3 -> 45/44/3, fourth 44/43/2 -> 44/42/2, third 44/42/4 -> 44/41/3, second
45/40/0 -> 45/41/0, first 50/29/1 -> 50/31/1, tuning 34/14/3 -> 34/14/3. Kept: EVIDENCE_WEIGHT 0.02
and CLOSE fitted on all nine (0.9662, rounded). A shared rare word counts a third less, and a row
close in meaning sharing none of the letter's rarer words can now carry the bar alone (the eighth
set's one paraphrase miss was such a letter, its answer the closest row at 0.63). Figures on every
retired set, before -> after: eighth 44 -> 45 of 45, 43 -> 43 of 45, 6 -> 4 of 20; seventh 44 -> 44,
42 -> 42, 2 -> 1; sixth 45 -> 45, 39 -> 39, 2 -> 2; fifth 45 -> 45, 44 -> 44, 3 -> 3; fourth 44 -> 44,
43 -> 42, 2 -> 2; third 44 -> 44, 42 -> 41, 4 -> 2; second 45 -> 45, 41 -> 41, 0 -> 0; first 50 -> 50
of 51, 31 -> 31 of 34, 1 -> 1 of 15; tuning 34 -> 34, 15 -> 15 of 17, 3 -> 3 of 12; together 395 ->
396 of 400, 340 -> 338 of 366, 23 -> 18 of 167 (the old constants were chosen on seven of these
sets, the new on all nine: only the held-out figures above compare fairly). Nothing per query is
added.

Tried this round and not kept (held out the same way, against 396, 337, 19): a learned scorer, a
logistic regression over each (letter, answer) pair (cosine, full-text rank bonus, evidence,
baseline; with the cosine of an answer's own paragraphs, of its title, of its best 60-word chunk,
the margin to the next row, the letter's length), used both to rank and, its best probability
among the first five against a threshold chosen on the other sets, as the bar: the ranking's
ceiling stays (761-764 of 766 in the top 5 without the bar, against 761), but the bar shows 40-45
unmatched letters a list: fitted on ranking, its probability is not calibrated across letters. A
bar fitted on the letter (logistic over the bar's own closeness with one more of: the baseline,
the best cosine of the first rows with an answer's paragraphs, with its title, with its best
chunk or a sentence of the article's letter with one of the new letter, the letter's length, the
best row's standing among all rows): 393-398, 334-343, 16-28, each a trade along the same curve
(its closeness alone ranks 97.8 % of found letters above unmatched ones). Ranking by the mean or
the larger of the cosines with an article's letter and its answer paragraphs: no better with the
bar refitted (388-394, 338-345, 24-34). The letter's vector (or an article's) as the mean of its
sentences' vectors, alone or beside the whole letter's: worse (382-396, 290-338, 21-62). ITEM_FLOOR
chosen with the other two (0.25-0.37): the same constants and figures, it does not bind. Query-side
spelling of texting shorthand (im, dont, bf, w, yo: written out before embedding) finds three more
oblique letters with the constants fixed, but with them refitted held out 395, 340, 23: the gain
goes into the trade, not past it.
"""

from __future__ import annotations

import logging

from dearly.lib.fulltext import FullTextIndex
from dearly.lib.vectors import VectorIndex

logger = logging.getLogger(__name__)

CLOSE = 0.966  # one of the first rows' fused score plus its own evidence, plus the baseline, must reach this
EVIDENCE_WEIGHT = 0.02  # per unit of rarity (idf) shared: a word in 1 answer of 20 is worth 0.06
EVIDENCE_CAP = 15.0  # a row's evidence beyond this (five such words) adds nothing: words alone never decide
EVIDENCE_ROWS = 5  # the bar is met by the best of the first five rows
BASELINE_WEIGHT = 0.25
ITEM_FLOOR = 0.29  # each row shown, less BASELINE_WEIGHT times the baseline, must reach this
FULL_TEXT_BONUS = 0.10  # added for the full-text top hit, shrinking with rank
FULL_TEXT_K = 4  # bonus = FULL_TEXT_BONUS * (FULL_TEXT_K + 1) / (FULL_TEXT_K + rank + 1)
# What two unrelated letters share: the baseline when too few rows are indexed for a mean to say
# much, or when only candidates were scored (past the scan limit). The search box's same-theme
# look-up (column/search.py) uses it the same way.
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
    # The letter's mean cosine with everything indexed; past the scan limit only candidates sharing
    # its words were scored, whose mean says more of the words than of the letter.
    whole = scanned.whole and scanned.count >= MIN_ROWS_FOR_BASELINE
    baseline = scanned.mean(exclude_id) if whole else TYPICAL_BASELINE
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    if ranked[0][1] + EVIDENCE_WEIGHT * EVIDENCE_CAP + baseline < CLOSE:  # no evidence could lift it
        return []
    if allowed is not None:
        keep = allowed([i for i, _ in ranked[: limit * 4]])
        ranked = [(i, s) for i, s in ranked if i in keep]
    if not ranked:
        return []
    if not close_enough(ranked[:EVIDENCE_ROWS], match.evidence([i for i, _ in ranked[:EVIDENCE_ROWS]]), baseline):
        return []
    return [(i, s) for i, s in ranked if s - BASELINE_WEIGHT * baseline >= ITEM_FLOOR][:limit]


def close_enough(first: list[tuple[int, float]], evidence: dict[int, float], baseline: float) -> bool:
    """Whether a list is worth showing: one of its `first` rows (id, fused score) must be close by
    meaning and by the words it shares with the letter at once, its score plus EVIDENCE_WEIGHT
    times its own evidence (capped) reaching CLOSE less the letter's baseline."""
    best = max((score + EVIDENCE_WEIGHT * min(evidence.get(row_id, 0.0), EVIDENCE_CAP) for row_id, score in first),
               default=float("-inf"))
    return best + baseline >= CLOSE
