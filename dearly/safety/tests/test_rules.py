"""Tests for the crisis screen's rules (dearly/safety/rules.py), the screen's first signal.

The rules are tested alone here, phrase by phrase; the screen as a whole (rules and classifier,
three outcomes) is tested in test_classifier.py. Plain pytest, no Django needed:
    .venv/bin/python -m pytest -p no:django dearly/safety/tests/test_rules.py -q
"""

import dataclasses

import pytest

from dearly.safety.rules import RULES_VERSION, Category
from dearly.safety.rules import screen_rules as screen
from dearly.safety.tests.screening_set import HARD_NEGATIVES, LETTERS

S = Category.SUICIDE_SELF_HARM
A = Category.ABUSE_AT_HOME
C = Category.CHILD_AT_RISK
H = Category.HARM_TO_OTHERS


def _describe(text: str) -> str:
    result = screen(text)
    found = ", ".join(f"{m.category.value}: {m.phrase!r}" for m in result.matches) or "nothing"
    return f"  - {text}\n      matched: {found}"


# --- The labelled set -------------------------------------------------------


def test_the_labelled_set_is_large_and_varied_enough_to_mean_something():
    positives = [expected for _, expected in LETTERS if expected]
    assert len(LETTERS) >= 170
    assert len(positives) >= 70
    assert len(HARD_NEGATIVES) >= 50
    assert all(not expected for _, expected in HARD_NEGATIVES)
    for category in Category:
        assert sum(category in expected for expected in positives) >= 12, category
    assert sum(len(expected) > 1 for expected in positives) >= 8  # letters with two or more categories
    assert len({text for text, _ in LETTERS}) == len(LETTERS), "duplicate letters in the set"


def test_recall_is_complete_on_the_labelled_set():
    missed: dict[Category, list[str]] = {category: [] for category in Category}
    for text, expected in LETTERS:
        got = set(screen(text).categories)
        for category in expected - got:
            missed[category].append(text)
    report = "\n".join(
        f"{category.value}: missed {len(texts)}\n" + "\n".join(_describe(t) for t in texts)
        for category, texts in missed.items()
        if texts
    )
    if report:
        print(report)
    assert not report, f"recall below 100%:\n{report}"


def test_precision_is_at_least_85_percent_per_category():
    failures = []
    for category in Category:
        flagged = [(text, expected) for text, expected in LETTERS if category in screen(text).categories]
        wrong = [text for text, expected in flagged if category not in expected]
        precision = (len(flagged) - len(wrong)) / len(flagged) if flagged else 0.0
        if precision < 0.85:
            failures.append(
                f"{category.value}: precision {precision:.1%} ({len(wrong)} false positives of {len(flagged)})\n"
                + "\n".join(_describe(t) for t in wrong)
            )
    report = "\n".join(failures)
    if report:
        print(report)
    assert not report, report


# --- Focused behaviour ------------------------------------------------------


def test_it_returns_the_phrase_that_matched():
    text = "We\u2019ve been married nine years.   Last night he put his hands\n around my neck. I didn\u2019t sleep."
    result = screen(text)

    assert result.is_urgent
    assert result.categories == [A]
    [match] = result.matches
    assert match.phrase == "hands\n around my neck"  # the letter as written, not the normalised text
    assert text[match.start : match.end] == match.phrase


def test_every_match_on_the_labelled_set_points_at_its_own_text():
    for text, _ in LETTERS:
        for match in screen(text).matches:
            assert text[match.start : match.end] == match.phrase
            assert match.phrase and match.phrase == match.phrase.strip()


COMMON_IDIOMS = [
    "This fight is killing me.",
    "Our sex life is dead.",
    "I could kill him for forgetting our anniversary.",
    "I'm dying to know what you think.",
    "The silence is suffocating.",
    "My mother-in-law is smothering.",
    "He blew up at me about the dishes.",
    "The kids are killing me with the noise.",
    "I'm dead tired.",
    "I wanted to die of embarrassment.",
    "We fight like cats and dogs.",
    "He shot down my idea.",
    "She took my side.",
    "Our marriage is on a knife-edge.",
    "He hit the roof.",
    "She's a knockout.",
    "I hit rock bottom financially.",
    "Move his mother in? Over my dead body.",
    "Cut me some slack.",
    "My wife would kill me if she knew I wrote to you.",
    "My girlfriend beats me at chess every time.",
    "It hit me last night that I don't like his friends.",
    "He only hits me up when he's bored.",
    "I want to end it with him, but we share a lease.",
    "I've decided to end the marriage.",
    "I don't want to live with him anymore.",
    "I'm afraid of hurting his feelings.",
    "I'm worried I'll hurt him if I tell him the truth.",
    "How do I make him pay his share of the rent?",
    "He pushed me to apply for the job.",
    "He has never hit me, he just sulks.",
    "Those texts were the smoking gun.",
    # Near misses that once screened positive (kept as regressions).
    "I'm scared of my husband's reaction when he sees the credit card bill.",
    "He says his mother is emotionally abusive, but she seems lovely to me.",
    "He picked me up and threw me over his shoulder at the beach.",
    "He said I'll regret not going to his sister's wedding.",
    "After the divorce I gave away most of my things and moved to a tiny flat.",
    "It hurts my kids when we fight in front of them.",
    "He hurt my son's feelings.",
    "My husband beat the kids at Mario Kart again.",
    "I'm not allowed to mention his ex, apparently.",
    "My partner shot me down when I suggested counselling.",
    # Traps beside the fifth round's kinds (rules 2026.11-6).
    "When we argue about money he takes the bills out and puts them on the kitchen table between us.",
    "She threw things into a bag and left for her mother's.",
    "I gave the bottle a good shake before the feed.",
    "I shook the rug out until it was clean and the dog went quiet.",
    "I told her not to tell her dad about the dent in the car.",
    "Grandma told him not to mention the surprise party to me.",
    "My son hides behind the sofa when we play hide and seek.",
    "I hold the hot iron to my shirt collar for a second longer than I should.",
    "We were going to ring you but we weren't sure.",
    "In the pantomime my husband hits him with a slipper every night, the villain I mean.",
    "He says he'll sort the paperwork out once and for all this weekend.",
]


@pytest.mark.parametrize("text", COMMON_IDIOMS)
def test_common_idioms_are_not_urgent(text):
    assert not screen(text).is_urgent, _describe(text)


INDIRECT_SUICIDAL = [
    "Everyone would be better off without me.",
    "I don't see the point of going on.",
    "I've been giving my things away.",
    "I just want to sleep and not wake up.",
    "I wish I hadn't woken up this morning.",
    "If I died tomorrow, nobody would notice.",
    "I'm a burden to everyone.",
    "I don\u2019t want to be here anymore.",
    "I've thought about ending it all.",
    "I won't be around much longer.",
    "I have nothing left to live for.",
    "I've started stockpiling my pills.",
    "I've been stashing my painkillers behind the towels.",
    "My sleeping tablets are in a tin in the shed instead of taking them.",
    "I keep thinking about driving into a tree.",
    "I've said my goodbyes.",
    "It would be easier for everyone if I just wasn't here.",
    "I've started cutting again.",
    "My husband says he's been thinking about killing himself.",
]


@pytest.mark.parametrize("text", INDIRECT_SUICIDAL)
def test_indirect_suicidal_phrasings_are_urgent(text):
    assert S in screen(text).categories, _describe(text)


INDIRECT_OTHERS = [
    ("He took my keys and my phone.", A),
    ("He checks where I go and won't let me see my sister.", A),
    ("He put his hands around my neck.", A),
    ("He keeps a gun in the nightstand and says I'll regret leaving.", A),
    ("He pushed me down the stairs.", A),
    ("I'm not allowed to see my friends.", A),
    ("He said if I ever leave he'll find me.", A),
    ("My daughter is scared of him when he drinks.", C),
    ("He hits the kids.", C),
    ("He beat me in front of the children.", C),
    ("I'm afraid I'll hurt him.", H),
    ("Sometimes I think about making her pay.", H),
    ("I don't trust myself around her anymore.", H),
    ("My ex-wife tried to run me over with her car.", A),
    ("He's emotionally abusive.", A),
    ("She says she'll take the kids and I'll never see them again.", A),
    ("My boyfriend yells at my son and last week he slapped him.", C),
    ("I took too many pills last night.", S),
    ("I want him dead.", H),
    ("The baby was screaming so I shook him to make him stop.", C),
    ("We'll catch him outside the club and make sure he can't walk for a month.", H),
    # Kinds of danger the fifth round's development set showed without the words the rules knew.
    ("i go in the bathroom and press a lighter to my wrist till it blisters", S),  # self-harm by burning
    ("Last week I took everything from the medicine cupboard and my flatmate found me.", S),  # an attempt
    ("He pushed me into the banister and I couldn't lift my arm for a week.", A),
    ("My partner hides my inhaler when I disagree with her.", A),  # medicine withheld
    ("He keeps a rifle in the wardrobe. When we row he gets it out and lays it on the table between us.", A),
    ("My girlfriend smashes plates when she is angry.", A),  # things thrown or smashed in anger
    ("When the baby won't settle he gives her a little shake to quiet her.", C),
    # 2026.11-7: shaken until the baby went quiet, limp or floppy.
    ("The baby wouldn't stop crying so my partner shook him really hard until he went quiet and floppy.", C),
    ("Her stepfather told her not to tell anyone about their drives.", C),  # a secret with an adult
    ("She said it's their secret and went bright red.", C),
    ("He freezes when his uncle comes in the room.", C),  # a child hiding from one adult
    ("I've been looking up which poisons don't show up in a post-mortem.", H),
    ("im gonna make sure he cant walk for a while", H),  # texting without apostrophes
    ("Our son is seven. His father beats him with a slipper when he answers back.", C),
    ("He keeps a shotgun in the barn and says the neighbour has it coming and he will settle him once and for all.", H),
]


def test_texting_without_apostrophes_reads_like_the_words_with_them():
    assert S in screen("i dont want to be here anymore").categories
    assert A in screen("im scared of him when he drinks").categories
    match = screen("ok so i cant go on anymore").matches[0]
    assert match.phrase == "cant go on"  # the span is the letter as written
    assert not screen("we were tired and went to bed").matches


def test_a_child_who_used_to_love_someone_is_a_change_not_the_past():
    changed = screen("She hides behind me when my father comes round, and she used to love her grandad.").matches
    assert changed and not any(m.distanced for m in changed)
    past = screen("My dad used to hit me when I was small.").matches
    assert past and all(m.distanced for m in past)


def test_violence_said_in_a_clause_of_its_own_is_seen_and_comes_back_into_view_with_the_ex():
    matches = screen("My ex-wife, who used to hit me, has moved back to our town and asks about me.").matches
    assert [m.category for m in matches] == [A]
    assert matches[0].distanced and matches[0].revived


def test_an_old_rule_phrase_comes_back_into_view_when_the_urge_does():
    returning = screen("I used to hurt myself at uni. Lately the urge has come back most evenings.").matches
    assert returning and all(m.revived for m in returning)
    resolved = screen("I used to hurt myself at uni. I've been well for years.").matches
    assert resolved and not any(m.revived for m in resolved)


@pytest.mark.parametrize(("text", "category"), INDIRECT_OTHERS)
def test_indirect_abuse_child_and_harm_phrasings_are_urgent(text, category):
    assert category in screen(text).categories, _describe(text)


def test_curly_apostrophes_are_handled():
    straight = screen("I don't want to be alive anymore. He won't let me see my mum.")
    curly = screen("I don\u2019t want to be alive anymore. He won\u2019t let me see my mum.")

    assert curly.categories == straight.categories == [S, A]
    assert [(m.start, m.end) for m in curly.matches] == [(m.start, m.end) for m in straight.matches]
    assert any("\u2019" in m.phrase for m in curly.matches)  # reported as written
    assert screen("He said \u201cyou\u2019ll regret leaving\u201d.").categories == [A]


def test_case_and_spacing_do_not_matter():
    assert screen("HE  TOOK   MY\tKEYS AND MY PHONE").categories == [A]
    assert screen("My fianc\u00e9 slapped me.").categories == [A]


def test_empty_text_is_not_urgent():
    for text in ["", "   ", "\n\t \u00a0"]:
        result = screen(text)
        assert not result.is_urgent
        assert result.matches == ()
        assert result.categories == []


def test_categories_are_distinct_and_in_declaration_order():
    result = screen(
        "He hits me and the kids. He hits me every week. I've started to think about not being here anymore."
    )
    assert result.categories == [S, A, C]
    assert len([m for m in result.matches if m.category == A]) >= 2


def test_a_denied_act_is_not_urgent_but_a_promise_not_to_repeat_it_is():
    assert not screen("He has never hit me.").is_urgent
    assert not screen("I don't think he would ever hit me.").is_urgent
    assert screen("He promised he'd never hit me again.").categories == [A]
    assert screen("He doesn't hit me anymore, but he still scares me.").categories == [A]
    assert screen("I don't know why, but he hit me.").categories == [A]


def test_ending_the_relationship_is_not_suicidal_but_ending_it_all_is():
    assert not screen("I want to end it.").is_urgent
    assert not screen("I want to end things with her.").is_urgent
    assert screen("I want to end it all.").categories == [S]


def test_results_are_immutable_and_versioned():
    result = screen("He hits me.")
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.matches = ()  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.matches[0].phrase = "x"  # type: ignore[misc]
    assert isinstance(RULES_VERSION, str) and RULES_VERSION


# --- Explicit phrases (urgent whatever the classifier reads) ----------------


@pytest.mark.parametrize("text", [
    "I want to kill myself.",
    "i wanna die tonight",
    "He hit me last night and my lip is still swollen.",
    "He said he would kill me if I ever left.",
    "He put his hands round my throat until I couldn't breathe.",
    "I'm going to kill my ex, I know where she parks.",
])
def test_a_plain_statement_of_live_danger_is_explicit(text):
    matches = screen(text).matches
    assert matches and any(m.explicit for m in matches), _describe(text)


@pytest.mark.parametrize("text", [
    "My father took his own life when I was twelve.",  # someone else's death, long ago
    "Twenty years ago my ex-husband used to hit me; I'm safe now.",  # the past
    "In my twenties I tried to end my life, and I've been well for a long time.",
    "If one of us had thoughts of hurting themselves, would the therapist tell anyone?",  # a question
    "One more seating plan and I'll jump off a bridge, haha.",  # a joke
    "I'm a nurse and we had three overdoses on the night shift.",  # a job
])
def test_a_phrase_that_may_not_be_live_is_left_for_the_classifier_to_read(text):
    matches = screen(text).matches
    assert matches, "the rule still sees the phrase"
    assert not any(m.explicit for m in matches), _describe(text)
