"""Every desk page answers the expert without an error, on real data: the demo content (letters
in every state, guides, forms, subscribers, an import) plus a sign-up waiting in the mailbox and
a follow-up of an urgent letter.

The pages are read from the URL resolver and filled with the ids of real objects, so a desk page
added later is visited without anyone remembering to add it here."""

import pytest
from django.core.management import call_command

from dearly.column.models import Article
from dearly.desk.services import record_follow_up, record_triage
from dearly.letters.models import Letter
from dearly.mailing import services as mailing
from dearly.mailing.models import Guide, MailboxMessage, OptInForm, Subscriber, SubscriberImport
from dearly.mailing.testing import deliver_outbox
from dearly.members.models import Membership, Question, Tier
from dearly.newsletter import sending
from dearly.newsletter import services as newsletter
from dearly.newsletter.models import Broadcast
from dearly.resources.models import Resource
from dearly.tests.test_desk_is_guarded import OPEN_DESK_URLS, desk_routes, fill
from dearly.welcome.models import WelcomeStep

# Which objects fill a desk URL's <pk>, by the URL's name.
OBJECTS = {
    "letter": Letter, "move": Letter, "follow_up": Letter, "triage": Letter, "note": Letter, "topics": Letter, "answer": Letter, "draft": Letter,
    "draft_preview": Letter, "draft_autosave": Letter, "publish": Letter,
    "guide_edit": Guide, "form_edit": OptInForm,
    "subscriber": Subscriber, "subscriber_csv": Subscriber, "import_preview": SubscriberImport,
    "mailbox_message": MailboxMessage, "mailbox_html": MailboxMessage,
    "tier_edit": Tier, "question_edit": Question, "end_complimentary": Membership,
    "welcome_edit": WelcomeStep, "welcome_test": WelcomeStep,
    **{name: Broadcast for name in ("newsletter_issue", "newsletter_edit", "newsletter_email_html", "newsletter_test",
                                    "newsletter_send", "newsletter_schedule", "newsletter_retry", "newsletter_progress",
                                    "newsletter_pause", "newsletter_resume", "newsletter_cancel", "newsletter_unschedule")},
    "resource_edit": Resource, "resource_delete": Resource,
}


@pytest.fixture
def practice(db, settings, crisis_services, expert):
    """A practice in full swing, made by the same code as `make run`'s demo."""
    settings.EMAIL_BACKEND = "dearly.email.mailbox.MailboxBackend"
    call_command("load_demo")
    form = OptInForm.objects.filter(guide__isnull=False).first()
    mailing.sign_up(email="waiting@example.com", form=form, name="Wren")
    deliver_outbox()
    record_follow_up(Letter.objects.filter(urgent=True).first(), by=expert, action="referred", note="To a local shelter.")
    record_triage(Letter.objects.filter(urgent=False).first(), by=expert, reading="worth_a_look",
                  categories=["abuse_at_home"], note="Read it twice.")
    assert set(Letter.objects.values_list("state", flat=True)) == set(Letter.State.values)
    assert Letter.objects.filter(urgent=True).exists() and Article.objects.exists()
    assert MailboxMessage.objects.exists() and SubscriberImport.objects.exists()
    # Issues in every state: a draft, one sending, one sent.
    newsletter.create_broadcast(subject="A draft", body="Words.")
    newsletter.start_sending(newsletter.create_broadcast(subject="Going out", body="Words."))
    sending.send_all()
    newsletter.start_sending(newsletter.create_broadcast(subject="Just started", body="Words."))
    assert WelcomeStep.objects.exists()


def every_desk_page():
    """Each desk URL once for every object that can fill it (every letter, in every state)."""
    urls = []
    for route, pattern in desk_routes():
        if "<" not in route:
            urls.append(route)
            continue
        model = OBJECTS.get(pattern.name)
        assert model is not None, f"{route} ({pattern.name}): say which objects fill it in OBJECTS"
        for pk in model.objects.values_list("pk", flat=True):
            urls.append(fill(route, lambda converter, name, pk=pk: pk))
    return [url for url in urls if url not in OPEN_DESK_URLS]


def test_every_desk_page_answers_without_an_error(desk_client, practice):
    pages = every_desk_page()
    assert len(pages) > 40
    for url in pages:
        response = desk_client.get(url)
        assert response.status_code in (200, 302, 405), (url, response.status_code)
        assert "no-store" in response["Cache-Control"], url


def test_every_desk_form_posted_empty_answers_without_an_error(desk_client, practice):
    for url in every_desk_page():
        response = desk_client.post(url, {})
        assert response.status_code in (200, 302, 400, 405), (url, response.status_code)
        assert "no-store" in response["Cache-Control"], url
