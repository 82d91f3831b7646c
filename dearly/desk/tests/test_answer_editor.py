"""The answer editor: the draft starts signed with the writer's pen name, a live preview shows
the sanitized article, drafts are saved as the expert types (with a "saved at" status), and
publishing, now or at a time, asks once before anything goes out. Every part works without
JavaScript through plain buttons."""

from datetime import timedelta

import pytest
from django.utils import timezone

from dearly.column.models import Article
from dearly.desk.models import LetterAccess
from dearly.letters import services
from dearly.letters.models import Letter

State = Letter.State


@pytest.fixture
def answering(make_letter):
    letter = make_letter("We argue about chores every night.", pen_name="Counting Dishes in Ohio")
    services.start_answer(letter, reviewed_letter="We argue about chores every night.", title="Chores")
    letter.refresh_from_db()
    return letter


def editor_data(article, **overrides):
    return {"title": article.title, "letter": article.letter, "answer": "Start with **fairness**.",
            "visibility": "public", "publish_at": "", **overrides}


def test_the_draft_letter_ends_with_the_writers_pen_name_as_the_column_prints_it(answering):
    assert answering.article.letter == "We argue about chores every night.\n\n— Counting Dishes in Ohio"
    assert services.signed(answering.article.letter, "Counting Dishes in Ohio") == answering.article.letter


def test_the_preview_renders_sanitized_markdown_and_saves_nothing(desk_client, answering):
    article = answering.article
    response = desk_client.post(f"/desk/letters/{answering.pk}/draft/preview/", editor_data(
        article, answer="Start with **fairness**.<script>alert(1)</script> [x](javascript:alert(2))"))
    html = response.content.decode()
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert "<strong>fairness</strong>" in html and "— Counting Dishes in Ohio" in html
    assert "<script>" not in html and "javascript:" not in html
    article.refresh_from_db()
    assert article.answer == ""


def test_the_draft_is_saved_as_the_expert_types_with_the_time_it_was_saved(desk_client, answering):
    response = desk_client.post(f"/desk/letters/{answering.pk}/draft/autosave/", editor_data(answering.article))
    assert "Saved at" in response.content.decode()
    answering.article.refresh_from_db()
    assert answering.article.answer == "Start with **fairness**."
    assert answering.article.status == Article.Status.DRAFT


def test_saving_as_one_types_is_one_entry_in_the_access_log(desk_client, answering):
    for answer in ("Start", "Start with", "Start with fairness."):
        desk_client.post(f"/desk/letters/{answering.pk}/draft/autosave/", editor_data(answering.article, answer=answer))
    assert LetterAccess.objects.filter(letter_id=answering.pk, action="edited").count() == 1


def test_an_autosave_that_cannot_be_saved_says_why_and_changes_nothing(desk_client, answering):
    response = desk_client.post(f"/desk/letters/{answering.pk}/draft/autosave/", editor_data(answering.article, title=""))
    assert "Not saved yet" in response.content.decode()
    answering.article.refresh_from_db()
    assert answering.article.title == "Chores"


def test_a_published_answer_is_not_saved_keystroke_by_keystroke(desk_client, answering):
    services.save_draft(answering.article, title="Chores", letter=answering.article.letter, answer="Fairness.")
    services.publish_answer(answering)
    response = desk_client.post(f"/desk/letters/{answering.pk}/draft/autosave/",
                                editor_data(answering.article, answer="Half a sentence"))
    assert "use the Save button" in response.content.decode()
    answering.article.refresh_from_db()
    assert answering.article.answer == "Fairness."
    editor = desk_client.get(f"/desk/letters/{answering.pk}/draft/").content.decode()
    assert f"/desk/letters/{answering.pk}/draft/autosave/" not in editor


def test_without_javascript_save_and_preview_shows_the_preview(desk_client, answering):
    response = desk_client.post(f"/desk/letters/{answering.pk}/draft/", {**editor_data(answering.article), "preview": "1"})
    assert response.status_code == 200
    assert "<strong>fairness</strong>" in response.content.decode()
    answering.article.refresh_from_db()
    assert answering.article.answer == "Start with **fairness**."


def test_publishing_asks_once_and_only_the_yes_publishes(desk_client, answering):
    asked = desk_client.post(f"/desk/letters/{answering.pk}/draft/", {**editor_data(answering.article), "publish": "1"})
    page = asked.content.decode()
    assert asked.status_code == 200 and "Publish “Chores” now?" in page and "Yes, publish now" in page
    answering.refresh_from_db()
    assert answering.state == State.ANSWERING and answering.article.answer == "Start with **fairness**."
    # Neither a link (GET) nor a POST without the yes publishes.
    assert desk_client.get(f"/desk/letters/{answering.pk}/publish/").status_code == 302
    desk_client.post(f"/desk/letters/{answering.pk}/publish/", {"publish_at": ""})
    assert Letter.objects.get(pk=answering.pk).state == State.ANSWERING
    done = desk_client.post(f"/desk/letters/{answering.pk}/publish/", {"publish_at": "", "confirm": "on"})
    assert done["Location"] == f"/desk/letters/{answering.pk}/"
    answering.refresh_from_db()
    assert answering.state == State.PUBLISHED and answering.article.is_visible()


def test_the_editor_schedules_an_answer_after_asking(desk_client, answering):
    at = timezone.localtime(timezone.now() + timedelta(days=3)).replace(second=0, microsecond=0)
    value = at.strftime("%Y-%m-%dT%H:%M")
    asked = desk_client.post(f"/desk/letters/{answering.pk}/draft/",
                             {**editor_data(answering.article, publish_at=value), "publish": "1"}).content.decode()
    assert "Schedule “Chores” for" in asked and "Yes, schedule it" in asked and f'value="{value}"' in asked
    desk_client.post(f"/desk/letters/{answering.pk}/publish/", {"publish_at": value, "confirm": "on"})
    answering.refresh_from_db()
    assert answering.state == State.PUBLISHED and not answering.article.is_visible()
    assert answering.article.published_at == at


def test_a_published_answer_is_saved_live_without_a_second_question(desk_client, answering):
    services.save_draft(answering.article, title="Chores", letter=answering.article.letter, answer="Fairness.")
    services.publish_answer(answering)
    editor = desk_client.get(f"/desk/letters/{answering.pk}/draft/").content.decode()
    assert "Save the published answer" in editor and "Publish…" not in editor
    response = desk_client.post(f"/desk/letters/{answering.pk}/draft/", editor_data(answering.article, answer="Fairness, kindly."))
    assert response["Location"] == f"/desk/letters/{answering.pk}/draft/"
    answering.article.refresh_from_db()
    assert answering.article.answer == "Fairness, kindly." and answering.article.is_visible()
