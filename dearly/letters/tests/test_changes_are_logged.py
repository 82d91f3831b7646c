"""Every change to a letter is written to its access log by the service that makes it, in the
same transaction: the desk, commands, tasks and the demo all leave a trace, and a change that
does not happen leaves none."""

import pytest
from django.core.management import call_command
from django.db import transaction

from dearly.column.services import topic_named
from dearly.desk.models import LetterAccess
from dearly.desk.services import AUTOMATIC
from dearly.letters import services
from dearly.letters.models import Letter

State = Letter.State


def log_of(letter):
    return list(LetterAccess.objects.filter(letter_id=letter.pk).order_by("at", "id")
                .values_list("username", "action", "detail"))


def test_each_change_through_the_services_is_logged_with_who_made_it(make_letter, expert):
    letter = make_letter(email="writer@example.com")
    assert log_of(letter) == []  # arriving is not a change by anyone in the desk
    services.move_letter(letter, State.SHORTLISTED, by=expert)
    services.add_note(letter, "Pairs with the chores piece.", by=expert)
    services.set_topics(letter, [topic_named("Communication")], by=expert)
    article = services.start_answer(letter, reviewed_letter="We argue.", title="Chores", by=expert,
                                    review="2 proposal(s), 0 kept as written")
    services.save_draft(article, title="Chores", letter=article.letter, answer="Fairness first.", by=expert)
    services.publish_answer(letter, article, by=expert)
    assert log_of(letter) == [
        ("nora", "moved", "New → Shortlisted"),
        ("nora", "noted", ""),
        ("nora", "tagged", "Communication"),
        ("nora", "moved", "Shortlisted → Answering"),
        ("nora", "answered", "2 proposal(s), 0 kept as written"),
        ("nora", "edited", f"article #{article.pk}"),
        ("nora", "moved", "Answering → Published"),
        ("nora", "published", f"article #{article.pk}, now"),
        (AUTOMATIC, "notified", ""),
    ]


def test_a_refused_change_leaves_no_trace(make_letter, expert):
    letter = make_letter(state=State.DECLINED)
    before = log_of(letter)
    with pytest.raises(services.LetterRefused):
        services.move_letter(letter, State.SHORTLISTED, by=expert)
    assert log_of(letter) == before


def test_the_log_entry_and_the_change_share_one_transaction(make_letter, expert):
    letter = make_letter()
    with pytest.raises(RuntimeError), transaction.atomic():
        services.move_letter(letter, State.SHORTLISTED, by=expert)
        raise RuntimeError("the caller's transaction fails after the move")
    assert Letter.objects.get(pk=letter.pk).state == State.NEW
    assert log_of(letter) == []


def test_loading_the_demo_and_purging_leave_a_trace_too(db, settings):
    call_command("load_demo")
    moved = LetterAccess.objects.filter(action="moved", username=AUTOMATIC)
    assert moved.count() >= Letter.objects.exclude(state=State.NEW).count()
    settings.LETTER_RETENTION_DAYS = 30
    declined = Letter.objects.get(pen_name="Declined but grateful")
    services.purge_expired_letters()
    assert not Letter.objects.filter(pk=declined.pk).exists()
    assert (AUTOMATIC, "purged", "") in log_of(declined)
