"""Triage in the inbox: a line of each letter, what an urgent letter was flagged for, and whether
someone has followed it up (who, when, what was done), recorded through the desk's service."""

import pytest

from dearly.desk import services
from dearly.desk.models import FollowUp, LetterAccess
from dearly.letters.tests.conftest import CRISIS, ORDINARY

LONG = ORDINARY + " We tried a chore chart and a jar of tokens. THE-END-OF-THE-LETTER"


@pytest.fixture
def letters(make_letter):
    return {"urgent": make_letter(CRISIS, pen_name="Scared"), "long": make_letter(LONG, pen_name="Chores")}


def inbox_row(page: str, pen_name: str) -> str:
    start = page.index(f" · {pen_name}</a>")
    return page[start:page.index("</tr>", start)]


def test_the_inbox_shows_the_first_line_of_each_letter_and_no_more(desk_client, letters):
    response = desk_client.get("/desk/")
    row = inbox_row(response.content.decode(), "Chores")
    assert LONG[:100] in row and "THE-END-OF-THE-LETTER" not in row and "…" in row
    assert "no-store" in response["Cache-Control"]


def test_the_inbox_escapes_the_line_it_shows(desk_client, make_letter):
    make_letter("<script>alert(1)</script> is what I typed", pen_name="Typist")
    row = inbox_row(desk_client.get("/desk/").content.decode(), "Typist")
    assert "<script>" not in row and "&lt;script&gt;alert(1)&lt;/script&gt;" in row


def test_an_urgent_letter_shows_what_it_was_flagged_for_and_that_nobody_followed_it_up(desk_client, letters):
    row = inbox_row(desk_client.get("/desk/").content.decode(), "Scared")
    assert "Urgent" in row and "Violence or abuse at home" in row and "Not followed up yet" in row
    assert "Not followed up" not in inbox_row(desk_client.get("/desk/").content.decode(), "Chores")


def test_a_follow_up_recorded_on_the_letter_page_shows_there_and_in_the_inbox(desk_client, letters, expert):
    urgent = letters["urgent"]
    response = desk_client.post(f"/desk/letters/{urgent.pk}/follow-up/",
                                {"action": "resources_sent", "note": "Sent the hotline and a shelter nearby."})
    assert response.status_code == 302
    done = FollowUp.objects.get()
    assert (done.letter, done.by, done.action) == (urgent, expert, "resources_sent")
    page = desk_client.get(f"/desk/letters/{urgent.pk}/").content.decode()
    assert "Resources sent" in page and "Sent the hotline and a shelter nearby." in page and "by nora" in page
    row = inbox_row(desk_client.get("/desk/").content.decode(), "Scared")
    assert "Followed up: resources sent, nora" in row and "Not followed up" not in row
    assert LetterAccess.objects.filter(letter_id=urgent.pk, action="followed_up", detail="Resources sent").exists()


def test_the_urgent_queue_holds_the_urgent_letters_nobody_has_followed_up(desk_client, letters, make_letter, expert):
    other = make_letter(CRISIS, pen_name="Also scared")
    services.record_follow_up(other, by=expert, action="called_back")
    page = desk_client.get("/desk/", {"state": "unfollowed"}).content.decode()
    assert " · Scared</a>" in page and "Also scared" not in page and " · Chores</a>" not in page
    assert "Urgent, not followed up <span class=\"count\">(1)</span>" in page
    assert "1 not followed up yet" in desk_client.get("/desk/").content.decode()


def test_follow_ups_are_kept_for_urgent_letters_and_other_needs_a_note(letters, expert):
    with pytest.raises(services.FollowUpRefused, match="urgent letters"):
        services.record_follow_up(letters["long"], by=expert, action="called_back")
    with pytest.raises(services.FollowUpRefused, match="note"):
        services.record_follow_up(letters["urgent"], by=expert, action="other", note="  ")
    assert not FollowUp.objects.exists()


def test_a_non_urgent_letter_page_offers_no_follow_up(desk_client, letters):
    page = desk_client.get(f"/desk/letters/{letters['long'].pk}/").content.decode()
    assert "Record the follow-up" not in page
    response = desk_client.post(f"/desk/letters/{letters['long'].pk}/follow-up/", {"action": "called_back"},
                                follow=True)
    assert "Follow-ups are kept for urgent letters." in response.content.decode()
