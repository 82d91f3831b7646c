"""Unpublished letters and writers' emails are purged after LETTER_RETENTION_DAYS, by the daily
chore (dearly.work) and by `manage.py purge_letters`; published letters stay, without the email."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from dearly.letters import search, services
from dearly.letters.models import Letter, Note

State = Letter.State


def index_ids():
    with connection.cursor() as cursor:
        key = "rowid" if connection.vendor == "sqlite" else "id"
        cursor.execute(f"SELECT {key} FROM letters_search")
        return {row[0] for row in cursor.fetchall()}


@pytest.fixture
def old_and_new(make_letter, expert, settings):
    settings.LETTER_RETENTION_DAYS = 30
    old = {
        state: make_letter(f"An old {state} letter about the quince tree.", days_ago=31, email="old@example.com")
        for state in (State.NEW, State.SHORTLISTED, State.DECLINED)
    }
    services.move_letter(old[State.SHORTLISTED], State.SHORTLISTED)
    services.move_letter(old[State.DECLINED], State.DECLINED)
    services.add_note(old[State.NEW], "A note to be purged too.", by=expert)
    published = make_letter("An old published letter about the quince tree.", days_ago=31, email="pub@example.com")
    Letter.objects.filter(pk=published.pk).update(state=State.PUBLISHED)
    fresh = make_letter("A fresh letter about the quince tree.", days_ago=29, email="fresh@example.com")
    return old, published, fresh


def test_it_deletes_unpublished_letters_past_retention_and_keeps_the_rest(old_and_new):
    old, published, fresh = old_and_new
    report = services.purge_expired_letters()
    assert report.letters_deleted == 3
    assert set(Letter.objects.values_list("pk", flat=True)) == {published.pk, fresh.pk}
    assert not Note.objects.exists()


def test_it_erases_emails_past_retention_even_on_published_letters(old_and_new):
    old, published, fresh = old_and_new
    report = services.purge_expired_letters()
    assert report.emails_erased == 1
    assert Letter.objects.get(pk=published.pk).email == ""
    assert Letter.objects.get(pk=fresh.pk).email == "fresh@example.com"


def test_purged_letters_leave_the_letters_index(old_and_new):
    old, published, fresh = old_and_new
    services.purge_expired_letters()
    assert index_ids() == {published.pk, fresh.pk}
    assert search.similar_letter_ids("quince tree letter", limit=10) in ([published.pk, fresh.pk], [fresh.pk, published.pk])


def test_a_duplicate_of_a_purged_letter_loses_only_the_link(make_letter, settings):
    settings.LETTER_RETENTION_DAYS = 30
    original = make_letter(days_ago=40)
    repeat = make_letter(days_ago=1, state=State.DUPLICATE, duplicate_of=original)
    services.purge_expired_letters()
    repeat.refresh_from_db()
    assert repeat.state == State.DUPLICATE and repeat.duplicate_of is None


def test_purging_twice_does_nothing_more(old_and_new):
    services.purge_expired_letters()
    again = services.purge_expired_letters()
    assert (again.letters_deleted, again.emails_erased) == (0, 0)


def test_the_purge_letters_command_does_the_same(old_and_new, capsys):
    call_command("purge_letters")
    assert "Deleted 3 letter(s)" in capsys.readouterr().out
    assert Letter.objects.count() == 2


def test_the_desk_shows_when_each_letter_will_be_purged(old_and_new, desk_client, settings):
    old, published, fresh = old_and_new
    purge_on = fresh.received_at + timedelta(days=30)
    assert fresh.purge_on == purge_on
    assert Letter.objects.get(pk=published.pk).purge_on is None  # the fixture's object is stale
    page = desk_client.get("/desk/?state=all").content.decode()
    assert purge_on.strftime("%b") in page and f"{purge_on.day}, {purge_on.year}" in page
    assert "kept (published)" in page


def test_the_purge_chore_purges_and_comes_back_a_day_later(old_and_new):
    from dearly.work import chores
    from dearly.work.models import Chore

    now = timezone.now()
    assert "letters.purge" in chores.run_due(now)
    old, published, fresh = old_and_new
    assert set(Letter.objects.values_list("pk", flat=True)) == {published.pk, fresh.pk}
    chore = Chore.objects.get(name="letters.purge")
    assert chore.next_run_at == now + timedelta(days=1) and chore.last_error == ""
    assert "letters.purge" not in chores.run_due(now + timedelta(hours=23))
    assert "letters.purge" in chores.run_due(now + timedelta(days=1))


def test_a_purged_letter_takes_its_unpublished_answer_draft_with_it(make_letter, settings):
    from dearly.column.models import Article
    from dearly.column.services import create_article

    settings.LETTER_RETENTION_DAYS = 30
    drafted = make_letter(days_ago=31)
    draft = services.start_answer(drafted, reviewed_letter="The reviewed copy of an old letter.")
    fresh = make_letter(days_ago=1)
    kept_draft = services.start_answer(fresh, reviewed_letter="The reviewed copy of a fresh letter.")
    other = create_article(title="Someone else's answer", letter="L.", answer="A.", publish_at=timezone.now())
    report = services.purge_expired_letters()
    assert report.drafts_deleted == 1
    assert not Article.objects.filter(pk=draft.pk).exists()
    assert set(Article.objects.values_list("pk", flat=True)) == {kept_draft.pk, other.pk}
