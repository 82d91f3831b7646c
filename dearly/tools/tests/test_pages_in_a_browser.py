"""Every page of the tools (and the desk's page on them) in a real browser at phone width:
readable without sideways scrolling, and axe finds no serious violations. (The journey of two
partners through the tools is the cycle map's browser test.)"""

import pytest
from django.conf import settings as django_settings
from django.test import Client

from dearly.testing import sign_in_with_second_factor
from dearly.tools import services
from dearly.tools.tests.conftest import HANDS_ON_THROAT


def browser_signed_in_as(page, live_server, client: Client):
    page.context.add_cookies([{"name": django_settings.SESSION_COOKIE_NAME, "url": live_server.url,
                               "value": client.cookies[django_settings.SESSION_COOKIE_NAME].value}])


def fits_and_passes(page, axe, url):
    page.goto(url)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), url
    assert axe(page) == [], url


@pytest.mark.browser
def test_tools_pages_read_on_a_phone_and_pass_axe(live_server, page, axe, transactional_db, crisis_services,
                                                  person, expert, settings):
    settings.SITE_URL = live_server.url
    page.set_viewport_size({"width": 390, "height": 844})
    ana, ben = person("ana@example.com"), person("ben@example.com")
    _invite, code = services.create_invite(ana)
    services.link_with_code(ben, code, ip="127.0.0.1")
    services.record_check_in(ana, need=9, connected=3, note="Quiet evening", share=True)
    services.record_check_in(ben, need=4, connected=6, share=True)
    services.record_check_up(ana, {"happiness": 3, "warmth": 3, "rewarding": 2, "satisfied": 3}, share=True)
    browser_signed_in_as(page, live_server, ana.client)
    for path in ("/tools/", "/tools/check-in/", "/tools/check-up/", "/tools/partner/"):
        fits_and_passes(page, axe, live_server.url + path)
    page.goto(live_server.url + "/tools/check-in/")
    import os
    if os.environ.get("TOOLS_SCREENSHOT"):
        page.screenshot(path=os.environ["TOOLS_SCREENSHOT"], full_page=True)
    page.get_by_role("button", name="Save my check-in").click()  # nothing chosen: errors beside the fields
    page.get_by_text("Please look at the answers marked below.").wait_for()
    assert axe(page) == []
    page.get_by_text("7", exact=True).first.click()
    page.locator("fieldset", has_text="How connected").get_by_text("2", exact=True).click()
    page.get_by_label("One sentence, if you like").fill(HANDS_ON_THROAT)
    page.get_by_role("button", name="Save my check-in").click()
    page.get_by_role("heading", name="You deserve to be safe").wait_for()  # paused, help shown
    assert axe(page) == []

    # Someone without a partner code yet, on the free tier: the join prompt and the code form.
    dan = person("dan@example.com", paying=False)
    page.context.clear_cookies()
    browser_signed_in_as(page, live_server, dan.client)
    fits_and_passes(page, axe, live_server.url + "/tools/")
    fits_and_passes(page, axe, live_server.url + "/tools/partner/")

    page.context.clear_cookies()
    desk = sign_in_with_second_factor(Client(), expert)
    browser_signed_in_as(page, live_server, desk)
    page.set_viewport_size({"width": 1200, "height": 900})
    fits_and_passes(page, axe, live_server.url + "/desk/tools/")
