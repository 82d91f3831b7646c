"""The screen's classifier: what it adds to the rules, how it fails safe, and that its weights
come from the data in the repository."""

import json

import pytest

from dearly.safety import classifier, screening, train
from dearly.safety.rules import screen_rules
from dearly.safety.screening import Category, Outcome, screen

# Written for this test (not from any set the classifier was trained or tuned on): phrasings
# that no hand-written rule knows.
NO_RULE_KNOWS = [
    ("I've been putting my sleeping tablets aside in an envelope for a while now, and tonight "
     "I counted them.", Category.SUICIDE_SELF_HARM),
    ("I sat on the railing of the car park roof for an hour last night.", Category.SUICIDE_SELF_HARM),
    ("My stepfather keeps telling my little sister that their bath time games are a secret just "
     "for them.", Category.CHILD_AT_RISK),
    ("He checks the mileage on my car every evening and takes my bank card when I go out.",
     Category.ABUSE_AT_HOME),
]


@pytest.mark.parametrize("text, category", NO_RULE_KNOWS)
def test_the_classifier_catches_what_no_rule_knows(text, category):
    assert not screen_rules(text).matches  # the rules alone would let it through
    result = screen(text)
    assert result.outcome in (Outcome.URGENT, Outcome.WORTH_A_LOOK)
    assert category in result.categories
    assert result.signals and result.signals[0].phrase in text


def test_an_ordinary_letter_screens_as_none():
    result = screen("My husband and I argue about whose turn it is to walk the dog. "
                    "It's silly, but it happens every evening. How do we stop?")
    assert result.outcome == Outcome.NONE
    assert not result.is_urgent and result.categories == []


def test_the_outcome_is_one_of_three_words():
    assert {o.value for o in Outcome} == {"urgent", "worth_a_look", "none"}
    assert screen("").outcome == "none"


def test_a_rule_match_is_always_urgent_whatever_the_classifier_says():
    result = screen("He said he would kill me if I ever left.")
    assert result.matches and result.outcome == Outcome.URGENT


def test_if_the_classifier_cannot_load_the_rules_still_screen(monkeypatch):
    def broken():
        raise FileNotFoundError("screen_model.npz")

    monkeypatch.setattr(classifier, "get_head", broken)
    monkeypatch.setitem(screening._classifier_state, "failed", False)
    result = screen("He said he would kill me if I ever left.")
    assert result.is_urgent and result.version.endswith("rules-only")
    assert screen("We argue about the dishes.").outcome == Outcome.NONE


def test_segments_cover_sentences_windows_of_run_on_text_and_neighbour_pairs():
    text = "First sentence here. Second one follows. " + " ".join(["word"] * 60)
    pieces = classifier.segments(text)
    assert any(p.text == "First sentence here." for p in pieces)
    assert any(p.text == "First sentence here. Second one follows." for p in pieces)
    assert all(len(p.text.split()) <= classifier.LONG_SENTENCE_WORDS * 2 + 5 for p in pieces)
    for p in pieces:
        assert text[p.start:p.end] == p.text


def test_the_weights_were_trained_on_the_data_in_the_repository():
    """Changing the training data without running `manage.py train_screen` fails here."""
    meta = json.loads(classifier.META.read_text())
    assert meta["data_sha256"] == train.data_sha256()
    assert meta["encoder"] == "all-MiniLM-L6-v2-int8"
    assert set(meta["thresholds"]) >= {"worth_a_look", "urgent"}


def test_training_data_rows_are_well_formed(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "x", "category": "suicide_self_harm", "outcome": "none"}\n')
    with pytest.raises(ValueError, match="bad.jsonl:1"):
        train.load_rows(tmp_path)
    rows, _ = train.load_rows()
    assert len(rows) > 3000
    assert {r["category"] for r in rows} == set(classifier.CLASSES)


def test_the_whole_screen_still_flags_every_crisis_letter_the_rules_were_written_for():
    from dearly.safety.tests.screening_set import LETTERS

    missed = [text for text, expected in LETTERS if expected and screen(text).outcome == Outcome.NONE]
    assert missed == []
