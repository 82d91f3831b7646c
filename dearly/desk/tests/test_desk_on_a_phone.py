"""The desk on a phone (390 px wide, like a current iPhone): no page scrolls sideways, and each
passes the accessibility check."""

import pytest
from django.core.management import call_command

from dearly.letters.models import Letter
from dearly.mailing import services as mailing
from dearly.mailing.models import MailboxMessage, OptInForm, Subscriber
from dearly.mailing.testing import deliver_outbox
from dearly.testing import set_up_two_factor_in_browser

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
LONG_ADDRESS = "a.very.long.address.that.does.not.fit.on.a.phone.screen@an-even-longer-domain-name.example.com"


@pytest.fixture
def practice(live_server, transactional_db, crisis_services, expert, settings):
    settings.EMAIL_BACKEND = "dearly.email.mailbox.MailboxBackend"
    call_command("load_demo")
    form = OptInForm.objects.filter(guide__isnull=False).first()
    mailing.sign_up(email=LONG_ADDRESS, form=form, name="Wren")
    deliver_outbox()
    return live_server.url


def sign_in(page, site):
    page.goto(site + "/desk/login/")
    page.get_by_label("User name").fill("nora")
    page.get_by_label("Password").fill("pw-for-tests-only")
    page.get_by_role("button", name="Sign in").click()
    set_up_two_factor_in_browser(page)  # the desk asks for a second factor now
    page.get_by_role("heading", name="Letters", level=1).wait_for()


def test_the_desk_fits_a_phone_screen_and_passes_the_accessibility_check(browser, practice, axe):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    sign_in(page, practice)
    urgent = Letter.objects.filter(urgent=True).first()
    answering = Letter.objects.filter(state=Letter.State.ANSWERING, article__isnull=False).first()
    message = MailboxMessage.objects.filter(to=LONG_ADDRESS).first()
    person = Subscriber.objects.get(email=LONG_ADDRESS)
    for path in ("/desk/", "/desk/?state=all", f"/desk/letters/{urgent.pk}/", f"/desk/letters/{answering.pk}/draft/",
                 "/desk/subscribers/", f"/desk/subscribers/{person.pk}/", "/desk/mailbox/",
                 f"/desk/mailbox/{message.pk}/", "/desk/access-log/", "/desk/guides/"):
        page.goto(practice + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], (path, width)
        assert axe(page) == [], path
    # The desk has its own frame: the public site's header and footer are not there.
    assert page.locator(".site-header").count() == 0 and page.locator("nav[aria-label=Desk]").count() == 1
    context.close()
