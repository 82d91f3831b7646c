"""Hybrid retrieval over the column: meaning as well as words, and nothing when nothing is close."""

from datetime import timedelta

import pytest
from django.utils import timezone

from dearly.column import demo, search
from dearly.column.search import similar_articles, suggest_topics
from dearly.column.services import create_article
from dearly.lib import retrieval
from dearly.lib import vectors as vectors_module

ARTICLES = [
    ("My husband goes silent whenever I bring up a problem",
     "Every time I try to talk about something that bothers me, my husband shuts down. He stares at his "
     "phone, says 'fine', and leaves the room. The more I push, the quieter he gets.", ["Communication"]),
    ("Her mother has a key to our flat",
     "My mother-in-law lets herself into our home whenever she likes, rearranges the kitchen and "
     "comments on how we live. My wife says she means well.", ["In-laws"]),
    ("We never have sex any more since the baby",
     "Since our daughter was born two years ago we have had sex maybe three times. I miss being close "
     "to my wife but she says she is touched out by the end of the day.", ["Sex and intimacy"]),
    ("He spends money we don't have",
     "My partner bought a new car on credit without telling me, and now I found three credit cards in "
     "his name with debt on them. I feel lied to.", ["Money"]),
]
FILLER_TOPICS = ["Trust", "Parenting", "Work", "Friends", "Holidays", "Chores"]


@pytest.fixture
def column(db):
    made = []
    for i, (title, letter, topics) in enumerate(ARTICLES):
        made.append(create_article(title=title, letter=letter, answer="An answer.", topics=topics,
                                   publish_at=timezone.now() - timedelta(days=i + 1)))
    # More answers on other things, so that closeness has a baseline to stand out from.
    others = [
        "We can't agree where to spend the holidays, his family or mine, every single year.",
        "My best friend and my girlfriend don't get on and I'm stuck in the middle.",
        "My husband works nights and we barely see each other during the week.",
        "Our teenage son refuses to do any chores and my wife and I disagree about punishments.",
        "I'm jealous of my partner's friendship with her ex and I don't know if it's fair.",
        "We are planning to move in together and argue about whose furniture to keep.",
    ]
    for i, letter in enumerate(others):
        made.append(create_article(title=f"Another question {i}", letter=letter, answer="An answer.",
                                   topics=[FILLER_TOPICS[i]], publish_at=timezone.now() - timedelta(days=10 + i)))
    return made


def test_a_letter_in_other_words_finds_the_answer_about_the_same_thing(db):
    # A whole letter: a couple of sentences are held to the same bar and seldom reach it alone.
    # Against the column's own answers (the demo's, letters of several paragraphs): the answers of
    # a sentence or two above are further from any letter than a column's are (this one's mean
    # closeness to them is 0.15, below every development letter that has an answer), and the bar
    # asks more of a letter far from everything.
    demo.load()
    letter = ("Whenever something is wrong and I want to discuss it, my wife stonewalls me. She goes "
              "cold, looks at the TV and won't answer. If I keep trying she walks out of the room, and "
              "the silence can last for days. I end up raising my voice just to get any reaction, and "
              "then I'm the bad guy. How do I get her to talk to me?")
    found = similar_articles(letter)
    assert found and found[0].title == "When we argue, I leave the room, and she follows me"


def test_a_letter_about_something_never_answered_is_shown_nothing(column):
    letter = ("My cat died last week and I can't stop crying at work. I know it's only a cat. "
              "How long does grief like this last?")
    assert similar_articles(letter) == []


def test_topics_are_suggested_from_the_closest_answers(column):
    letter = ("His mum comes round without asking, she has her own key, and moves my things around "
              "in the kitchen. My husband won't say anything to her.")
    assert [t.name for t in suggest_topics(letter)][:1] == ["In-laws"]


def test_unpublished_answers_are_never_suggested(column):
    draft = create_article(title="Draft about silence", letter=ARTICLES[0][1], answer="Not yet.",
                           topics=["Communication"])
    assert draft not in similar_articles(ARTICLES[0][1])


# --- the bar ("nothing close") on its own ------------------------------------------------------
def test_meaning_from_one_row_and_words_from_another_do_not_add_up():
    # The closest row shares no rare word; the row holding them is far in meaning.
    assert not retrieval.close_enough([(1, 0.62), (2, 0.40)], {2: 10.0}, baseline=0.30)
    # The same closeness and the same words in one row reach it.
    assert retrieval.close_enough([(1, 0.62), (2, 0.40)], {1: 10.0}, baseline=0.30)


def test_a_letter_far_from_every_answer_needs_a_closer_best_row():
    # Same best row, same words: a letter on the column's ground (its mean closeness to all the
    # answers) is shown it, one about something else is not.
    assert retrieval.close_enough([(1, 0.60)], {1: 5.0}, baseline=0.33)
    assert not retrieval.close_enough([(1, 0.60)], {1: 5.0}, baseline=0.22)


def test_shared_words_alone_never_decide():
    assert not retrieval.close_enough([(1, 0.20)], {1: 100.0}, baseline=0.33)
    assert not retrieval.close_enough([], {}, baseline=0.33)


def test_past_the_scan_limit_the_bar_takes_the_typical_baseline_not_the_candidates_mean(column, monkeypatch):
    # Only rows sharing the letter's words are scored there: their mean is not the letter's.
    seen = []
    close_enough = retrieval.close_enough
    monkeypatch.setattr(retrieval, "close_enough", lambda *a, **k: seen.append(a[2]) or close_enough(*a, **k))
    letter = "My husband goes silent and leaves the room whenever I bring up a problem."
    similar_articles(letter)
    monkeypatch.setattr(vectors_module, "DENSE_SCAN_LIMIT", 3)
    # The index remembers for a minute that it is too big: forgotten with this test.
    monkeypatch.setattr(search.vectors, "_too_big", {})
    similar_articles(letter)
    assert seen[0] != retrieval.TYPICAL_BASELINE and seen[1] == retrieval.TYPICAL_BASELINE


def test_an_answer_close_in_meaning_is_shown_though_the_letter_shares_none_of_its_rarer_words():
    # Told in other words from start to end: no rare word in common, the closest row by far.
    assert retrieval.close_enough([(1, 0.63)], {}, baseline=0.36)


def test_rare_words_shared_with_a_row_far_in_meaning_do_not_make_it_worth_showing():
    # Five rare words in common (the cap) with a row no closer than letters about other things come.
    assert not retrieval.close_enough([(1, 0.40)], {1: 15.0}, baseline=0.25)


# --- how the bar's constants are chosen (bench/similar --loso) ----------------------------------
def _bench_similar():
    import importlib.machinery
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[3] / "bench" / "similar"
    loader = importlib.machinery.SourceFileLoader("bench_similar", str(path))
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader("bench_similar", loader))
    loader.exec_module(module)
    return module


def _letter(style, closeness, found=True):
    return {"style": style, "found": found and style != "none", "rows": [[closeness, 0.0]], "baseline": 0.0}


def test_each_set_is_scored_with_constants_chosen_on_the_other_sets_not_on_itself():
    readings = {
        # Alone, this set's own best bar (between 0.9 and 1.0) would show its paraphrase and
        # withhold its unmatched letter; the other set's bar is lower and shows both.
        "own": [_letter("paraphrase", 1.0), _letter("none", 0.9)],
        "other": [_letter("paraphrase", 0.8), _letter("none", 0.95)],
    }
    held_out = _bench_similar().leave_one_set_out(readings, cap=15.0)
    assert held_out["own"]["figures"] == (1, 0, 1)
    assert held_out["other"]["figures"] == (0, 0, 0)


def test_a_paraphrased_letter_withheld_costs_as_much_as_an_unmatched_letter_shown():
    # In every set the unmatched letter comes closer than the paraphrase: a bar between them
    # would withhold the paraphrase and still show the unmatched letter, two misses for one.
    readings = {name: [_letter("paraphrase", 0.85), _letter("none", 0.9)] for name in ("a", "b", "c")}
    held_out = _bench_similar().leave_one_set_out(readings, cap=15.0)
    assert [figures["figures"] for figures in held_out.values()] == [(1, 0, 1)] * 3
