"""From a letter to a published, anonymized answer: the expert reviews every proposal, the draft
starts from the reviewed copy only, and publication tells the writer once, then forgets them."""

from datetime import timedelta

import pytest
from django.utils import timezone

from dearly.column.models import Article
from dearly.desk.forms import fingerprint
from dearly.desk.models import LetterAccess
from dearly.letters import anonymizer, services
from dearly.letters.models import Letter
from dearly.letters.tasks import notify_writer_when_published
from dearly.mailing.testing import deliver_outbox

State = Letter.State
LETTER = (
    "My husband Mark said I was overreacting when I found texts from a coworker. He works at "
    "Deloitte and I'm 34. We live in Provo, Utah. You can reach me at mark.fan@example.net."
)


def review(letter, **decisions):
    """POST data for the review form: every proposal replaced unless told otherwise."""
    proposals = anonymizer.find_identifiers(letter.body)
    data = {"fingerprint": fingerprint(proposals), "title": "He says I'm overreacting"}
    for i, p in enumerate(proposals):
        decision, replacement = decisions.get(p.original.strip(), ("replace", p.replacement))
        data[f"p{i}_decision"] = decision
        data[f"p{i}_replacement"] = replacement
    return data


@pytest.fixture
def letter(make_letter):
    return make_letter(LETTER, pen_name="Overreacting?", email="writer@example.com")


def test_the_review_page_highlights_every_proposal(desk_client, letter):
    proposals = anonymizer.find_identifiers(letter.body)
    page = desk_client.get(f"/desk/letters/{letter.pk}/answer/").content.decode()
    assert len(proposals) >= 5
    assert page.count('<mark class="proposal">') == len(proposals)
    for number, p in enumerate(proposals, 1):
        assert f"{number}. {p.kind.capitalize()}:" in page
        assert f'value="{p.replacement}"' in page or not p.replacement
    assert not Article.objects.exists()  # looking starts nothing


def test_the_draft_starts_from_the_reviewed_copy_never_the_original(desk_client, letter):
    response = desk_client.post(f"/desk/letters/{letter.pk}/answer/", review(letter))
    letter.refresh_from_db()
    article = letter.article
    assert response["Location"] == f"/desk/letters/{letter.pk}/draft/"
    assert letter.state == State.ANSWERING
    assert article.status == Article.Status.DRAFT and article.title == "He says I'm overreacting"
    for identifier in ("Mark", "Deloitte", "34", "Provo", "Utah", "mark.fan@example.net"):
        assert identifier not in article.letter, identifier
    assert "my husband" in article.letter.lower() and "thirties" in article.letter
    assert LetterAccess.objects.filter(letter_id=letter.pk, action="answered").exists()


def test_an_edited_replacement_is_used_and_a_kept_one_stays(desk_client, letter):
    desk_client.post(f"/desk/letters/{letter.pk}/answer/",
                     review(letter, Deloitte=("replace", "a consulting firm"), **{"34": ("keep", "")}))
    text = Letter.objects.get(pk=letter.pk).article.letter
    assert "a consulting firm" in text and "34" in text


def test_a_review_made_for_other_proposals_is_refused(desk_client, letter):
    data = review(letter)
    data["fingerprint"] = "0" * 16
    response = desk_client.post(f"/desk/letters/{letter.pk}/answer/", data)
    assert response.status_code == 400
    assert "proposals changed" in response.content.decode()
    assert Letter.objects.get(pk=letter.pk).article is None


def test_starting_twice_keeps_one_draft(desk_client, letter):
    desk_client.post(f"/desk/letters/{letter.pk}/answer/", review(letter))
    services.start_answer(letter, reviewed_letter="another copy")
    assert Article.objects.count() == 1
    assert desk_client.get(f"/desk/letters/{letter.pk}/answer/")["Location"] == f"/desk/letters/{letter.pk}/draft/"


def test_a_declined_letter_cannot_be_answered(desk_client, make_letter):
    letter = make_letter(state=State.DECLINED)
    desk_client.post(f"/desk/letters/{letter.pk}/answer/", review(letter))
    assert not Article.objects.exists()


def draft_data(article, **overrides):
    data = {"title": article.title, "letter": article.letter, "answer": "Start with what you long for.",
            "visibility": "public", "publish_at": ""}
    data.update(overrides)
    return data


def publish_from_editor(client, letter, **overrides):
    """Publish as the expert does: the editor's Publish button, then the confirmation's yes."""
    letter.refresh_from_db()
    data = draft_data(letter.article, **overrides)
    asked = client.post(f"/desk/letters/{letter.pk}/draft/", {**data, "publish": "1"})
    assert asked.status_code == 200 and "Yes, " in asked.content.decode(), asked.status_code
    return client.post(f"/desk/letters/{letter.pk}/publish/", {"publish_at": data["publish_at"], "confirm": "on"})


@pytest.fixture
def answering(desk_client, letter):
    desk_client.post(f"/desk/letters/{letter.pk}/answer/", review(letter))
    letter.refresh_from_db()
    return letter


def test_publishing_now_publishes_the_article_and_tells_the_writer_once(desk_client, answering, smtp_server):
    article = answering.article
    response = publish_from_editor(desk_client, answering)
    answering.refresh_from_db()
    article.refresh_from_db()
    assert response.status_code == 302
    assert article.is_visible() and answering.state == State.PUBLISHED
    assert answering.email == "" and answering.notified_at is not None
    deliver_outbox()
    sent = smtp_server.to("writer@example.com")
    assert len(sent) == 1
    assert article.get_absolute_url() in sent[0].get_body(("plain",)).get_content()
    assert "Overreacting?" in sent[0].get_body(("plain",)).get_content()
    assert LETTER[:40] not in sent[0].as_string()
    # Publishing again (say, after an edit) sends nothing more.
    services.publish_answer(answering, article)
    services.notify_due_writers()
    deliver_outbox()
    assert len(smtp_server.to("writer@example.com")) == 1


def test_the_writers_address_is_gone_from_the_outbox_once_sent(desk_client, answering, smtp_server):
    from dearly.mailing.models import OutgoingEmail

    publish_from_editor(desk_client, answering)
    deliver_outbox()
    assert not OutgoingEmail.objects.filter(to="writer@example.com").exists()


def test_an_answer_is_needed_before_publishing(desk_client, answering):
    response = desk_client.post(f"/desk/letters/{answering.pk}/draft/",
                                {**draft_data(answering.article, answer=""), "publish": "1"})
    assert response.status_code == 400
    assert "Write the answer before publishing it" in response.content.decode()
    assert Letter.objects.get(pk=answering.pk).state == State.ANSWERING


def test_saving_a_draft_publishes_nothing(desk_client, answering):
    desk_client.post(f"/desk/letters/{answering.pk}/draft/", draft_data(answering.article, title="New title"))
    answering.article.refresh_from_db()
    assert answering.article.title == "New title" and answering.article.status == Article.Status.DRAFT


def test_a_scheduled_answer_tells_the_writer_only_when_it_is_out(desk_client, answering, smtp_server,
                                                                django_capture_on_commit_callbacks):
    at = timezone.localtime(timezone.now() + timedelta(days=2)).replace(second=0, microsecond=0)
    with django_capture_on_commit_callbacks(execute=True):
        publish_from_editor(desk_client, answering, publish_at=at.strftime("%Y-%m-%dT%H:%M"))
    answering.refresh_from_db()
    assert answering.state == State.PUBLISHED and not answering.article.is_visible()
    assert notify_writer_when_published.call(answering.pk) is False
    deliver_outbox()
    assert smtp_server.messages == []
    # The task enqueued for publication time (or the daily catch-up) sends it then.
    from django_tasks_db.models import DBTaskResult

    queued = DBTaskResult.objects.get(task_path=notify_writer_when_published.module_path)
    assert queued.run_after == at
    assert services.notify_writer(answering, now=at + timedelta(minutes=1)) is True
    deliver_outbox()
    assert len(smtp_server.to("writer@example.com")) == 1


def test_a_writer_without_an_email_gets_nothing(desk_client, make_letter, smtp_server):
    letter = make_letter(LETTER)
    services.move_letter(letter, State.ANSWERING)
    article = services.start_answer(letter, reviewed_letter="An anonymized letter.")
    services.save_draft(article, title="T", letter=article.letter, answer="A.")
    services.publish_answer(letter)
    deliver_outbox()
    assert smtp_server.messages == []


def test_the_published_answer_is_in_the_archive(desk_client, client, answering):
    publish_from_editor(desk_client, answering)
    from django.test import Client

    reader = Client()
    archive = reader.get("/qa/").content.decode()
    assert "He says I&#x27;m overreacting" in archive
    article_page = reader.get(answering.article.get_absolute_url()).content.decode()
    assert "Deloitte" not in article_page and "Provo" not in article_page


def test_editing_the_letter_in_the_draft_remakes_its_excerpt(desk_client, make_letter):
    letter = make_letter(LETTER)
    article = services.start_answer(letter, reviewed_letter="Ask Priscilla: my sister will not speak to me.")
    assert "Priscilla" in article.excerpt
    desk_client.post(f"/desk/letters/{letter.pk}/draft/",
                     draft_data(article, letter="Ask my friend: my sister will not speak to me."))
    article.refresh_from_db()
    assert "Priscilla" not in article.excerpt and article.excerpt.startswith("Ask my friend")


def test_saving_the_draft_unchanged_keeps_an_excerpt_the_expert_wrote(make_letter):
    letter = make_letter(LETTER)
    article = services.start_answer(letter, reviewed_letter="An anonymized letter.")
    Article.objects.filter(pk=article.pk).update(excerpt="The expert's own summary.")
    article.refresh_from_db()
    services.save_draft(article, title="T", letter=article.letter, answer="A.")
    article.refresh_from_db()
    assert article.excerpt == "The expert's own summary."


def test_the_published_address_follows_the_final_title_not_the_working_one(make_letter):
    letter = make_letter(LETTER)
    article = services.start_answer(letter, reviewed_letter="An anonymized letter.")
    assert article.slug.startswith("draft-a-letter-of-")
    services.save_draft(article, title="When a sister stops talking", letter=article.letter, answer="A.")
    services.publish_answer(letter, article)
    article.refresh_from_db()
    assert article.slug == "when-a-sister-stops-talking"
    # Once out, the address stays whatever the title becomes: people link to it.
    services.save_draft(article, title="A new title", letter=article.letter, answer="A.")
    services.publish_answer(letter, article)
    article.refresh_from_db()
    assert article.slug == "when-a-sister-stops-talking"


@pytest.mark.parametrize("detour", [(State.SHORTLISTED,), (State.DECLINED, State.NEW)],
                         ids=["shortlisted", "declined-then-reopened"])
def test_a_draft_whose_letter_left_answering_can_still_be_published(desk_client, answering, detour):
    for state in detour:
        services.move_letter(answering, state)
    page = desk_client.get(f"/desk/letters/{answering.pk}/").content.decode()
    assert "Continue the answer" in page
    publish_from_editor(desk_client, answering)
    answering.refresh_from_db()
    assert answering.state == State.PUBLISHED and answering.article.is_visible()


def test_starting_again_after_a_detour_puts_the_letter_back_to_answering(answering):
    article = answering.article
    services.move_letter(answering, State.SHORTLISTED)
    assert services.start_answer(answering, reviewed_letter="another copy") == article
    answering.refresh_from_db()
    assert answering.state == State.ANSWERING and answering.article == article


def test_a_declined_letter_with_a_draft_stays_declined(answering):
    services.move_letter(answering, State.DECLINED)
    services.start_answer(answering, reviewed_letter="another copy")
    assert Letter.objects.get(pk=answering.pk).state == State.DECLINED
    with pytest.raises(services.LetterRefused):
        services.publish_answer(answering)
