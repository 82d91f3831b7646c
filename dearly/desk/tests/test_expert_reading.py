"""The expert's own reading of a letter's danger, at the desk: it moves the letter to the queue
the expert chose, is kept beside what the screen said, never overrules a writer who said they
are not safe, and over time says how the screen does on the practice's own letters."""

import re

import pytest
from django.core.management import call_command

from dearly.desk import services
from dearly.desk.models import LetterAccess, Triage
from dearly.letters import services as letter_services
from dearly.letters.models import Letter
from dearly.letters.tests.conftest import CRISIS, ORDINARY

UNSEEN = ("Since my partner's cousin started babysitting on Fridays our boy of six hides in the wardrobe "
          "when the car pulls up and he has started wetting the bed again. My partner says I'm imagining it.")


def let_through(letter):
    """As when the screen reads no danger in a letter that holds some (what the reading is for)."""
    Letter.objects.filter(pk=letter.pk).update(urgent=False, screening_outcome="none", crisis_categories=[],
                                               crisis_matches=[])
    letter.refresh_from_db()
    return letter


def test_a_letter_the_screen_let_through_is_made_urgent_by_the_experts_reading(desk_client, make_letter, expert):
    missed = let_through(make_letter(UNSEEN, pen_name="Worried mum"))
    before = missed.screening_outcome
    response = desk_client.post(f"/desk/letters/{missed.pk}/triage/",
                                {"reading": "urgent", "categories": ["child_at_risk"], "note": "Grooming signs."})
    assert response.status_code == 302
    missed.refresh_from_db()
    assert (missed.urgent, missed.screening_outcome, missed.crisis_categories) == (True, "urgent", ["child_at_risk"])
    reading = Triage.objects.get()
    assert (reading.by, reading.reading, reading.screen_outcome, reading.note) == (
        expert, "urgent", before, "Grooming signs.")
    assert reading.screen_version == missed.screening_version
    # At the top of the inbox, in the urgent queue, with what it is flagged for; logged.
    inbox = desk_client.get("/desk/", {"state": "unfollowed"}).content.decode()
    assert " · Worried mum</a>" in inbox and "A child at risk" in inbox
    page = desk_client.get(f"/desk/letters/{missed.pk}/").content.decode()
    assert "In danger now: urgent" in page and "by nora" in page and "Grooming signs." in page
    assert LetterAccess.objects.filter(letter_id=missed.pk, action="triaged").exists()


def test_a_false_alarm_read_as_no_danger_leaves_the_urgent_queue_and_keeps_its_marked_passages(
        desk_client, make_letter):
    alarm = make_letter(CRISIS, pen_name="Flagged")
    assert alarm.urgent and alarm.crisis_matches
    desk_client.post(f"/desk/letters/{alarm.pk}/triage/", {"reading": "none"})
    alarm.refresh_from_db()
    assert (alarm.urgent, alarm.screening_outcome, alarm.crisis_categories) == (False, "none", [])
    assert alarm.crisis_matches  # what the screen marked stays, for the record
    assert " · Flagged</a>" not in desk_client.get("/desk/", {"state": "unfollowed"}).content.decode()
    assert Triage.objects.get().screen_outcome == "urgent"


def test_worth_a_look_puts_the_letter_in_its_own_queue(make_letter, expert):
    letter = make_letter(ORDINARY)
    services.record_triage(letter, by=expert, reading="worth_a_look", categories=["abuse_at_home"])
    letter.refresh_from_db()
    assert (letter.urgent, letter.screening_outcome) == (False, "worth_a_look")


def test_reading_a_letter_as_in_danger_without_saying_what_danger_comes_back_with_the_message_beside_the_field(
        desk_client, make_letter):
    letter = let_through(make_letter(UNSEEN))
    response = desk_client.post(f"/desk/letters/{letter.pk}/triage/", {"reading": "urgent", "note": "Read twice."})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_categories_error"' in page and "Choose what the danger is." in page
    assert re.search(r'<input[^>]*name="reading"[^>]*value="urgent"[^>]*checked', page)  # the choice kept
    assert "Read twice." in page  # what was typed is kept
    assert not Triage.objects.exists()
    letter.refresh_from_db()
    assert not letter.urgent


def test_a_writer_who_said_they_are_not_safe_is_never_overruled(desk_client, db, expert):
    letter = letter_services.submit_letter(pen_name="Quiet", body=ORDINARY, consent_publication=True,
                                           consent_sensitive_data=True, writer_signal="not_safe")
    response = desk_client.post(f"/desk/letters/{letter.pk}/triage/", {"reading": "none"})
    assert response.status_code == 400
    assert "The writer said they are not safe, so this letter stays urgent." in response.content.decode()
    letter.refresh_from_db()
    assert letter.urgent and not Triage.objects.exists()
    # Reading it as urgent, with what the danger is, is recorded.
    services.record_triage(letter, by=expert, reading="urgent", categories=["suicide_self_harm"])
    assert Triage.objects.filter(letter=letter, reading="urgent").exists()


def test_the_triage_form_is_refused_without_the_desks_csrf_token(make_letter, expert):
    from django.test import Client

    letter = make_letter(UNSEEN)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(expert)
    response = strict.post(f"/desk/letters/{letter.pk}/triage/", {"reading": "none"})
    assert response.status_code == 403
    assert not Triage.objects.exists()


@pytest.mark.django_db
def test_the_screen_is_measured_against_the_experts_readings_in_counts_never_text(make_letter, expert, capsys):
    missed = let_through(make_letter(UNSEEN, pen_name="Missed"))
    alarm = make_letter(CRISIS, pen_name="Alarm")
    right = make_letter(CRISIS, pen_name="Right")
    fine = make_letter(ORDINARY, pen_name="Fine")
    services.record_triage(missed, by=expert, reading="urgent", categories=["child_at_risk"])
    services.record_triage(alarm, by=expert, reading="none")
    services.record_triage(right, by=expert, reading="urgent", categories=["abuse_at_home"])
    services.record_triage(fine, by=expert, reading="none")
    # Read twice: the latest reading counts, against what the screen said before anyone read it.
    services.record_triage(fine, by=expert, reading="none", note="Still fine.")
    report = services.screen_against_readings()
    assert (report["letters"], report["in_danger"], report["caught"], report["missed"]) == (4, 2, 1, 1)
    assert (report["safe"], report["false_alarms"]) == (2, 1)
    call_command("triage_report")
    out = capsys.readouterr().out
    assert "in danger (your reading): 2, the screen flagged 1 (50%), missed 1" in out
    assert "in no danger (your reading): 2, the screen flagged 1 (50%)" in out
    assert "babysitting" not in out and "Missed" not in out


def test_a_letter_the_expert_has_read_is_not_read_again_by_the_rules_only_rescreen(make_letter, expert):
    letter = make_letter(CRISIS)
    Letter.objects.filter(pk=letter.pk).update(screening_version="2026.12-1+rules-only")
    services.record_triage(letter, by=expert, reading="none")
    assert letter_services.rescreen_rules_only_letters() == 0
    letter.refresh_from_db()
    assert (letter.urgent, letter.screening_outcome) == (False, "none")


def test_a_letter_deleted_at_the_end_of_retention_takes_the_experts_reading_with_it(make_letter, expert, settings):
    settings.LETTER_RETENTION_DAYS = 30
    old = make_letter(CRISIS, days_ago=31)
    services.record_triage(old, by=expert, reading="urgent", categories=["abuse_at_home"], note="Called her.")
    kept = make_letter(ORDINARY)
    services.record_triage(kept, by=expert, reading="none")
    assert letter_services.purge_expired_letters().letters_deleted == 1
    assert list(Triage.objects.values_list("letter_id", flat=True)) == [kept.pk]
