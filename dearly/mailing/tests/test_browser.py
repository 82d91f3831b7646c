"""A reader in a real browser: from the home page's form to the downloaded PDF."""

import pytest

from dearly.mailing.models import GuideDownload, MailboxMessage, Placement, Subscriber
from dearly.mailing.testing import deliver_outbox
from dearly.mailing.tests.helpers import links, make_form, make_guide


@pytest.mark.browser
def test_a_reader_gets_the_free_guide_from_the_home_page(live_server, page, settings, axe):
    settings.SITE_URL = live_server.url
    settings.EMAIL_BACKEND = "dearly.email.mailbox.MailboxBackend"
    make_form(make_guide(), placement=Placement.HOME)

    page.goto(live_server.url + "/")
    form = page.locator("section.signup")
    assert "Get the free guide" in form.inner_text()
    assert axe(page) == []
    form.get_by_label("Your email").fill("not an address")
    form.get_by_role("button").click()
    assert "doesn't look like an email address" in page.locator(".field .error").first.inner_text()
    assert page.get_by_label("Your email").input_value() == "not an address"  # nothing typed is lost
    page.get_by_label("Your email").fill("reader@example.com")
    page.get_by_label("Your first name").fill("Robin")
    page.get_by_role("button", name="Send it to me").click()
    page.get_by_role("heading", name="Check your inbox").wait_for()

    assert deliver_outbox() == 1
    [confirm_url] = links(MailboxMessage.objects.get(to="reader@example.com").body_text, "/confirm/")
    page.goto(confirm_url)
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING  # opening the link is not enough
    assert axe(page) == []
    page.get_by_role("button", name="Yes, confirm reader@example.com").click()
    page.get_by_role("heading", name="Thank you, you're on the list").wait_for()
    assert Subscriber.objects.get().status == Subscriber.Status.SUBSCRIBED

    assert deliver_outbox() == 1
    guide_email = MailboxMessage.objects.filter(subject__startswith="Your guide").get()
    assert guide_email.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    [download_url] = links(guide_email.body_text, "/download/")
    with page.expect_download() as download_info:
        page.evaluate("url => { window.location.href = url }", download_url)
    download = download_info.value
    assert download.suggested_filename == "ending-an-argument-well.pdf"
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    assert GuideDownload.objects.count() == 1

    # And leaving is as easy, from the same email.
    [preferences_url] = links(guide_email.body_text, "/preferences/")
    page.goto(preferences_url)
    assert axe(page) == []
    page.get_by_role("button", name="Unsubscribe from everything").click()
    page.get_by_text("Saved. It takes effect at once.").wait_for()
    assert Subscriber.objects.get().status == Subscriber.Status.UNSUBSCRIBED
