"""The desk's inbox (urgent first, then newest; filters with counts) and a letter's page (the
letter, its screening, notes, similar letters and answers), every view written to the log."""

from datetime import timedelta

import pytest
from django.utils import timezone

from dearly.column.services import create_article, topic_named
from dearly.desk.models import LetterAccess
from dearly.letters import services
from dearly.letters.models import Letter
from dearly.letters.tests.conftest import CRISIS

State = Letter.State


def rows(response) -> list[str]:
    """Pen names in the inbox table, in order."""
    body = response.content.decode()
    table = body[body.index("<tbody>"):body.index("</tbody>")]
    return [chunk.split("</a>")[0].split(" · ", 1)[1] for chunk in table.split('<a href="/desk/letters/')[1:]]


@pytest.fixture
def inbox(make_letter):
    oldest = make_letter(pen_name="Oldest", days_ago=3)
    urgent_old = make_letter(CRISIS, pen_name="Urgent old", days_ago=2)
    newest = make_letter(pen_name="Newest", days_ago=0)
    shortlisted = make_letter(pen_name="Shortlisted one", days_ago=1, state=State.SHORTLISTED)
    declined = make_letter(pen_name="Declined one", days_ago=1, state=State.DECLINED)
    services.set_topics(newest, [topic_named("Money")])
    return {"oldest": oldest, "urgent": urgent_old, "newest": newest, "shortlisted": shortlisted, "declined": declined}


def test_the_inbox_lists_urgent_letters_first_then_the_newest(desk_client, inbox):
    response = desk_client.get("/desk/")
    assert rows(response) == ["Urgent old", "Newest", "Shortlisted one", "Oldest"]
    assert "1 urgent letter" in response.content.decode()


def test_the_inbox_filters_by_state_with_counts(desk_client, inbox):
    assert rows(desk_client.get("/desk/", {"state": "declined"})) == ["Declined one"]
    assert rows(desk_client.get("/desk/", {"state": "shortlisted"})) == ["Shortlisted one"]
    assert len(rows(desk_client.get("/desk/", {"state": "all"}))) == 5
    page = desk_client.get("/desk/").content.decode()
    assert "Open <span class=\"count\">(4)</span>" in page
    assert "New <span class=\"count\">(3)</span>" in page
    assert "Declined <span class=\"count\">(1)</span>" in page
    assert "All <span class=\"count\">(5)</span>" in page


def test_the_inbox_filters_by_topic(desk_client, inbox):
    assert rows(desk_client.get("/desk/", {"topic": "money"})) == ["Newest"]


def test_an_unknown_filter_falls_back_to_open_letters(desk_client, inbox):
    assert len(rows(desk_client.get("/desk/", {"state": "<script>"}))) == 4


def test_the_inbox_logs_nothing(desk_client, inbox):
    before = LetterAccess.objects.count()  # the moves that made the inbox
    assert desk_client.get("/desk/", {"state": "all"}).status_code == 200
    assert LetterAccess.objects.count() == before


def test_a_letter_page_shows_the_letter_its_screening_and_marks_the_crisis_words(desk_client, make_letter):
    letter = make_letter(CRISIS, pen_name="Scared")
    page = desk_client.get(f"/desk/letters/{letter.pk}/").content.decode()
    assert "Crisis screening: urgent" in page
    assert "Violence or abuse at home" in page
    phrase = letter.crisis_matches[0][0]
    assert f'<mark class="crisis-match">{phrase}</mark>' in page
    assert f"Screen version {letter.screening_version}" in page


def test_letter_text_is_escaped(desk_client, make_letter):
    letter = make_letter('I typed <script>alert("x")</script> and <b>bold</b> by mistake.')
    page = desk_client.get(f"/desk/letters/{letter.pk}/").content.decode()
    assert "<script>alert" not in page and "<b>bold</b>" not in page
    assert "&lt;script&gt;" in page


def test_every_view_of_a_letter_is_written_to_the_access_log(desk_client, make_letter, expert):
    letter = make_letter()
    desk_client.get(f"/desk/letters/{letter.pk}/")
    desk_client.get(f"/desk/letters/{letter.pk}/")
    desk_client.get(f"/desk/letters/{letter.pk}/answer/")
    entries = LetterAccess.objects.filter(letter_id=letter.pk)
    assert entries.count() == 3
    assert {e.username for e in entries} == {"nora"}
    assert list(entries.values_list("action", flat=True)) == ["reviewed", "viewed", "viewed"]
    log = desk_client.get("/desk/access-log/", {"letter": letter.pk}).content.decode()
    assert log.count("Read the letter") == 2 and "Reviewed the anonymized copy" in log
    assert "laundry" not in log


def test_the_access_log_outlives_a_purged_letter(desk_client, make_letter, settings):
    letter = make_letter(days_ago=400)
    desk_client.get(f"/desk/letters/{letter.pk}/")
    services.purge_expired_letters()
    assert not Letter.objects.filter(pk=letter.pk).exists()
    assert f"#{letter.pk}" in desk_client.get("/desk/access-log/").content.decode()


def test_similar_earlier_letters_and_published_answers_stand_beside_a_letter(desk_client, make_letter):
    create_article(title="Chores and keeping score", letter="We fight about laundry and chores.",
                   answer="Fairness.", publish_at=timezone.now() - timedelta(days=1))
    earlier = make_letter("Laundry and dishes again: he says I keep score about chores.", pen_name="Earlier")
    make_letter("A letter about a boat.", pen_name="Unrelated")
    letter = make_letter(pen_name="Later")
    page = desk_client.get(f"/desk/letters/{letter.pk}/").content.decode()
    similar = page[page.index("Similar letters"):page.index("Similar published answers")]
    assert f"#{earlier.pk} · Earlier" in similar and "Unrelated" not in similar
    assert "Chores and keeping score" in page[page.index("Similar published answers"):]


def test_notes_are_added_logged_and_shown(desk_client, make_letter):
    letter = make_letter()
    desk_client.post(f"/desk/letters/{letter.pk}/note/", {"text": "Maybe pair with the chores piece."})
    page = desk_client.get(f"/desk/letters/{letter.pk}/").content.decode()
    assert "Maybe pair with the chores piece." in page
    assert LetterAccess.objects.filter(letter_id=letter.pk, action="noted").exists()


def test_the_desk_moves_a_letter_and_logs_it(desk_client, make_letter):
    letter = make_letter()
    desk_client.post(f"/desk/letters/{letter.pk}/move/", {"to": "shortlisted"})
    assert Letter.objects.get(pk=letter.pk).state == State.SHORTLISTED
    entry = LetterAccess.objects.get(letter_id=letter.pk, action="moved")
    assert entry.detail == "New → Shortlisted"


def test_the_desk_refuses_a_move_the_state_machine_forbids(desk_client, make_letter):
    letter = make_letter(state=State.DECLINED)
    response = desk_client.post(f"/desk/letters/{letter.pk}/move/", {"to": "shortlisted"}, follow=True)
    assert Letter.objects.get(pk=letter.pk).state == State.DECLINED
    assert "Select a valid choice" in response.content.decode()


def test_publishing_is_not_a_button_move(desk_client, make_letter):
    letter = make_letter(state=State.ANSWERING)
    desk_client.post(f"/desk/letters/{letter.pk}/move/", {"to": "published"})
    assert Letter.objects.get(pk=letter.pk).state == State.ANSWERING


def test_the_desk_marks_a_duplicate_of_another_letter(desk_client, make_letter):
    original, repeat = make_letter(), make_letter()
    desk_client.post(f"/desk/letters/{repeat.pk}/move/", {"to": "duplicate", "duplicate_of": original.pk})
    repeat.refresh_from_db()
    assert repeat.state == State.DUPLICATE and repeat.duplicate_of == original
    response = desk_client.post(f"/desk/letters/{original.pk}/move/", {"to": "duplicate", "duplicate_of": original.pk},
                                follow=True)
    assert "Give the number of the other letter" in response.content.decode()


def test_topics_are_set_from_the_letter_page(desk_client, make_letter):
    letter = make_letter()
    money = topic_named("Money")
    desk_client.post(f"/desk/letters/{letter.pk}/topics/", {"topics": [money.pk]})
    assert list(letter.topics.all()) == [money]


def test_the_inbox_reads_only_the_start_of_each_letter_from_the_database(desk_client, inbox):
    import re

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert desk_client.get("/desk/?state=all").status_code == 200
    listing = [q["sql"] for q in queries if 'FROM "letters_letter"' in q["sql"] and "ORDER BY" in q["sql"]]
    assert listing
    for sql in listing:
        # The text appears only inside SUBSTR(…, 1, 120), never as a whole column.
        without_excerpt = re.sub(r'SUBSTR(ING)?\("letters_letter"\."body", 1, 120\)', "", sql, flags=re.I)
        assert '"letters_letter"."body"' in sql and '"letters_letter"."body"' not in without_excerpt


def test_the_access_log_filters_only_by_a_letters_number(desk_client, make_letter):
    letter = make_letter()
    desk_client.get(f"/desk/letters/{letter.pk}/")
    page = desk_client.get("/desk/access-log/", {"letter": "not-a-number"}).content.decode()
    assert "not-a-number" not in page and f"#{letter.pk}" in page
    assert f"for letter #{letter.pk}" in desk_client.get("/desk/access-log/", {"letter": letter.pk}).content.decode()


@pytest.mark.parametrize("odd", ["²", "١٢", "12٣", "9" * 40, "-3", " 7"])
def test_the_access_log_shows_everything_for_what_only_looks_like_a_number(desk_client, make_letter, odd):
    # "²" and Arabic-Indic digits pass str.isdigit(); a 40-digit number overflows the column.
    letter = make_letter()
    desk_client.get(f"/desk/letters/{letter.pk}/")
    response = desk_client.get("/desk/access-log/", {"letter": odd})
    assert response.status_code == 200
    page = response.content.decode()
    assert f"#{letter.pk}" in page and "for letter #" not in page


def test_the_inbox_pages_keep_the_chosen_list_and_topic(desk_client, make_letter):
    money = topic_named("Money")
    for n in range(51):
        services.set_topics(make_letter(pen_name=f"Writer {n}"), [money])
    page = desk_client.get("/desk/", {"state": "new", "topic": "money"}).content.decode()
    assert 'href="?state=new&amp;topic=money&amp;page=2"' in page and "Page 1 of 2" in page
    second = desk_client.get("/desk/", {"state": "new", "topic": "money", "page": "2"}).content.decode()
    assert 'href="?state=new&amp;topic=money&amp;page=1"' in second and len(rows_of(second)) == 1


def rows_of(body: str) -> list[str]:
    table = body[body.index("<tbody>"):body.index("</tbody>")]
    return table.split('<a href="/desk/letters/')[1:]
