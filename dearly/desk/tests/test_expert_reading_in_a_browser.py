"""The expert gives their own reading of a letter in a real browser, by keyboard alone: the
letter the screen let through moves to the top of the inbox, marked urgent."""

import pytest
from playwright.sync_api import expect

from dearly.desk.tests.test_expert_reading import UNSEEN, let_through
from dearly.letters import services
from dearly.testing import set_up_two_factor_in_browser

pytestmark = pytest.mark.browser


@pytest.fixture
def desk(live_server, transactional_db, crisis_services, expert):
    letter = let_through(services.submit_letter(pen_name="Worried mum", body=UNSEEN, consent_publication=True,
                                                consent_sensitive_data=True))
    return live_server.url, letter


def test_the_expert_reads_a_letter_as_urgent_by_keyboard_and_it_goes_to_the_top(page, desk, axe):
    site, letter = desk
    page.goto(site + f"/desk/letters/{letter.pk}/")
    page.get_by_label("User name").fill("nora")
    page.get_by_label("Password").fill("pw-for-tests-only")
    page.get_by_role("button", name="Sign in").click()
    set_up_two_factor_in_browser(page)
    page.goto(site + f"/desk/letters/{letter.pk}/")
    expect(page.get_by_role("heading", name="Crisis screening: nothing found")).to_be_visible()
    expect(page.get_by_role("heading", name="Your reading")).to_be_visible()

    # Keyboard only: the reading's radios, the category's checkbox, the button.
    page.get_by_role("radio", name="Not in danger").focus()  # the screen's reading, chosen already
    expect(page.get_by_role("radio", name="Not in danger")).to_be_checked()
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    expect(page.get_by_role("radio", name="In danger now: urgent")).to_be_checked()
    page.get_by_role("checkbox", name="A child at risk").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Record your reading").focus()
    page.keyboard.press("Enter")

    expect(page.get_by_role("status")).to_contain_text("Your reading is recorded: in danger now: urgent")
    expect(page.get_by_role("heading", name="Crisis screening: urgent")).to_be_visible()
    expect(page.locator(".triages")).to_contain_text("the screen had said: nothing found")
    assert axe(page) == []
    page.goto(site + "/desk/")
    first_row = page.locator("table.inbox tbody tr").first
    expect(first_row).to_contain_text("Worried mum")
    expect(first_row).to_contain_text("Urgent")
