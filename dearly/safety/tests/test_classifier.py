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


def test_the_letter_model_was_trained_on_the_letters_head_and_rules_in_the_repository():
    """Changing the development letters, the head or the rules without running
    `manage.py train_screen --letters-only` fails here."""
    from dearly.safety import letter_model

    meta = json.loads(letter_model.MODEL.read_text())
    assert meta["data_sha256"] == letter_model.data_sha256()
    assert meta["features"] == list(letter_model.FEATURES)
    assert len(meta["coef"]) == len(letter_model.FEATURES)
    assert 0.0 < meta["threshold"] < 1.0


def test_the_letter_model_reads_what_a_letter_is_about_from_the_vectors_the_head_already_read():
    import numpy as np

    from dearly.language.encoder import DIMENSIONS
    from dearly.safety import letter_model

    assert letter_model.VECTOR_DIMENSIONS == DIMENSIONS
    text = ("We argue about the dishes most nights. I have started giving my things away to my sister. "
            "The dog will go to my neighbour, it is all arranged. Nobody will have to clean up after me.")
    scored = classifier.score_segments(text)
    assert all(s.vector is not None and s.vector.shape == (DIMENSIONS,) for s in scored)
    x = letter_model.features(text, scored, 0.5, (), (), (), (), "none")
    assert x.shape == (len(letter_model.FEATURES),)
    expected = np.mean([s.vector for s in scored], axis=0)
    assert np.allclose(x[-DIMENSIONS:], expected)
    # The same letter with its segments' vectors unknown (scored otherwise) reads zeros there.
    bare = [classifier.SegmentScore(s.segment, s.category, s.danger, s.urgent, s.probs) for s in scored]
    assert not letter_model.features(text, bare, 0.5, (), (), (), (), "none")[-DIMENSIONS:].any()


LONG_ORDINARY = ("My husband and I argue about whose turn it is to walk the dog. It's silly, but it happens "
                 "every evening. He says I never notice when he does it. I say the same of him. Our "
                 "daughter rolls her eyes at both of us. How do we stop?")


def test_the_letter_model_decides_only_what_the_segment_bar_decided(monkeypatch):
    """Urgent and softened rule phrases and short letters stand; for the rest, the letter model
    says worth a look or none, whatever the segment bar said."""
    from dearly.safety import letter_model

    model = letter_model.get_model()
    monkeypatch.setattr(model, "threshold", 1.1)  # the model never flags
    assert screen("He said he would kill me if I ever left.").outcome == Outcome.URGENT
    assert screen(NO_RULE_KNOWS[2][0]).outcome == Outcome.WORTH_A_LOOK  # one sentence: the bar decides
    _classifier_reads_everything_as(0.97, monkeypatch)  # above every bar, never immediate
    result = screen(LONG_ORDINARY)
    assert result.outcome == Outcome.NONE and result.categories == [] and result.phrases == []
    monkeypatch.undo()
    monkeypatch.setattr(model, "threshold", 0.0)  # the model always flags
    result = screen(LONG_ORDINARY)
    assert result.outcome == Outcome.WORTH_A_LOOK and result.signals  # the most worrying passage is shown
    assert result.version.endswith("+letters")


def test_without_the_letter_model_the_segment_bar_decides_as_before(monkeypatch):
    from dearly.safety import letter_model

    def broken():
        raise FileNotFoundError("letter_model.json")

    monkeypatch.setattr(letter_model, "get_model", broken)
    monkeypatch.setitem(screening._classifier_state, "letter_model_failed", False)
    result = screen(LONG_ORDINARY)
    assert result.outcome == Outcome.NONE and not result.version.endswith("+letters")
    # The classifier's reading stands (not the rules alone): above the bar, worth a look.
    _classifier_reads_everything_as(0.97, monkeypatch)
    result = screen(LONG_ORDINARY)
    assert result.outcome == Outcome.WORTH_A_LOOK and result.signals
    assert result.version.endswith(classifier.model_version())


def test_a_letter_model_that_fails_on_a_letter_leaves_the_classifiers_reading_standing(monkeypatch):
    from dearly.safety import letter_model

    def broken(*args):
        raise ValueError("a feature the model cannot compute")

    monkeypatch.setattr(letter_model, "features", broken)
    monkeypatch.setitem(screening._classifier_state, "letter_model_failed", False)
    _classifier_reads_everything_as(0.97, monkeypatch)
    result = screen(LONG_ORDINARY)
    assert result.outcome == Outcome.WORTH_A_LOOK and result.signals
    assert not result.version.endswith("+rules-only") and not result.version.endswith("+letters")


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


def _classifier_reads_everything_as(danger, monkeypatch):
    """Every segment scored `danger`, so that the rules' part of the screen is tested alone."""
    def fake(text):
        return [classifier.SegmentScore(s, "suicide_self_harm", danger, 0.0) for s in classifier.segments(text)]

    monkeypatch.setattr(classifier, "score_segments", fake)


def test_a_plain_statement_of_danger_is_urgent_even_when_the_classifier_reads_it_as_safe(monkeypatch):
    _classifier_reads_everything_as(0.0, monkeypatch)
    for text in ("I want to kill myself.", "He hit me last night and I'm scared to go home."):
        result = screen(text)
        assert result.outcome == Outcome.URGENT, text
        assert result.matches and not result.set_aside


def test_a_rule_phrase_from_long_ago_is_set_aside_when_the_classifier_reads_it_as_safe(monkeypatch):
    text = "My father took his own life when I was twelve, and I want to tell my wife about it."
    _classifier_reads_everything_as(0.05, monkeypatch)
    result = screen(text)
    assert result.outcome == Outcome.NONE
    assert [m.phrase for m in result.set_aside] == ["took his own life"]
    assert result.phrases == []


def test_a_rule_phrase_from_long_ago_still_counts_when_the_classifier_reads_danger_there(monkeypatch):
    text = "My father took his own life when I was twelve, and I want to tell my wife about it."
    _classifier_reads_everything_as(0.55, monkeypatch)  # above the veto, below the letter's bar
    assert screen(text).outcome == Outcome.WORTH_A_LOOK
    _classifier_reads_everything_as(0.999, monkeypatch)
    assert screen(text).outcome == Outcome.URGENT


def test_a_rule_phrase_from_long_ago_is_worth_a_look_when_that_danger_is_coming_back(monkeypatch):
    _classifier_reads_everything_as(0.05, monkeypatch)
    text = ("Years ago my first husband broke my wrist. I left and remarried. "
            "He is being released next month and I keep checking the windows.")
    result = screen(text)
    assert result.outcome == Outcome.WORTH_A_LOOK
    assert result.softened and not result.set_aside


def test_an_oblique_phrase_in_the_present_is_never_dropped_by_the_classifier(monkeypatch):
    _classifier_reads_everything_as(0.0, monkeypatch)
    result = screen("I'm a burden to everyone in this family.")
    assert result.outcome == Outcome.WORTH_A_LOOK
    assert result.softened and Category.SUICIDE_SELF_HARM in result.categories


def test_without_the_classifier_every_rule_phrase_is_urgent_again(monkeypatch):
    def broken():
        raise FileNotFoundError("screen_model.npz")

    monkeypatch.setattr(classifier, "get_head", broken)
    monkeypatch.setitem(screening._classifier_state, "failed", False)
    assert screen("My father took his own life when I was twelve.").outcome == Outcome.URGENT


def test_a_neighbour_pair_is_read_as_the_mean_of_its_sentences_and_never_encoded(monkeypatch):
    import numpy as np

    from dearly.language import encoder

    seen = []
    real = encoder.encode

    def spy(texts):
        seen.extend(texts)
        return real(texts)

    monkeypatch.setattr(encoder, "encode", spy)
    text = "We argue about the dishes. He sulks for a day. Then we make up."
    segs, vectors = classifier.segment_vectors(text)
    pairs = [i for i, s in enumerate(segs) if s.pair]
    assert len(pairs) == 2 and len(segs) == 5
    assert sorted(seen) == sorted(s.text for s in segs if not s.pair)  # each sentence once
    by_span = {(s.start, s.end): vectors[i] for i, s in enumerate(segs) if not s.pair}
    for i in pairs:
        mean = by_span[segs[i].pair[0]] + by_span[segs[i].pair[1]]
        assert np.allclose(vectors[i], mean / np.linalg.norm(mean), atol=1e-6)
