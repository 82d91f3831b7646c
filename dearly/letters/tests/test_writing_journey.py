"""A reader writes in, in a real browser under the site's strict CSP: similar answers appear as
they write, and a reader in danger sees help before anything else."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from dearly.letters.models import Letter

pytestmark = pytest.mark.browser

LETTER = (
    "On a scale of ten my need for closeness is a nine and my husband's is a two. We tried "
    "counseling and it did not help. We avoid each other or we fight, and I feel alone in the "
    "marriage. How do we connect emotionally again?"
)
CRISIS = (
    "My boyfriend hit me again last night and I am scared to go home. He took my phone and my "
    "keys so I could not call anyone."
)


@pytest.fixture
def site(live_server, transactional_db, crisis_services, settings):
    settings.LETTER_MIN_FILL_SECONDS = 0
    call_command("load_demo")
    return live_server.url


@pytest.fixture
def watched(page, site):
    """The page, with every request's host and every console complaint recorded."""
    page.hosts, page.complaints = set(), []
    page.on("request", lambda request: page.hosts.add(request.url.split("/")[2]))
    page.on("console", lambda msg: page.complaints.append(msg.text) if msg.type in ("error", "warning") else None)
    return page


def fill_letter(page, text, *, pen_name="Far apart"):
    page.get_by_label("Pen name").fill(pen_name)
    page.get_by_label("Your letter").fill(text)
    page.get_by_label("I agree that my letter may be published").check()
    page.get_by_label("I agree that Dearly may keep and read").check()


def test_a_reader_writes_a_letter_and_sees_answers_that_may_already_help(watched, site, axe):
    page = watched
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site + "/ask/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Write to")
    assert axe(page) == []

    fill_letter(page, LETTER)
    expect(page.locator("#word-count")).to_have_text(f"{len(LETTER.split())} of 600 words")
    similar = page.locator("#similar")
    expect(similar.get_by_role("heading", name="This may already help")).to_be_visible()
    expect(similar.get_by_role("link", name="My need for closeness is a nine")).to_be_visible()
    expect(page.locator("#similar-status")).to_contain_text("like your letter")
    assert Letter.objects.count() == 12  # looking sends nothing (the demo's twelve are there)

    page.get_by_role("button", name="Send my letter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your letter has arrived")
    expect(page.get_by_role("link", name="My need for closeness is a nine")).to_be_visible()
    assert page.get_by_role("region", name="Please reach out for help now").count() == 0
    assert axe(page) == []
    assert Letter.objects.filter(pen_name="Far apart", urgent=False).exists()
    assert page.hosts <= {site.split("/")[2]}, page.hosts
    assert not [c for c in page.complaints if "Content Security Policy" in c or "Refused" in c], page.complaints


def test_a_reader_in_danger_sees_help_first(watched, site, axe):
    page = watched
    page.goto(site + "/ask/")
    fill_letter(page, CRISIS, pen_name="Scared")
    page.get_by_role("button", name="Send my letter").click()

    crisis = page.get_by_role("region", name="Please reach out for help now")
    expect(crisis).to_be_visible()
    # First in the page's main content, for eyes and for screen readers alike.
    first = page.locator("main > *").first
    expect(first).to_have_attribute("aria-labelledby", "crisis-heading")
    expect(crisis.get_by_role("heading", name="National Domestic Violence Hotline")).to_be_visible()
    expect(crisis.get_by_role("link", name="Call 1-800-799-7233")).to_have_attribute("href", "tel:18007997233")
    expect(page.get_by_role("link", name="Leave this site quickly")).to_be_visible()
    assert axe(page) == []
    assert Letter.objects.get(pen_name="Scared").urgent


def test_the_form_works_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/ask/")
    fill_letter(page, LETTER, pen_name="No script")
    page.get_by_role("button", name="Look for answers first").click()
    expect(page.get_by_role("link", name="My need for closeness is a nine")).to_be_visible()
    expect(page.get_by_label("Your letter")).to_have_value(LETTER)
    page.get_by_label("I agree that my letter may be published").check()
    page.get_by_label("I agree that Dearly may keep and read").check()
    page.get_by_role("button", name="Send my letter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your letter has arrived")
    assert Letter.objects.filter(pen_name="No script").exists()
    context.close()


def test_a_refused_letter_comes_back_with_its_words_and_the_error_beside_the_box(watched, site):
    page = watched
    page.goto(site + "/ask/")
    page.get_by_label("Pen name").fill("Forgetful")
    page.get_by_label("Your letter").fill(LETTER)
    page.get_by_role("button", name="Send my letter").click()
    expect(page.get_by_role("alert")).to_contain_text("has not been sent yet")
    expect(page.get_by_label("Your letter")).to_have_value(LETTER)
    expect(page.get_by_text("we can only consider letters we may publish")).to_be_visible()
    assert not Letter.objects.filter(pen_name="Forgetful").exists()


@pytest.mark.parametrize("width, height", [(390, 844), (1280, 800)])
def test_a_reader_in_danger_is_offered_help_while_still_writing_above_the_letter(watched, site, axe, width, height):
    page = watched
    page.set_viewport_size({"width": width, "height": height})
    page.goto(site + "/ask/")
    box = page.get_by_label("Your letter")
    box.fill(CRISIS)
    help_now = page.locator("#help-now-live")
    expect(help_now.get_by_role("heading", name="You don't have to wait for an answer")).to_be_visible()
    expect(help_now).to_contain_text("1-800-799-7233")
    # Where the writer is looking: above the box they are typing in, and on screen.
    assert help_now.bounding_box()["y"] + help_now.bounding_box()["height"] <= box.bounding_box()["y"] + 1
    expect(help_now.get_by_role("heading", name="You don't have to wait for an answer")).to_be_in_viewport()
    # ...and said out loud, once, by a live region that was on the page before it changed.
    expect(page.locator("#help-now-status")).to_have_attribute("role", "status")
    expect(page.locator("#help-now-status")).to_contain_text("Help is available now")
    # The answers that may help stay below the letter.
    assert page.locator("#similar").bounding_box()["y"] > box.bounding_box()["y"]
    assert axe(page) == []
    assert Letter.objects.count() == 12  # nothing was sent or kept
    # Nothing typed is kept in the browser, where someone else could find it. (htmx notes the
    # page's path, "/ask/", in this tab's sessionStorage; never a word of the letter.)
    stored = page.evaluate("JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)])")
    assert "scared" not in stored and "boyfriend" not in stored, stored
    assert page.evaluate("localStorage.length") == 0


@pytest.fixture
def slow_site(live_server, transactional_db, crisis_services, settings):
    settings.LETTER_MIN_FILL_SECONDS = 60  # a person could not type a letter in a minute
    call_command("load_demo")
    return live_server.url


def test_a_pasted_letter_sent_at_once_is_stored_after_one_more_click(page, slow_site, axe):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(slow_site + "/ask/")
    fill_letter(page, LETTER, pen_name="Pasted it")  # filled at once, as a paste is
    page.get_by_role("button", name="Send my letter").click()
    expect(page.get_by_role("alert")).to_contain_text("Please press Send once more to confirm")
    # The page opens where the writer must act: the reason, and Send, on screen.
    expect(page.get_by_role("alert")).to_be_in_viewport()
    expect(page.get_by_role("button", name="Send my letter")).to_be_focused()
    expect(page.get_by_label("Your letter")).to_have_value(LETTER)
    expect(page.get_by_label("Pen name")).to_have_value("Pasted it")
    assert not Letter.objects.filter(pen_name="Pasted it").exists()
    assert axe(page) == []

    page.get_by_role("button", name="Send my letter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your letter has arrived")
    assert Letter.objects.filter(pen_name="Pasted it", body=LETTER).count() == 1


def test_a_writer_who_says_they_are_thinking_of_ending_their_life_sees_988_first(watched, site, axe):
    page = watched
    page.goto(site + "/ask/")
    harmless = "We disagree about where to spend the holidays this year and it keeps coming up."
    fill_letter(page, harmless, pen_name="Said it")
    page.get_by_label("I’m thinking of ending my life").check()
    page.get_by_role("button", name="Send my letter").click()

    crisis = page.get_by_role("region", name="Please reach out for help now")
    expect(crisis).to_be_visible()
    expect(page.locator("main > *").first).to_have_attribute("aria-labelledby", "crisis-heading")
    expect(crisis).to_contain_text("You told us you are thinking of ending your life")
    expect(crisis.get_by_role("heading").nth(1)).to_have_text("988 Suicide & Crisis Lifeline")
    expect(page.get_by_role("link", name="Leave this site quickly")).to_be_visible()
    assert axe(page) == []
    letter = Letter.objects.get(pen_name="Said it")
    assert letter.urgent and letter.writer_signal == "ending_life"


def test_the_letter_form_has_the_quick_exit_and_escape_leaves_it(page, site, axe):
    page.route("https://www.weather.gov/**", lambda route: route.fulfill(body="<title>Weather</title>",
                                                                         content_type="text/html"))
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site + "/ask/")
    expect(page.get_by_role("link", name="Leave this site quickly")).to_be_visible()
    assert axe(page) == []
    page.get_by_label("Your letter").fill("Nobody must see this.")
    # Escape while an input method is composing a word (Japanese, Chinese, Korean) only cancels
    # that word: the letter stays.
    page.get_by_label("Your letter").dispatch_event("keydown", {"key": "Escape", "isComposing": True, "bubbles": True})
    page.wait_for_timeout(300)
    assert page.url.endswith("/ask/")
    page.keyboard.press("Escape")
    page.wait_for_url("https://www.weather.gov/**")
    page.go_back()
    assert "/ask/" not in page.url  # the letter form is not in the history to go back to


def test_the_letter_form_passes_the_accessibility_check_on_a_desktop(page, site, axe):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(site + "/ask/")
    assert axe(page) == []


def test_the_live_word_count_ignores_characters_nobody_can_see(page, site):
    page.goto(site + "/ask/")
    page.get_by_label("Your letter").fill("\ufeffhel\u200blo wor\u00adld\u200b \u00a0")
    expect(page.locator("#word-count")).to_have_text("2 of 600 words")
