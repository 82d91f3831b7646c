"""A new letter is prepared by the worker: its vector, the anonymizer's proposals and suggested
topics are stored, so that the desk opens at once; and they go when the letter goes."""

from datetime import timedelta

from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from dearly.column.services import create_article
from dearly.letters import search, selectors, services, tasks
from dearly.letters.models import Letter

NAMED = ("My husband Kyle works at the Walmart in Provo and he never talks to me. I'm 34 and "
         "I feel invisible in my own marriage. Email me at tired.wife@example.com.")


def test_the_worker_stores_proposals_topics_and_a_vector(make_letter, django_capture_on_commit_callbacks):
    create_article(title="He never talks to me", letter="My husband shuts down and won't talk when I try.",
                   answer="An answer.", topics=["Communication"], publish_at=timezone.now() - timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        letter = make_letter(NAMED)
    assert Letter.objects.get(pk=letter.pk).prepared_at is None  # queued, not yet run
    queued = DBTaskResult.objects.get(task_path=tasks.prepare_letter_for_desk.module_path)
    assert queued.args_kwargs["args"] == [letter.pk]
    assert tasks.prepare_letter_for_desk.call(*queued.args_kwargs["args"]) is True  # what the worker runs

    letter.refresh_from_db()
    assert letter.prepared_at is not None
    kinds = {p["kind"] for p in letter.proposals}
    assert {"name", "email", "age"} <= kinds
    assert any(p["original"] == "tired.wife@example.com" for p in letter.proposals)
    assert search.stored_vector(letter.pk) is not None
    assert [p.original for p in selectors.proposals_for(letter)] == [p["original"] for p in letter.proposals]


def test_preparing_twice_or_after_the_letter_is_gone_is_harmless(make_letter):
    letter = make_letter(NAMED)
    assert services.prepare_letter(letter.pk) and services.prepare_letter(letter.pk)
    first = Letter.objects.get(pk=letter.pk).proposals
    assert services.prepare_letter(letter.pk) and Letter.objects.get(pk=letter.pk).proposals == first
    letter.delete()
    assert services.prepare_letter(letter.pk) is False


def test_the_desk_uses_the_stored_proposals(make_letter, desk_client):
    letter = make_letter(NAMED)
    services.prepare_letter(letter.pk)
    Letter.objects.filter(pk=letter.pk).update(proposals=[
        {"kind": "name", "start": NAMED.index("Kyle"), "end": NAMED.index("Kyle") + 4, "original": "Kyle",
         "replacement": "[name]",
         "reason": "stored by the worker"}])
    page = desk_client.get(f"/desk/letters/{letter.pk}/answer/").content.decode()
    assert "stored by the worker" in page


def test_a_purged_letter_takes_its_vector_with_it(make_letter):
    letter = make_letter(NAMED, days_ago=400)
    services.prepare_letter(letter.pk)
    assert search.stored_vector(letter.pk) is not None
    services.purge_expired_letters()
    assert not Letter.objects.filter(pk=letter.pk).exists()
    assert search.stored_vector(letter.pk) is None


def test_worth_a_look_letters_have_their_own_queue(make_letter, desk_client):
    plain = make_letter()
    heavy = make_letter()
    Letter.objects.filter(pk=heavy.pk).update(screening_outcome="worth_a_look")
    ids = [letter.pk for letter in selectors.inbox(state="worth_a_look")]
    assert ids == [heavy.pk] and plain.pk not in ids
    assert selectors.counts()["worth_a_look"] == 1
    assert "Worth a look" in desk_client.get("/desk/").content.decode()
