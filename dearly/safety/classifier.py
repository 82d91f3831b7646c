"""The screen's second signal: a small classifier over sentence embeddings.

Rules catch the phrasings someone thought of; letters in crisis are often phrased otherwise
("I've been saving my tablets", "his hands were round my neck"). Each letter is cut into segments
(sentences, long sentences into overlapping windows of words, and pairs of neighbouring sentences
so that "… twenty years ago. I'm well now." is read together), sentences and windows are embedded
by the sentence encoder and each pair is read as the mean of its two sentences' vectors, and a head trained on Dearly's own labelled sentences (`training/*.jsonl`, see
`manage.py train_screen`) gives each segment a probability per category and a probability that
the danger is immediate. The letter takes its most worrying segment.

The head is plain numpy: a hidden layer and two softmax/sigmoid outputs, weights in
`screen_model.npz`, trained by `train.py`; `screen_model.json` records the hash of the data it
was trained on, so a changed corpus without retraining is caught by a test.
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
WEIGHTS = HERE / "screen_model.npz"
META = HERE / "screen_model.json"
TRAINING_DIR = HERE / "training"

# Output order of the category head; "none" first.
CLASSES = ("none", "suicide_self_harm", "abuse_at_home", "child_at_risk", "harm_to_others")

_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+[\"')\]]*|\n|$)")
_WORD = re.compile(r"\S+")
WINDOW_WORDS = 24
WINDOW_STEP = 12
LONG_SENTENCE_WORDS = 32


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    text: str
    # For a neighbour pair: the spans of its two parts (its vector is the mean of theirs).
    pair: tuple[tuple[int, int], tuple[int, int]] | None = None


def segments(text: str) -> list[Segment]:
    """Sentences, windows over run-on text (texting style has no full stops), and neighbour pairs."""
    sentences: list[Segment] = []
    for m in _SENTENCE.finditer(text):
        chunk = m.group()
        if not chunk.strip():
            continue
        words = list(_WORD.finditer(chunk))
        if len(words) <= LONG_SENTENCE_WORDS:
            lead = len(chunk) - len(chunk.lstrip())
            sentences.append(Segment(m.start() + lead, m.end(), chunk.strip()))
            continue
        for i in range(0, max(1, len(words) - WINDOW_WORDS + WINDOW_STEP), WINDOW_STEP):
            piece = words[i:i + WINDOW_WORDS]
            s, e = m.start() + piece[0].start(), m.start() + piece[-1].end()
            sentences.append(Segment(s, e, text[s:e]))
    out = list(sentences)
    for a, b in zip(sentences, sentences[1:], strict=False):
        if b.start >= a.end:  # neighbours, not two windows of one run-on sentence
            out.append(Segment(a.start, b.end, text[a.start:b.end], ((a.start, a.end), (b.start, b.end))))
    return out


@dataclass(frozen=True)
class SegmentScore:
    segment: Segment
    category: str  # the most likely danger category for this segment
    danger: float  # probability that the segment speaks of live danger of any kind
    urgent: float  # probability that the danger is immediate, given that there is danger
    # The head's probability of each danger category (CLASSES[1:]), for the letter model
    # (letter_model.py); None where a segment was scored otherwise (tests).
    probs: tuple[float, ...] | None = None
    # The segment's unit vector, for the letter model's mean of a letter's vectors; None where
    # a segment was scored otherwise (tests).
    vector: np.ndarray | None = field(default=None, compare=False, repr=False)


class Head:
    """The trained weights: an ensemble of small networks (embedding -> hidden ReLU layer ->
    category softmax and urgency sigmoid), averaged. Several seeds smooth out the quirks any one
    network learns from a few thousand sentences."""

    def __init__(self, weights: dict[str, np.ndarray], meta: dict):
        def stacked(name):
            w = weights[name].astype(np.float32)
            return w if w.ndim == (3 if name.startswith("w") else 2) else w[None]

        self.w1, self.b1 = stacked("w1"), stacked("b1")
        self.w2, self.b2 = stacked("w2"), stacked("b2")
        self.w3, self.b3 = stacked("w3"), stacked("b3")
        self.meta = meta
        t = meta["thresholds"]
        self.danger_threshold = float(t["worth_a_look"])
        self.urgent_threshold = float(t["urgent"])
        self.urgent_danger_threshold = float(t.get("urgent_danger", self.danger_threshold))
        # A rule phrase that is not explicit counts only where the classifier reads at least
        # this much danger around it (screening.py).
        self.rule_veto_threshold = float(t.get("rule_veto", 0.0))
        # A letter of many segments has many chances of one false alarm: the bar rises with the
        # number of segments, from the short letters' bar to the long letters' (both calibrated
        # to flag at most one ordinary letter in six; see train.py).
        self.long_danger_threshold = float(t.get("worth_a_look_long", self.danger_threshold))
        self.short_segments = float(t.get("segments_short", 3))
        self.long_segments = float(t.get("segments_long", 15))

    def danger_bar(self, segments: int) -> float:
        if segments <= self.short_segments:
            return self.danger_threshold
        span = np.log(self.long_segments) - np.log(self.short_segments)
        share = min(1.0, (np.log(segments) - np.log(self.short_segments)) / span)
        return float(self.danger_threshold + share * (self.long_danger_threshold - self.danger_threshold))

    def forward(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        probs_sum = np.zeros((len(x), self.w2.shape[-1]), np.float32)
        urgent_sum = np.zeros(len(x), np.float32)
        for w1, b1, w2, b2, w3, b3 in zip(self.w1, self.b1, self.w2, self.b2, self.w3, self.b3, strict=True):
            hidden = np.maximum(x @ w1 + b1, 0.0)
            logits = hidden @ w2 + b2
            logits -= logits.max(axis=1, keepdims=True)
            probs = np.exp(logits)
            probs_sum += probs / probs.sum(axis=1, keepdims=True)
            urgent_sum += (1.0 / (1.0 + np.exp(-(hidden @ w3 + b3)))).reshape(-1)
        n = len(self.w1)
        return probs_sum / n, urgent_sum / n


_head: Head | None = None
_lock = threading.Lock()


def get_head() -> Head:
    global _head
    if _head is None:
        with _lock:
            if _head is None:
                meta = json.loads(META.read_text())
                with np.load(WEIGHTS) as data:
                    _head = Head({k: data[k] for k in data.files}, meta)
    return _head


def model_version() -> str:
    return get_head().meta["version"]


def segment_vectors(text: str) -> tuple[list[Segment], np.ndarray]:
    """The letter's segments and their unit vectors.

    Only sentences and windows go through the encoder (each distinct text once); a neighbour
    pair is read as the normalised mean of its two sentences' vectors. The encoder's cost grows
    with the words it reads, and encoding every pair again read each sentence three times:
    this reads it once, for about a third of the time on a long letter. Training and
    calibration (train.py) read letters through this same function.
    """
    from dearly.language.encoder import DIMENSIONS, encode

    segs = segments(text)
    if not segs:
        return [], np.zeros((0, DIMENSIONS), np.float32)
    base = [s for s in segs if not s.pair]
    unique = list(dict.fromkeys(s.text for s in base))
    encoded = encode(unique)
    row = {t: i for i, t in enumerate(unique)}
    by_span = {(s.start, s.end): encoded[row[s.text]] for s in base}
    vectors = np.zeros((len(segs), encoded.shape[1]), np.float32)
    for i, s in enumerate(segs):
        if s.pair:
            mean = by_span[s.pair[0]] + by_span[s.pair[1]]
            vectors[i] = mean / max(float(np.linalg.norm(mean)), 1e-12)
        else:
            vectors[i] = by_span[(s.start, s.end)]
    return segs, vectors


def score_segments(text: str) -> list[SegmentScore]:
    segs, vectors = segment_vectors(text)
    if not segs:
        return []
    probs, urgent = get_head().forward(vectors)
    out = []
    for seg, p, u, vector in zip(segs, probs, urgent, vectors, strict=True):
        best = int(np.argmax(p[1:])) + 1
        out.append(SegmentScore(seg, CLASSES[best], float(1.0 - p[0]), float(u), tuple(float(v) for v in p[1:]),
                                vector))
    return out
