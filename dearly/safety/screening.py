"""Crisis screening for readers' letters: is someone in danger, and how soon should it be read?

Two signals, read as SAFETY.md (shared with the team) maps danger:
1. the hand-written rules (`rules.py`): phrasings we know, precise, built for recall;
2. a classifier over sentence embeddings (`classifier.py`), trained on sentences the team wrote in
   many voices with matched traps (idioms, the past, someone else's story), so that phrasings no
   rule foresaw are caught too.

Three outcomes:
- **urgent**: a rule matched, or a segment reads as live, immediate danger. The letter goes to the
  top of the desk and the writer sees crisis lines first.
- **worth_a_look**: a segment reads as danger but not clearly immediate (risk factors, ambiguous
  stance, past danger that may still be live). A separate desk queue; gentle resources for the
  writer.
- **none**.

If the classifier cannot run (model files missing or changed), the rules still screen and the
result says so in `.version`; a failure of the rules themselves is handled by the caller, which
treats the letter as urgent.
"""

from __future__ import annotations

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
    matches: tuple[Match, ...] = ()  # the rules' phrases: each makes the letter urgent
    signals: tuple[Signal, ...] = ()  # the classifier's passages, most worrying first
    version: str = ""

    @property
    def outcome(self) -> Outcome:
        if self.matches or any(s.urgent for s in self.signals):
            return Outcome.URGENT
        if self.signals:
            return Outcome.WORTH_A_LOOK
        return Outcome.NONE

    @property
    def is_urgent(self) -> bool:
        return self.outcome == Outcome.URGENT

    @property
    def categories(self) -> list[Category]:
        """Distinct categories from both signals, in the Category declaration order."""
        present = {m.category for m in self.matches} | {s.category for s in self.signals}
        return [c for c in Category if c in present]

    @property
    def phrases(self) -> list[tuple[str, int, int]]:
        """What the expert sees highlighted: (phrase, start, end), in letter order."""
        spans = {(m.phrase, m.start, m.end) for m in self.matches}
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


def _signals(text: str) -> tuple[tuple[Signal, ...], str]:
    from dearly.safety import classifier

    head = classifier.get_head()
    scored = classifier.score_segments(text)
    worrying = [s for s in scored if s.danger >= head.danger_threshold]
    def immediate(s) -> bool:
        return s.danger >= head.urgent_danger_threshold and s.urgent >= head.urgent_threshold

    worrying.sort(key=lambda s: (-immediate(s), -s.danger))
    signals, seen = [], set()
    for s in worrying:
        key = (s.segment.start, s.segment.end)
        if key in seen:
            continue
        seen.add(key)
        signals.append(Signal(Category(s.category), s.segment.start, s.segment.end, s.segment.text,
                              round(s.danger, 3), immediate(s)))
        if len(signals) == _MAX_SIGNALS:
            break
    return tuple(signals), classifier.model_version()


def screen(text: str) -> ScreeningResult:
    """Screen one letter. Empty text screens as none; odd text never raises."""
    if not isinstance(text, str):
        raise TypeError(f"screen() expects str, got {type(text).__name__}")
    rules = screen_rules(text)
    if not text.strip():
        return ScreeningResult(rules.matches, (), RULES_VERSION)
    try:
        signals, model = _signals(text)
    except Exception as exc:  # the rules still stand; say so once per process, never the text
        if not _classifier_state["failed"]:
            logger.error("crisis classifier unavailable; screening with rules only",
                         extra={"dearly_error": type(exc).__name__})
            _classifier_state["failed"] = True
        return ScreeningResult(rules.matches, (), f"{RULES_VERSION}+rules-only")
    return ScreeningResult(rules.matches, signals, f"{RULES_VERSION}+{model}")
