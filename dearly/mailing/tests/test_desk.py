"""The desk: uploading a guide, placing forms with versioned wording, and the mailbox."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dearly.mailing import services
from dearly.mailing.models import Guide, MailboxMessage, OptInForm
from dearly.mailing.testing import deliver_outbox
from dearly.mailing.tests.helpers import make_form, make_guide, tiny_pdf

pytestmark = pytest.mark.django_db


def guide_data(**extra):
    return {"title": "Money talks", "slug": "money-talks", "summary": "Talking about money without a fight.",
            "landing_text": "Why **money** fights are never about money.", "is_published": "on", **extra}


def test_the_expert_uploads_a_guide_and_its_page_is_live(desk_client, client):
    pdf = SimpleUploadedFile("money.pdf", tiny_pdf("Money talks"), content_type="application/pdf")
    response = desk_client.post("/desk/guides/new/", guide_data(pdf=pdf))
    assert response.status_code == 302
    guide = Guide.objects.get()
    assert guide.pdf.read().startswith(b"%PDF-")
    assert b"<strong>money</strong>" in desk_client.get("/free/money-talks/").content


def test_a_file_that_is_not_a_pdf_is_refused_beside_the_field(desk_client):
    fake = SimpleUploadedFile("money.pdf", b"<html>not a pdf</html>", content_type="application/pdf")
    response = desk_client.post("/desk/guides/new/", guide_data(pdf=fake))
    assert response.status_code == 400
    html = response.content.decode()
    assert "That file is not a PDF" in html and 'value="Money talks"' in html
    assert not Guide.objects.exists()


def test_help_and_errors_are_tied_to_their_fields(desk_client):
    fake = SimpleUploadedFile("money.pdf", b"not a pdf", content_type="application/pdf")
    html = desk_client.post("/desk/guides/new/", guide_data(pdf=fake)).content.decode()
    # Django points each input at "<id>_helptext" and "<id>_error": those ids must exist.
    assert 'aria-describedby="id_slug_helptext"' in html and 'id="id_slug_helptext"' in html
    assert 'aria-describedby="id_pdf_error"' in html and 'id="id_pdf_error"' in html
    assert '<label class="checkbox" for="id_is_published"><input type="checkbox"' in html


def test_the_expert_places_a_form_and_rewording_it_keeps_the_old_words(desk_client, client):
    guide = make_guide()
    data = {"name": "Home", "placement": "home", "guide": guide.pk, "heading": "A free guide for couples",
            "blurb": "Four pages.", "button_label": "Send it to me", "is_active": "on",
            "consent_text": "First words."}
    assert desk_client.post("/desk/guides/forms/new/", data).status_code == 302
    form = OptInForm.objects.get()
    assert b"First words." in client.get("/").content
    desk_client.post(f"/desk/guides/forms/{form.pk}/", {**data, "consent_text": "Second words."})
    desk_client.post(f"/desk/guides/forms/{form.pk}/", {**data, "consent_text": "Second words."})
    assert [(w.version, w.text) for w in form.wordings.order_by("version")] == [(1, "First words."),
                                                                                  (2, "Second words.")]
    assert b"Second words." in client.get("/").content
    assert b"First words." in desk_client.get(f"/desk/guides/forms/{form.pk}/").content


def test_a_landing_page_form_needs_its_guide(desk_client):
    data = {"name": "Landing", "placement": "landing", "heading": "Get it", "button_label": "Send",
            "consent_text": "Words."}
    response = desk_client.post("/desk/guides/forms/new/", data)
    assert response.status_code == 400 and b"belongs to a guide" in response.content


def test_the_mailbox_shows_emails_with_clickable_links(desk_client, settings):
    settings.EMAIL_BACKEND = "dearly.email.mailbox.MailboxBackend"
    services.sign_up(email="sam@example.com", form=make_form(make_guide()))
    deliver_outbox()
    message = MailboxMessage.objects.get()
    listing = desk_client.get("/desk/mailbox/").content.decode()
    assert "sam@example.com" in listing and f"/desk/mailbox/{message.pk}/" in listing
    page = desk_client.get(f"/desk/mailbox/{message.pk}/").content.decode()
    assert f'<a href="{settings.SITE_URL}/confirm/' in page
    html = desk_client.get(f"/desk/mailbox/{message.pk}/html/")
    assert "sandbox" in html["Content-Security-Policy"] and b"Yes, I asked for it" in html.content
