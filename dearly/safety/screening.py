"""Crisis screening for readers' letters: is someone in danger, and how soon should it be read?

Two signals, read as SAFETY.md (shared with the team) maps danger:
1. the hand-written rules (`rules.py`): phrasings we know, precise, built for recall;
2. a classifier over sentence embeddings (`classifier.py`), trained on sentences the team wrote in
   many voices with matched traps (idioms, the past, someone else's story), so that phrasings no
   rule foresaw are caught too.

How the rules and the classifier meet: a rule's phrase that says the danger plainly, in the
present ("I want to kill myself", "he hit me last night": `Match.explicit`) makes the letter
urgent whatever the classifier reads. Other rule phrases also turn up where nobody is in danger,
and the classifier is asked how the passage around them reads:
- a phrase in a sentence that says it may not be live (`Match.distanced`: "years ago", "when I
  was twelve", "used to", "haha", a film, a patient, a sparring partner) makes the letter urgent
  if the classifier reads danger there at the letter's bar, worth a look if it reads at least
  `rule_veto`, and is set aside below that (kept in `.set_aside` for the record), unless the
  letter says that past danger is coming back into view (`Match.revived`: an abuser released or
  back in touch, the old thoughts creeping back), when it is worth a look at least;
- any other phrase makes the letter urgent, or only worth a look if the classifier reads less
  than `rule_veto` around it: an oblique phrasing in the present is never dropped.
When the classifier cannot run, every rule phrase makes the letter urgent, as before.

Three outcomes:
- **urgent**: an explicit rule phrase, a rule phrase the classifier reads as danger, or a segment
  the classifier reads as live, immediate danger. The letter goes to the top of the desk and the
  writer sees crisis lines first.
- **worth_a_look**: a segment reads as danger but not clearly immediate (risk factors, ambiguous
  stance, past danger that may still be live), or a rule phrase the classifier finds only
  possibly live. A separate desk queue; gentle resources for the writer.
- **none**.

If the classifier cannot run (model files missing or changed), the rules still screen and the
result says so in `.version`; a failure of the rules themselves is handled by the caller, which
treats the letter as urgent.
"""

from __future__ import annotations

import dataclasses
import enum
import logging
from dataclasses import dataclass

from dearly.safety.rules import RULES_VERSION, Category, Match, screen_rules

__all__ = ["Category", "Match", "Outcome", "ScreeningResult", "Signal", "screen", "version"]

logger = logging.getLogger(__name__)


class Outcome(enum.StrEnum):
    URGENT = "urgent"
    WORTH_A_LOOK = "worth_a_look"
    NONE = "none"


@dataclass(frozen=True)
class Signal:
    """A passage the classifier found worrying."""

    category: Category
    start: int
    end: int
    phrase: str
    danger: float
    urgent: bool


@dataclass(frozen=True)
class ScreeningResult:
    matches: tuple[Match, ...] = ()  # the rules' phrases that make the letter urgent
    signals: tuple[Signal, ...] = ()  # the classifier's passages, most worrying first
    version: str = ""
    softened: tuple[Match, ...] = ()  # rule phrases the classifier read as possibly live
    set_aside: tuple[Match, ...] = ()  # rule phrases the classifier read as not live

    @property
    def outcome(self) -> Outcome:
        if self.matches or any(s.urgent for s in self.signals):
            return Outcome.URGENT
        if self.signals or self.softened:
            return Outcome.WORTH_A_LOOK
        return Outcome.NONE

    @property
    def is_urgent(self) -> bool:
        return self.outcome == Outcome.URGENT

    @property
    def categories(self) -> list[Category]:
        """Distinct categories from both signals, in the Category declaration order."""
        present = {m.category for m in (*self.matches, *self.softened)} | {s.category for s in self.signals}
        return [c for c in Category if c in present]

    @property
    def phrases(self) -> list[tuple[str, int, int]]:
        """What the expert sees highlighted: (phrase, start, end), in letter order."""
        spans = {(m.phrase, m.start, m.end) for m in (*self.matches, *self.softened)}
        spans |= {(s.phrase, s.start, s.end) for s in self.signals}
        return sorted(spans, key=lambda span: (span[1], span[2]))


_MAX_SIGNALS = 5
_classifier_state = {"failed": False}


def version() -> str:
    try:
        from dearly.safety import classifier

        return f"{RULES_VERSION}+{classifier.model_version()}"
    except Exception:
        return f"{RULES_VERSION}+rules-only"


def _read(text: str, rule_matches: tuple[Match, ...]) -> dict:
    """What the rules and the classifier say, before the letter model (letter_model.py)."""
    from dearly.safety import classifier

    head = classifier.get_head()
    scored = classifier.score_segments(text)
    bar = head.danger_bar(len(scored))

    def immediate(s) -> bool:
        return s.danger >= max(head.urgent_danger_threshold, bar) and s.urgent >= head.urgent_threshold

    def signal(s) -> Signal:
        return Signal(Category(s.category), s.segment.start, s.segment.end, s.segment.text,
                      round(s.danger, 3), immediate(s))

    worrying = [s for s in scored if s.danger >= bar]
    worrying.sort(key=lambda s: (-immediate(s), -s.danger))
    signals, seen = [], set()
    for s in worrying:
        key = (s.segment.start, s.segment.end)
        if key in seen:
            continue
        seen.add(key)
        signals.append(signal(s))
        if len(signals) == _MAX_SIGNALS:
            break
    # The rules' phrases: explicit ones stand; the others go by how the classifier reads the
    # passages around them (the most worrying segment that overlaps the phrase).
    urgent, softened, set_aside = [], [], []
    for m in rule_matches:
        around = max((s.danger for s in scored if s.segment.start < m.end and m.start < s.segment.end), default=1.0)
        if m.explicit:
            urgent.append(m)
        elif m.distanced:  # "years ago", "haha", "at work": the classifier decides
            live = around >= head.rule_veto_threshold or m.revived  # past danger coming back: worth a look
            (urgent if around >= bar else softened if live else set_aside).append(m)
        else:  # an oblique phrasing in the present: never dropped, only softened
            (urgent if around >= head.rule_veto_threshold else softened).append(m)
    result = ScreeningResult(tuple(urgent), tuple(signals), f"{RULES_VERSION}+{classifier.model_version()}",
                             tuple(softened), tuple(set_aside))

    def features():
        from dearly.safety import letter_model

        return letter_model.features(text, scored, bar, rule_matches, urgent, softened, set_aside,
                                     result.outcome.value)

    most = max(scored, key=lambda s: s.danger, default=None)
    return {"result": result, "features": features, "most_worrying": signal(most) if most else None,
            # A letter of a few sentences keeps the segment bar: the letter model learned from
            # whole letters (5 to 60 segments) and reads a one-line letter's danger too low.
            "short": len(scored) <= head.short_segments}


def read_without_letter_model(text: str) -> dict:
    """The screen's reading before the letter model, and the model's features (for training)."""
    read = _read(text, screen_rules(text).matches)
    result = read["result"]
    return {"features": read["features"](), "outcome": result.outcome.value, "softened": len(result.softened),
            "short": read["short"]}


def _screen_read(text: str, rule_matches: tuple[Match, ...]) -> ScreeningResult:
    read = _read(text, rule_matches)
    result: ScreeningResult = read["result"]
    # The letter model (letter_model.py) replaces only the classifier's own worth-a-look bar:
    # urgent stays urgent, a softened rule phrase stays worth a look, and a short letter keeps the
    # bar; otherwise the letter is worth a look exactly when the model says so. If it cannot run
    # (its file, or its features), the bar decides as before: the classifier's reading stands.
    if result.is_urgent or result.softened or read["short"]:
        return result
    try:
        from dearly.safety import letter_model

        model = letter_model.get_model()
        flagged = model.probability(read["features"]()) >= model.threshold
    except Exception as exc:
        if not _classifier_state.get("letter_model_failed"):
            logger.error("letter model unavailable; the segment bar decides",
                         extra={"dearly_error": type(exc).__name__})
            _classifier_state["letter_model_failed"] = True
        return result
    if not flagged:
        signals = ()
    elif not result.signals and read["most_worrying"] is not None:
        signals = (read["most_worrying"],)
    else:
        signals = result.signals
    return dataclasses.replace(result, signals=signals, version=f"{result.version}+letters")


def screen(text: str) -> ScreeningResult:
    """Screen one letter. Empty text screens as none; odd text never raises."""
    if not isinstance(text, str):
        raise TypeError(f"screen() expects str, got {type(text).__name__}")
    rules = screen_rules(text)
    if not text.strip():
        return ScreeningResult(rules.matches, (), RULES_VERSION)
    try:
        return _screen_read(text, rules.matches)
    except Exception as exc:  # the rules still stand; say so once per process, never the text
        if not _classifier_state["failed"]:
            logger.error("crisis classifier unavailable; screening with rules only",
                         extra={"dearly_error": type(exc).__name__})
            _classifier_state["failed"] = True
        return ScreeningResult(rules.matches, (), f"{RULES_VERSION}+rules-only")
