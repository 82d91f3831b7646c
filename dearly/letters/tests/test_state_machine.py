"""A letter's states form an explicit machine: the moves in the table below are allowed, every
other move is refused, only publish_answer() publishes (with an article), and two people moving
one letter at once cannot both win."""

import itertools

import pytest

from dearly.column.services import create_article
from dearly.letters import services
from dearly.letters.models import TRANSITIONS, Letter
from dearly.letters.services import LetterRefused

State = Letter.State
ALL_MOVES = list(itertools.product(State, State))

# The intended machine, written out here rather than read from TRANSITIONS: a test that derives
# its expectation from the table it checks cannot catch a wrong table.
INTENDED = {
    ("new", "shortlisted"), ("new", "answering"), ("new", "declined"), ("new", "duplicate"),
    ("shortlisted", "answering"), ("shortlisted", "new"), ("shortlisted", "declined"), ("shortlisted", "duplicate"),
    ("answering", "shortlisted"), ("answering", "declined"),
    ("declined", "new"),
    ("duplicate", "new"),
}


def put_in(letter, state):
    Letter.objects.filter(pk=letter.pk).update(state=state)
    letter.refresh_from_db()
    return letter


def test_the_transitions_table_is_the_intended_one():
    assert {(a.value, b.value) for a, targets in TRANSITIONS.items() for b in targets} == INTENDED
    assert set(TRANSITIONS) == set(State)


@pytest.mark.parametrize("current, target", ALL_MOVES, ids=[f"{a.value}->{b.value}" for a, b in ALL_MOVES])
def test_only_the_intended_moves_are_allowed(make_letter, current, target):
    letter = put_in(make_letter(), current)
    other = make_letter()
    if (current.value, target.value) in INTENDED:
        services.move_letter(letter, target, duplicate_of=other)
        assert Letter.objects.get(pk=letter.pk).state == target
    else:
        with pytest.raises(LetterRefused):
            services.move_letter(letter, target, duplicate_of=other)
        assert Letter.objects.get(pk=letter.pk).state == current


def test_no_plain_move_publishes_a_letter_without_its_answer(make_letter, settings):
    letter = make_letter(state=State.ANSWERING)
    with pytest.raises(LetterRefused, match="published only with its answer"):
        services.move_letter(letter, State.PUBLISHED)
    # Had it been published, the purge would keep the unanswered letter for good.
    letter = Letter.objects.get(pk=letter.pk)
    assert letter.state == State.ANSWERING and letter.purge_on is not None


def test_the_happy_path_runs_from_new_to_published_through_publish_answer(make_letter):
    letter = make_letter()
    for state in (State.SHORTLISTED, State.ANSWERING):
        services.move_letter(letter, state)
    article = services.start_answer(letter, reviewed_letter="We argue about chores.", title="Chores")
    services.save_draft(article, title="Chores", letter=article.letter, answer="Talk about fairness.")
    services.publish_answer(letter, article)
    letter = Letter.objects.get(pk=letter.pk)
    assert letter.state == State.PUBLISHED and letter.article == article
    assert letter.allowed_moves == []


@pytest.mark.parametrize("state", [State.NEW, State.SHORTLISTED, State.DECLINED, State.DUPLICATE])
def test_publish_answer_publishes_only_a_letter_that_is_being_answered(make_letter, state):
    letter = put_in(make_letter(), state)
    article = create_article(title="Someone else's answer", letter="x", answer="y")
    with pytest.raises(LetterRefused):
        services.publish_answer(letter, article)
    assert Letter.objects.get(pk=letter.pk).state == state


def test_a_duplicate_must_name_another_existing_letter(make_letter):
    letter = make_letter()
    with pytest.raises(LetterRefused, match="other letter"):
        services.move_letter(letter, State.DUPLICATE)
    with pytest.raises(LetterRefused, match="other letter"):
        services.move_letter(letter, State.DUPLICATE, duplicate_of=letter)
    original = make_letter()
    services.move_letter(letter, State.DUPLICATE, duplicate_of=original)
    assert Letter.objects.get(pk=letter.pk).duplicate_of == original


def test_reopening_a_duplicate_forgets_which_letter_it_repeated(make_letter):
    original = make_letter()
    letter = make_letter(state=State.DUPLICATE, duplicate_of=original)
    services.move_letter(letter, State.NEW)
    assert Letter.objects.get(pk=letter.pk).duplicate_of is None


def test_a_move_made_from_a_stale_copy_is_refused(make_letter):
    letter = make_letter()
    stale = Letter.objects.get(pk=letter.pk)
    services.move_letter(letter, State.SHORTLISTED)
    with pytest.raises(LetterRefused, match="Someone else changed this letter"):
        services.move_letter(stale, State.DECLINED)
    assert Letter.objects.get(pk=letter.pk).state == State.SHORTLISTED


def test_a_letter_cannot_be_stored_without_both_consents(db):
    with pytest.raises(LetterRefused):
        services.submit_letter(pen_name="x", body="y", consent_publication=True, consent_sensitive_data=False)
    assert not Letter.objects.exists()


@pytest.mark.parametrize("state", list(State), ids=[s.value for s in State])
def test_a_letter_can_be_answered_when_it_is_answering_or_may_move_there(make_letter, state):
    letter = put_in(make_letter(), state)
    assert letter.can_be_answered is (state in (State.NEW, State.SHORTLISTED, State.ANSWERING))
