"""The letter's decision: a small logistic regression over what the screen already read.

The classifier's head was trained on short sentences, and a letter used to be worth a look when
its most worrying segment passed a bar that rises with the letter's length (`Head.danger_bar`,
calibrated by hand on long ordinary letters). This model is trained on whole letters instead:
the eight development sets of letters (bench/tuning/screening_dev*.jsonl, each written by a
different writer who saw neither the code nor the data), the screen's held-out letters
(heldout/letters.jsonl) and letters written for it (training/letters/*.jsonl, four more writers
who saw only SAFETY.md and PRODUCT.md). Per letter it reads the features below: the segments'
danger (the top three, their mean and sum of odds, how many pass several levels, the top
against the length bar), the urgent probability of the most worrying segment, the most likely
segment per category, the letter's length, the rules' phrases by kind (explicit, oblique,
distanced) and category, what the screen decided without it, and the mean of the letter's
segment vectors (what the letter is about as a whole, from the vectors the head already read:
no second pass through the encoder). It gives a probability that the letter speaks of danger.

How it meets the rest of the screen (screening.py): it only replaces the classifier's own
"worth a look" decision (the most worrying segment against `danger_bar`). Everything urgent stays
urgent (an explicit rule phrase, a rule phrase the classifier reads as danger, a segment read as
immediate), and a rule phrase the classifier only softened stays worth a look. Otherwise the
letter is worth a look when this model's probability reaches its threshold, and none below it.

The threshold is chosen by leave-one-writer-out cross-validation on the training letters: the
lowest probability at which the letters in no danger flagged stay at or under the rate of the
screen without the model on the same letters. The figures (training/README.md, seventh round):
each writer's letters scored by a model that never saw that writer, on the three sets the
rules were never written on (dev6 and the two written sets, 240 crisis letters and 240 not)
191 caught and 47 flagged without the model, 202 / 45 with the model's first 36 features, and
220 / 46 with the mean vector too; on the six development sets 448 / 61 -> 455 / 57.
Eighth round: the retired seventh and eighth sealed sets and two more written sets (written_8a/8b,
180 letters in no danger, mostly near-misses) joined the training letters; no feature changed.
Each writer's letters scored by a model that never saw that writer: on the five sets dev6-8,
written 7a-7b (400 crisis letters, 400 not), 325 / 76 caught / flagged without the model, 375 / 74
with the eighth round's sets but not its written letters, 380 / 72 with them too; on all seven sets
of the newest writers (540 / 580) 439 / 128 -> 515 / 124. Tried and not kept: a danger-weighted
mean of the segment vectors, the mean of the three most worrying segments' vectors (513-517 /
124-129 on the seven: no better).

Its features depend on the head's weights and on the rules, so `letter_model.json` records the
hash of the letters, the head's version and the rules' version it was trained with; a test fails
when any of them changed and `manage.py train_screen --letters-only` was not run.
"""

from __future__ import annotations

import hashlib
import json
import threading
from pathlib import Path

import numpy as np

from dearly.safety.rules import Category

HERE = Path(__file__).resolve().parent
MODEL = HERE / "letter_model.json"
_ROOT = HERE.parents[1]
LETTER_SETS = (
    *(_ROOT / "bench" / "tuning" / f"screening_dev{suffix}.jsonl" for suffix in ("", "2", "3", "4", "5", "6", "7", "8")),
    HERE / "heldout" / "letters.jsonl",
    *sorted((HERE / "training" / "letters").glob("*.jsonl")),
)
CATEGORIES = tuple(c.value for c in Category)  # the head's order (classifier.CLASSES[1:])
LEVELS = (0.3, 0.5, 0.7, 0.9, 0.97)
VECTOR_DIMENSIONS = 384  # the encoder's (dearly.language.encoder.DIMENSIONS, checked by a test)
L2 = 100.0
FEATURES = (
    "top1", "top2", "top3", "top1_over_bar", "top1_urgent", "segments", "words", "mean", "sum_odds",
    *(f"passing_{level}" for level in LEVELS),
    *(f"max_{c}" for c in CATEGORIES),
    *(f"{kind}_{c}" for kind in ("explicit", "oblique", "distanced") for c in CATEGORIES),
    "revived", "rule_urgent", "rule_softened", "rule_set_aside", "was_urgent", "was_worth_a_look",
    *(f"mean_vector_{i}" for i in range(VECTOR_DIMENSIONS)),
)


def _logit(x):
    x = np.clip(np.asarray(x, float), 1e-4, 1 - 1e-4)
    return np.log(x / (1 - x))


def features(text, scored, bar, rule_matches, urgent, softened, set_aside, outcome) -> np.ndarray:
    """scored: classifier.SegmentScore list; the rule lists as screening._read sorts them;
    outcome: what the screen decides without this model ("urgent", "worth_a_look", "none")."""
    n = len(scored)
    danger = np.array([s.danger for s in scored]) if n else np.zeros(1)
    top = np.sort(danger)[::-1]
    top3 = [top[i] if i < len(top) else 0.0 for i in range(3)]
    worst = int(np.argmax(danger)) if n else 0
    f = [_logit(top3[0]), _logit(top3[1]), _logit(top3[2]), _logit(top3[0]) - _logit(bar),
         scored[worst].urgent if n else 0.0, np.log1p(n), np.log1p(len(text.split())),
         _logit(danger.mean()), np.log(np.exp(_logit(danger)).sum() + 1e-9) if n else 0.0]
    f += [np.log1p((danger >= level).sum()) for level in LEVELS]
    for k, category in enumerate(CATEGORIES):
        per = [s.probs[k] if s.probs is not None else (s.danger if s.category == category else 0.0) for s in scored]
        f.append(_logit(max(per)) if per else _logit(0.0))
    for kind in ("explicit", "oblique", "distanced"):
        for category in CATEGORIES:
            count = sum(1 for m in rule_matches if m.category.value == category and (
                m.explicit if kind == "explicit" else (not m.explicit and m.distanced) if kind == "distanced"
                else (not m.explicit and not m.distanced)))
            f.append(min(count, 3))
    f += [float(any(m.revived for m in rule_matches)), min(len(urgent), 3), min(len(softened), 3),
          min(len(set_aside), 3), float(outcome == "urgent"), float(outcome == "worth_a_look")]
    # What the letter is about as a whole: the mean of its segments' vectors (already computed
    # for the head: no second pass through the encoder).
    vectors = [s.vector for s in scored if s.vector is not None]
    mean_vector = np.mean(vectors, axis=0) if vectors else np.zeros(VECTOR_DIMENSIONS)
    return np.concatenate([np.array(f, float), mean_vector.astype(float)])


class LetterModel:
    def __init__(self, meta: dict):
        self.meta = meta
        self.mean = np.array(meta["mean"], float)
        self.scale = np.array(meta["scale"], float)
        self.coef = np.array(meta["coef"], float)
        self.intercept = float(meta["intercept"])
        self.threshold = float(meta["threshold"])

    def probability(self, x: np.ndarray) -> float:
        z = ((x - self.mean) / self.scale) @ self.coef + self.intercept
        return float(1 / (1 + np.exp(-z)))


_model: LetterModel | None = None
_lock = threading.Lock()


def get_model() -> LetterModel:
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                _model = LetterModel(json.loads(MODEL.read_text()))
    return _model


# Training -----------------------------------------------------------------------------------


def fit(x: np.ndarray, y: np.ndarray, l2: float = L2) -> dict:
    """L2-regularised logistic regression by Newton's method on standardised features."""
    mean, scale = x.mean(0), x.std(0) + 1e-6
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    w = np.zeros(z.shape[1])
    penalty = l2 * np.eye(z.shape[1])
    penalty[-1, -1] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-z @ w))
        step = np.linalg.solve((z * (p * (1 - p))[:, None]).T @ z + penalty, z.T @ (p - y) + penalty @ w)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return {"mean": mean.tolist(), "scale": scale.tolist(), "coef": w[:-1].tolist(), "intercept": float(w[-1])}


def _probabilities(params: dict, x: np.ndarray) -> np.ndarray:
    model = LetterModel({**params, "threshold": 1.0})
    return np.array([model.probability(row) for row in x])


def decide(probability, threshold, outcome, softened, short) -> np.ndarray:
    """What the screen does with the model (screening._screen_read), over arrays of letters: urgent
    and softened rule phrases stand, a short letter keeps the segment bar's decision, and the
    model decides the rest."""
    outcome, short = np.asarray(outcome), np.asarray(short, bool)
    kept = (outcome == "urgent") | (np.asarray(softened) > 0) | (short & (outcome != "none"))
    return kept | (~short & (np.asarray(probability) >= threshold))


def choose_threshold(probability, danger, outcome, softened, short) -> float:
    """The lowest threshold at which no more letters in no danger are flagged than without it."""
    probability, danger = np.asarray(probability), np.asarray(danger, bool)
    allowed = (np.asarray(outcome)[~danger] != "none").mean()
    for t in np.unique(np.concatenate([probability, [1.0]])):
        if decide(probability, t, outcome, softened, short)[~danger].mean() <= allowed + 1e-12:
            return float(t)
    return 1.0


def letter_rows() -> tuple[list[dict], str]:
    rows, digest = [], hashlib.sha256()
    for path in LETTER_SETS:
        data = path.read_bytes()
        digest.update(path.name.encode() + b"\0" + data)
        for line in data.decode().splitlines():
            if line.strip():
                rows.append({**json.loads(line), "set": path.name})
    return rows, digest.hexdigest()


def data_sha256() -> str:
    """The letters, the head and the rules the features come from (a test compares it)."""
    from dearly.safety.classifier import model_version
    from dearly.safety.rules import RULES_VERSION

    _, letters_sha = letter_rows()
    return hashlib.sha256(f"{letters_sha}\0{model_version()}\0{RULES_VERSION}".encode()).hexdigest()


def read_letters(rows, stdout=print):
    from dearly.safety import screening

    out = []
    for i, row in enumerate(rows):
        out.append(screening.read_without_letter_model(row["text"]))
        if (i + 1) % 200 == 0:
            stdout(f"  read {i + 1}/{len(rows)} letters")
    return out


def cross_validate(x, danger, outcome, softened, short, groups, *, stdout=print) -> dict:
    """Leave one writer's set out: train on the others (threshold from an inner leave-one-set-out
    on them), score the set left out. Returns per-set (caught, flagged) without and with."""
    figures = {}
    for held in sorted(set(groups)):
        train, test = groups != held, groups == held
        inner = np.zeros(train.sum())
        for other in sorted(set(groups[train])):
            part = groups[train] == other
            inner[part] = _probabilities(fit(x[train][~part], danger[train][~part]), x[train][part])
        t = choose_threshold(inner, danger[train], outcome[train], softened[train], short[train])
        p = _probabilities(fit(x[train], danger[train]), x[test])
        flag = decide(p, t, outcome[test], softened[test], short[test])
        before = outcome[test] != "none"
        d = danger[test]
        figures[held] = {"letters": f"{int(d.sum())}/{int((~d).sum())}",
                         "before": [int(before[d].sum()), int(before[~d].sum())],
                         "after": [int(flag[d].sum()), int(flag[~d].sum())], "threshold": round(t, 3)}
        stdout(f"  {held}: caught / flagged {figures[held]['before']} -> {figures[held]['after']} "
               f"(of {figures[held]['letters']}), threshold {t:.3f}")
    return figures


def train(*, stdout=print) -> dict:
    from dearly.safety.classifier import model_version
    from dearly.safety.rules import RULES_VERSION

    rows, _ = letter_rows()
    stdout(f"letter model: reading {len(rows)} letters…")
    read = read_letters(rows, stdout=stdout)
    x = np.array([r["features"] for r in read])
    danger = np.array([row["outcome"] != "none" for row in rows])
    outcome = np.array([r["outcome"] for r in read])
    softened = np.array([r["softened"] for r in read])
    short = np.array([r["short"] for r in read])
    groups = np.array([row["set"] for row in rows])
    stdout("leave-one-writer-out (each set scored by a model trained on the other sets only):")
    figures = cross_validate(x, danger, outcome, softened, short, groups, stdout=stdout)
    total = {k: np.sum([v[k] for name, v in figures.items() if name.startswith("screening_dev")], axis=0).tolist()
             for k in ("before", "after")}
    stdout(f"  total of the {sum(name.startswith('screening_dev') for name in figures)} development sets:"
           f" {total['before']} -> {total['after']}")
    inner = np.zeros(len(rows))
    for held in sorted(set(groups)):
        part = groups == held
        inner[part] = _probabilities(fit(x[~part], danger[~part]), x[part])
    threshold = choose_threshold(inner, danger, outcome, softened, short)
    params = fit(x, danger)
    meta = {"data_sha256": data_sha256(), "head": model_version(), "rules": RULES_VERSION,
            "features": list(FEATURES), "l2": L2, "letters": len(rows), **params,
            "threshold": round(threshold, 6), "leave_one_writer_out": {"sets": figures, "total": total}}
    MODEL.write_text(json.dumps(meta, indent=1) + "\n")
    global _model
    _model = None
    stdout(f"threshold {threshold:.3f}; wrote {MODEL.name}")
    return meta
