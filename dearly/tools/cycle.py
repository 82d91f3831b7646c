"""The cycle map: a worksheet that walks one partner through a recent fight, and what it shows.

Pure logic, no models: the six steps and their pick lists (our own words), each person's side
(moves that reach towards the other: pursuing or attacking, or moves that step away:
withdrawing), the pattern a couple's two sides make (attack–attack, pursue–withdraw,
withdraw–withdraw) or what one person's side suggests alone, the sentence that names the loop
("When I …, I feel … and I …; then you feel … and you …"), and the loop drawn as SVG.

The idea behind every word here, from Emotionally Focused Therapy's way of seeing couples: the
moves are protection and protest, the feelings underneath are what the partner never sees, and
the cycle, not the partner, is the enemy.

A map's answers are kept as a plain dict, {step key: {"choices": [...], "other": "...",
"other_kind": "reach" | "withdraw" | ""}}; Map.from_dict() reads one (ignoring what it does not
know) and Map.to_dict() writes one.
"""

from __future__ import annotations

import html
import re
import textwrap
from dataclasses import dataclass, field
from enum import StrEnum

OTHER_MAX_CHARS = 200
SENTENCE_ITEMS = 3  # at most this many picks per part of the sentence, so it stays a sentence


class Side(StrEnum):
    REACH = "reach"  # pursuing or attacking: moving towards the other, to get a response
    WITHDRAW = "withdraw"  # going quiet, leaving, getting logical: moving away, to keep the peace
    MIXED = "mixed"  # as much of one as of the other
    UNKNOWN = "unknown"  # no moves picked yet


@dataclass(frozen=True)
class Choice:
    key: str
    label: str  # in the pick list, first person, past tense ("I pressed for an answer")
    me: str  # in the sentence, first person ("press you for an answer")
    you: str  # in the sentence, second person ("press me for an answer")
    side: Side | None = None  # for moves only


@dataclass(frozen=True)
class Step:
    key: str
    number: int
    title: str
    question: str
    hint: str
    choices: tuple[Choice, ...]
    other_label: str
    asks_side_of_other: bool = False  # "what I did": is your own move a reach or a withdrawal?

    def choice(self, key: str) -> Choice | None:
        return next((c for c in self.choices if c.key == key), None)


def _c(key, label, me, you=None, side=None):
    return Choice(key, label, me, you if you is not None else me, side)


STEPS: tuple[Step, ...] = (
    Step(
        "trigger", 1, "What set it off",
        "Think of one recent moment when things went wrong between you. What happened just before?",
        "Something small is fine: most fights start with something small.",
        (
            _c("no_response", "I reached out and got no response", "reach out and get no response",
               "reach out and get no response"),
            _c("phone", "You looked at your phone while I was talking", "see you look at your phone while I talk",
               "see me look at my phone while you talk"),
            _c("criticized", "I heard a complaint about something I did", "hear a complaint about something I did",
               "hear a complaint about something you did"),
            _c("late", "You were late, or busy, without a word", "wait without a word from you",
               "wait without a word from me"),
            _c("turned_down", "Affection or sex was turned down", "am turned down", "are turned down"),
            _c("plans", "Plans changed without asking me", "find plans changed without me",
               "find plans changed without you"),
            _c("money", "Money came up", "hear money come up", "hear money come up"),
            _c("tone", "A tone of voice, or a look", "catch a tone or a look", "catch a tone or a look"),
        ),
        "Something else set it off",
    ),
    Step(
        "meaning", 2, "What I told myself it meant",
        "In that moment, what did you tell yourself it meant, about you or about the two of you?",
        "The first thought, even if you know now it was not the whole story.",
        (
            _c("dont_matter", "That I don't matter to you", "that I don't matter to you",
               "that you don't matter to me"),
            _c("leaving", "That you are pulling away from me", "that you are pulling away from me",
               "that I am pulling away from you"),
            _c("failing", "That I'm failing you again", "that I'm failing you again", "that you're failing me again"),
            _c("not_respected", "That you don't respect me", "that you don't respect me",
               "that I don't respect you"),
            _c("controlled", "That you want to control me", "that you want to control me",
               "that I want to control you"),
            _c("alone", "That I'm on my own with this", "that I'm on my own with this",
               "that you're on your own with this"),
            _c("not_wanted", "That you don't want me", "that you don't want me", "that I don't want you"),
        ),
        "I told myself something else",
    ),
    Step(
        "showed", 3, "What I showed on the outside",
        "What could your partner see or hear? Not what you felt inside: what showed.",
        "Think of your face, your voice, your body.",
        (
            _c("anger", "Anger", "angry"),
            _c("irritation", "Irritation or impatience", "irritated"),
            _c("cold", "Coldness", "cold"),
            _c("calm", "Calm, as if nothing was wrong", "calm"),
            _c("tears", "Tears", "tearful"),
            _c("sarcasm", "Sarcasm", "sarcastic"),
            _c("blank", "A blank face", "blank"),
            _c("tense", "Tension, a tight voice", "tense"),
        ),
        "Something else showed",
    ),
    Step(
        "did", 4, "What I did",
        "What did you do next? Pick everything that fits.",
        "Some moves reach towards the other (to get a response); some step away (to keep the peace). Both are ways"
        " of protecting something that matters.",
        (
            _c("pressed", "I pressed for an answer", "press you for an answer", "press me for an answer", Side.REACH),
            _c("criticized", "I criticized or blamed", "criticize you", "criticize me", Side.REACH),
            _c("raised_voice", "I raised my voice", "raise my voice", "raise your voice", Side.REACH),
            _c("followed", "I followed you from room to room", "follow you from room to room",
               "follow me from room to room", Side.REACH),
            _c("kept_messaging", "I kept calling or texting", "keep calling or texting you",
               "keep calling or texting me", Side.REACH),
            _c("old_hurts", "I brought up old hurts", "bring up old hurts", "bring up old hurts", Side.REACH),
            _c("went_quiet", "I went quiet", "go quiet", "go quiet", Side.WITHDRAW),
            _c("left", "I left the room or the house", "leave the room", "leave the room", Side.WITHDRAW),
            _c("got_logical", "I got logical and explained", "get logical and explain", "get logical and explain",
               Side.WITHDRAW),
            _c("changed_subject", "I changed the subject", "change the subject", "change the subject",
               Side.WITHDRAW),
            _c("gave_in", "I agreed just to make it stop", "agree just to make it stop",
               "agree just to make it stop", Side.WITHDRAW),
            _c("screen", "I turned to my phone, the TV or work", "turn to my phone or the TV",
               "turn to your phone or the TV", Side.WITHDRAW),
        ),
        "I did something else",
        asks_side_of_other=True,
    ),
    Step(
        "felt", 5, "What I felt underneath",
        "Under what showed, what did you feel? This is the part your partner rarely sees.",
        "Soft feelings are often hidden under hard ones: hurt under anger, fear under calm.",
        (
            _c("hurt", "Hurt", "hurt"),
            _c("afraid", "Afraid", "afraid"),
            _c("lonely", "Lonely", "lonely"),
            _c("ashamed", "Ashamed", "ashamed"),
            _c("not_enough", "Not enough, as if I can never get it right", "not good enough"),
            _c("unwanted", "Unwanted", "unwanted"),
            _c("overwhelmed", "Overwhelmed", "overwhelmed"),
            _c("helpless", "Helpless", "helpless"),
        ),
        "I felt something else",
    ),
    Step(
        "longing", 6, "What I long for",
        "If your partner could give you one thing in that moment, what would it be?",
        "Not what they should stop doing: what you need from them.",
        (
            _c("matter", "To know I matter to you", "to know I matter to you", "to know you matter to me"),
            _c("reassured", "To be reassured that you're staying", "to be reassured that you're staying",
               "to be reassured that I'm staying"),
            _c("accepted", "To be accepted as I am", "to be accepted as I am", "to be accepted as you are"),
            _c("close", "To feel close again", "to feel close again", "to feel close again"),
            _c("good_enough", "To hear I'm doing well by you", "to hear I'm doing well by you",
               "to hear you're doing well by me"),
            _c("safe", "To feel safe with you", "to feel safe with you", "to feel safe with me"),
            _c("peace", "Some calm, without blame", "some calm, without blame", "some calm, without blame"),
            _c("respected", "To be respected", "to be respected", "to be respected"),
        ),
        "I long for something else",
    ),
)
STEP_KEYS = tuple(s.key for s in STEPS)
STEPS_BY_KEY = {s.key: s for s in STEPS}


def step(key_or_number) -> Step:
    if isinstance(key_or_number, int):
        return STEPS[key_or_number - 1]
    return STEPS_BY_KEY[key_or_number]


# Answers ---------------------------------------------------------------------------------------

def _clean_other(text) -> str:
    text = re.sub(r"\s+", " ", str(text or "")).strip()
    return text[:OTHER_MAX_CHARS]


@dataclass(frozen=True)
class StepAnswer:
    choices: tuple[str, ...] = ()
    other: str = ""
    other_kind: str = ""  # for "what I did": Side.REACH or Side.WITHDRAW, or "" when not said

    @property
    def is_empty(self) -> bool:
        return not self.choices and not self.other


@dataclass(frozen=True)
class Map:
    """One person's answers to the six steps."""

    answers: dict = field(default_factory=dict)  # step key -> StepAnswer

    @classmethod
    def from_dict(cls, data) -> Map:
        answers = {}
        data = data if isinstance(data, dict) else {}
        for s in STEPS:
            raw = data.get(s.key)
            if not isinstance(raw, dict):
                continue
            raw_choices = raw.get("choices") or []
            if not isinstance(raw_choices, list | tuple):
                raw_choices = []
            keys = [c.key for c in s.choices]
            picked = tuple(k for k in keys if k in {str(x) for x in raw_choices})  # list order, once each
            kind = raw.get("other_kind", "") if s.asks_side_of_other else ""
            kind = kind if kind in (Side.REACH, Side.WITHDRAW) else ""
            answer = StepAnswer(picked, _clean_other(raw.get("other")), kind)
            if not answer.is_empty:
                answers[s.key] = answer
        return cls(answers)

    def to_dict(self) -> dict:
        out = {}
        for key, a in self.answers.items():
            out[key] = {"choices": list(a.choices), "other": a.other}
            if a.other_kind:
                out[key]["other_kind"] = a.other_kind
        return out

    def get(self, key: str) -> StepAnswer:
        return self.answers.get(key, StepAnswer())

    def with_answer(self, key: str, answer: StepAnswer) -> Map:
        return Map.from_dict({**self.to_dict(), key: {"choices": list(answer.choices), "other": answer.other,
                                                      "other_kind": answer.other_kind}})

    @property
    def steps_done(self) -> int:
        return sum(1 for key in STEP_KEYS if not self.get(key).is_empty)

    @property
    def is_complete(self) -> bool:
        """Enough to draw the loop: what I did and what I felt underneath."""
        return not self.get("did").is_empty and not self.get("felt").is_empty

    def picked(self, key: str) -> list[Choice]:
        s = STEPS_BY_KEY[key]
        return [s.choice(k) for k in self.get(key).choices]

    def labels(self, key: str) -> list[str]:
        """What was picked at a step, as the pick list says it, "other" text last."""
        answer = self.get(key)
        return [c.label for c in self.picked(key)] + ([answer.other] if answer.other else [])

    def all_text(self) -> str:
        """Everything this person typed (the "other" boxes), for the safety screen."""
        return "\n".join(a.other for a in self.answers.values() if a.other)


# Sides and patterns ------------------------------------------------------------------------------

def side_counts(m: Map) -> tuple[int, int]:
    """(moves that reach, moves that withdraw), counting an "other" move by what its author said."""
    did = m.get("did")
    reach = sum(1 for c in m.picked("did") if c.side == Side.REACH)
    withdraw = sum(1 for c in m.picked("did") if c.side == Side.WITHDRAW)
    if did.other and did.other_kind == Side.REACH:
        reach += 1
    elif did.other and did.other_kind == Side.WITHDRAW:
        withdraw += 1
    return reach, withdraw


def side_of(m: Map) -> Side:
    reach, withdraw = side_counts(m)
    if reach == withdraw:
        return Side.UNKNOWN if reach == 0 else Side.MIXED
    return Side.REACH if reach > withdraw else Side.WITHDRAW


ENEMY = ("The cycle, not your partner, is the enemy. Each of you is protecting something that matters, and each "
         "move makes sense from the inside. When you can both say “here comes the cycle again”, you are on the "
         "same side, facing it together.")


@dataclass(frozen=True)
class Pattern:
    key: str
    name: str
    summary: str  # one sentence
    explanation: str  # a short paragraph in plain words
    search_text: str  # what the column is asked for answers about it
    topic_slugs: tuple[str, ...] = ()  # the column's topics about it, under the slugs they may have


PATTERNS = {
    "pursue-withdraw": Pattern(
        "pursue-withdraw", "Pursue–withdraw",
        "One of you reaches, the other retreats, and each move sets off the other's.",
        "The one who reaches is protesting the distance: “Are you there? Do I matter?” The one who retreats is "
        "trying to keep things from getting worse, and going quiet feels like the safest move. But the retreat "
        "looks like not caring, so the reaching gets louder, and the louder reaching makes retreat feel even more "
        "necessary. It is the most common loop couples get caught in, and one of the best understood.",
        "my partner goes quiet and leaves the room when I try to talk; the more I reach the more they withdraw",
        ("pursue-withdraw", "pursuewithdraw"),
    ),
    "attack-attack": Pattern(
        "attack-attack", "Attack–attack",
        "Both of you push at once, and fights climb fast.",
        "When one of you feels unheard, you push; the other hears an attack and pushes back. Voices rise, old "
        "hurts come out, and both of you end up feeling more alone than before. Under the heat, each of you is "
        "usually asking the same thing: do I matter to you? This loop often burns out into both of you stepping "
        "back, so it is worth catching early.",
        "we both criticize and yell, every argument escalates into blaming each other",
        ("communication",),
    ),
    "withdraw-withdraw": Pattern(
        "withdraw-withdraw", "Withdraw–withdraw",
        "Both of you step back: few fights, and little closeness.",
        "Each of you has learned that reaching out is risky, so you keep the peace and drift apart. From the "
        "outside it can look calm; from the inside it often feels lonely, like living with a kind roommate. "
        "This loop can follow years of the other two, when both have stopped reaching. It can change, and the "
        "first step is usually one small, safe reach.",
        "we live like roommates, we never fight but we are not close any more, both of us avoid talking",
        ("emotional-disconnection",),
    ),
    "mixed": Pattern(
        "mixed", "A loop that changes shape",
        "Sometimes you reach and sometimes you step back.",
        "Many people do both: reach hard, get no answer, then shut down to stop the hurt. Your moves do not fall "
        "clearly on one side, so look at which comes first in your fights, and which your partner sees most.",
        "sometimes I chase my partner and sometimes I shut down and withdraw",
        ("pursue-withdraw", "pursuewithdraw"),
    ),
}

# What one person's side suggests before their partner has shared a map.
ALONE = {
    Side.REACH: (
        "Your moves reach towards your partner",
        "When things go wrong you move towards: you press, protest or follow, to get a response. That is the "
        "pursuing side of a loop. It often meets a partner who steps back (pursue–withdraw), and sometimes one who "
        "pushes back (attack–attack). The protest carries a message worth hearing under it: what you long for.",
    ),
    Side.WITHDRAW: (
        "Your moves step away",
        "When things go wrong you move away: you go quiet, leave or get logical, to keep things from getting worse. "
        "That is the withdrawing side of a loop. It often meets a partner who presses harder (pursue–withdraw), "
        "and sometimes one who steps back too (withdraw–withdraw). Stepping away is usually protection, though a "
        "partner tends to read it as not caring.",
    ),
    Side.MIXED: (
        "Your moves go both ways",
        "You reach and you step back about equally. Many people do both: reach hard, then shut down when reaching "
        "does not work. Notice which comes first in your fights.",
    ),
    Side.UNKNOWN: (
        "Your side is not clear yet",
        "Pick what you did at step 4, or say whether your own words there move towards your partner or away, "
        "and your side of the loop will show.",
    ),
}


def pattern_for(mine: Side, yours: Side) -> Pattern | None:
    """The pattern two sides make, or None while either side is unknown."""
    if Side.UNKNOWN in (mine, yours):
        return None
    if Side.MIXED in (mine, yours):
        return PATTERNS["mixed"]
    if mine == yours:
        return PATTERNS["attack-attack"] if mine == Side.REACH else PATTERNS["withdraw-withdraw"]
    return PATTERNS["pursue-withdraw"]


def name_pattern(mine: Map, yours: Map | None = None) -> Pattern | None:
    return pattern_for(side_of(mine), side_of(yours)) if yours is not None else None


def what_my_side_suggests(mine: Map) -> tuple[str, str]:
    """(heading, paragraph) for one person's map read alone."""
    return ALONE[side_of(mine)]


def likely_patterns(mine: Map) -> list[Pattern]:
    """The patterns one person's side is part of, most common first: what to read about alone."""
    return {
        Side.REACH: [PATTERNS["pursue-withdraw"], PATTERNS["attack-attack"]],
        Side.WITHDRAW: [PATTERNS["pursue-withdraw"], PATTERNS["withdraw-withdraw"]],
        Side.MIXED: [PATTERNS["mixed"], PATTERNS["pursue-withdraw"]],
        Side.UNKNOWN: [],
    }[side_of(mine)]


# The sentence ------------------------------------------------------------------------------------

def join_words(items: list[str]) -> str:
    """"a", "a and b", "a, b and c"."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _quoted(text: str) -> str:
    return f"“{text}”"


def _parts(m: Map, key: str, person: str) -> list[str]:
    """A step's picks as sentence parts for "me" or "you", the other text quoted, at most
    SENTENCE_ITEMS (the first picks, the other text kept when there is room)."""
    parts = [getattr(c, person) for c in m.picked(key)]
    other = m.get(key).other
    if other:
        parts = parts[: SENTENCE_ITEMS - 1] + [_quoted(other)]
    return parts[:SENTENCE_ITEMS]


def sentence(mine: Map, yours: Map | None = None) -> str:
    """"When I tell myself …, I feel … and I …; then you feel … and you …." The second half
    comes from the partner's own shared map; without one the sentence ends after mine."""
    triggers = [c.me for c in mine.picked("trigger")][:2]
    meaning = _parts(mine, "meaning", "me")
    felt = _parts(mine, "felt", "me")
    did = _parts(mine, "did", "me")
    if triggers:
        opening = f"When I {join_words(triggers)}"
    elif meaning:
        opening = f"When I tell myself {join_words(meaning)}"
    else:
        opening = "When things go wrong between us"
    if not (felt or did):
        return ""
    if felt and did:
        mine_part = f"{opening}, I feel {join_words(felt)}, and I {join_words(did)}"
    elif felt:
        mine_part = f"{opening}, I feel {join_words(felt)}"
    else:
        mine_part = f"{opening}, I {join_words(did)}"
    if yours is None:
        return mine_part + "."
    your_felt = _parts(yours, "felt", "you")
    your_did = _parts(yours, "did", "you")
    if not (your_felt or your_did):
        return mine_part + "."
    then = "then you"
    if your_felt:
        then += f" feel {join_words(your_felt)}"
        if your_did:
            then += f", and you {join_words(your_did)}"
    else:
        then += f" {join_words(your_did)}"
    return f"{mine_part}; {then}."


# The loop, drawn ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class LoopNode:
    heading: str
    items: tuple[str, ...]
    known: bool = True


def loop_nodes(mine: Map, yours: Map | None = None) -> list[LoopNode]:
    """The four stations of the loop, in order: my moves → your feelings → your moves → my
    feelings (→ my moves again). The partner's stations are empty until they share a map."""
    waiting = ("shared when your partner shares their map",)
    empty = ("not filled in yet",)

    def items(m: Map, key: str, person: str) -> tuple[str, ...]:
        said = [getattr(c, person) for c in m.picked(key)]
        return tuple(said + ([_quoted(m.get(key).other)] if m.get(key).other else [])) or empty

    return [
        LoopNode("What I do", items(mine, "did", "me")),
        LoopNode("What you feel underneath", items(yours, "felt", "you") if yours else waiting, yours is not None),
        LoopNode("What you do", items(yours, "did", "you") if yours else waiting, yours is not None),
        LoopNode("What I feel underneath", items(mine, "felt", "me")),
    ]


def text_equivalent(mine: Map, yours: Map | None = None) -> str:
    """The loop in words, for the SVG's description and for anyone who cannot see the picture."""
    nodes = loop_nodes(mine, yours)
    parts = [f"{n.heading}: {join_words(list(n.items)) if n.known else 'not shared yet'}" for n in nodes]
    return "; ".join(parts) + "; and round again to what I do."


_E = html.escape  # quote=True: &, <, >, " and ' all escaped, so user text is inert in text and attributes

# The loop is drawn top to bottom, one station under the other, with the way back up on the
# right: it reads at phone width (where a ring of four boxes shrinks its words to nothing) and
# in the order a screen reader gives the description.
BOX_W, BOX_H, GAP, LEFT, TOP = 280, 112, 34, 16, 16
WIDTH = LEFT + BOX_W + 64
HEIGHT = TOP + 4 * BOX_H + 3 * GAP + 56
LINE_CHARS, MAX_LINES = 36, 4


def _box_top(i: int) -> int:
    return TOP + i * (BOX_H + GAP)


def _box_lines(node: LoopNode) -> list[str]:
    if not node.known:
        return textwrap.wrap(" ".join(node.items), LINE_CHARS)[:MAX_LINES]
    lines = []
    for item in node.items:
        wrapped = textwrap.wrap(item, LINE_CHARS) or [""]
        lines.append("• " + wrapped[0])
        lines.extend("  " + w for w in wrapped[1:])
    if len(lines) > MAX_LINES:
        lines = lines[: MAX_LINES - 1] + [f"… and {len(node.items) - _items_in(lines[: MAX_LINES - 1])} more"]
    return lines


def _items_in(lines: list[str]) -> int:
    return sum(1 for line in lines if line.startswith("•"))


def loop_svg(mine: Map, yours: Map | None = None, *, id_prefix: str = "loop") -> str:
    """The loop as an inline SVG: four stations one under the other joined by arrows, and the
    way back round from the last to the first; "the cycle is the enemy" at the foot. role="img"
    with a <title> and a <desc> (the text equivalent); everything a person typed is escaped."""
    pid = re.sub(r"[^a-zA-Z0-9_-]", "", id_prefix) or "loop"
    title = "Our cycle" if yours is not None else "My side of the cycle"
    grey = "#57606a"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" class="cycle-loop" '
        f'aria-labelledby="{pid}-title {pid}-desc">',
        f'<title id="{pid}-title">{_E(title)}</title>',
        f'<desc id="{pid}-desc">{_E(text_equivalent(mine, yours))}</desc>',
        f'<defs><marker id="{pid}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" '
        f'orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="{grey}"/></marker></defs>',
    ]
    middle = LEFT + BOX_W / 2
    for i in range(3):  # down from each station to the next
        y1, y2 = _box_top(i) + BOX_H + 2, _box_top(i + 1) - 3
        out.append(f'<path d="M{middle:.0f} {y1}L{middle:.0f} {y2}" stroke="{grey}" stroke-width="2" '
                   f'marker-end="url(#{pid}-arrow)"/>')
    # ... and from the last back up to the first, round the right-hand side.
    right, bend = LEFT + BOX_W + 2, LEFT + BOX_W + 44
    y_last, y_first = _box_top(3) + BOX_H / 2, _box_top(0) + BOX_H / 2
    out.append(f'<path d="M{right} {y_last:.0f}C{bend} {y_last:.0f} {bend} {y_last:.0f} {bend} {y_last - 40:.0f}'
               f'L{bend} {y_first + 40:.0f}C{bend} {y_first:.0f} {bend} {y_first:.0f} {right + 3} {y_first:.0f}" '
               f'fill="none" stroke="{grey}" stroke-width="2" marker-end="url(#{pid}-arrow)"/>')
    for i, node in enumerate(loop_nodes(mine, yours)):
        top = _box_top(i)
        mine_box = i in (0, 3)
        fill = "#fff" if node.known else "#f6efe6"
        stroke = "#8a3b2e" if mine_box else "#1a5fb4"
        dash = "" if node.known else ' stroke-dasharray="6 4"'
        out.append(f'<g class="station"><rect x="{LEFT}" y="{top}" width="{BOX_W}" height="{BOX_H}" rx="10" '
                   f'fill="{fill}" stroke="{stroke}" stroke-width="2"{dash}/>')
        out.append(f'<text x="{LEFT + 12}" y="{top + 24}" font-weight="700" font-size="15" fill="#1f2328">'
                   f'{_E(node.heading)}</text>')
        for n, line in enumerate(_box_lines(node)):
            out.append(f'<text x="{LEFT + 12}" y="{top + 46 + n * 18}" font-size="14" fill="#1f2328" '
                       f'xml:space="preserve">{_E(line)}</text>')
        out.append("</g>")
    out.append(f'<text x="{middle:.0f}" y="{HEIGHT - 18}" text-anchor="middle" font-size="14" font-style="italic" '
               f'fill="{grey}">The cycle is the enemy, not each other</text>')
    out.append("</svg>")
    return "".join(out)
