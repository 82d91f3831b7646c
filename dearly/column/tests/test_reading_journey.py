"""A reader's journey through the column in a real browser, on a phone and on a desktop."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


@pytest.fixture
def demo_site(live_server, transactional_db):
    call_command("load_demo")
    return live_server.url


@pytest.mark.parametrize("size", SIZES)
def test_a_reader_reads_the_column_from_home_to_search(page, demo_site, axe, size):
    page.set_viewport_size(SIZES[size])
    requested_hosts = set()
    page.on("request", lambda request: requested_hosts.add(request.url.split("/")[2]))

    page.goto(demo_site + "/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Letters about love")
    assert axe(page) == []

    page.get_by_role("link", name="My need for closeness is a nine").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("My need for closeness")
    expect(page.get_by_role("region", name="The answer")).to_contain_text("cycle of disconnection")
    assert axe(page) == []

    page.get_by_role("main").get_by_role("link", name="Pursue–withdraw").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pursue–withdraw")
    assert page.locator("article.card").count() >= 2
    assert axe(page) == []

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Search").click()
    page.get_by_label("Words to look for").fill("credit card")
    page.get_by_label("Words to look for").press("Enter")
    expect(page.get_by_role("status")).to_contain_text("for “credit card”")
    expect(page.locator(".snippet mark").first).to_be_visible()
    assert axe(page) == []

    page.locator("article.card h2 a").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("credit card")
    assert requested_hosts <= {demo_site.split("/")[2]}, requested_hosts


def test_a_members_only_article_shows_the_join_prompt(page, demo_site):
    page.goto(demo_site + "/qa/he-says-porn-is-normal/")
    expect(page.get_by_role("heading", name="The rest of this answer is for members")).to_be_visible()
    page.get_by_role("link", name="See membership").click()
    expect(page).to_have_url(demo_site + "/join/")


def test_the_column_reads_without_javascript(browser, demo_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(demo_site + "/search/?q=phone")
    expect(page.locator("article.card").first).to_be_visible()
    context.close()


def test_quick_exit_leaves_and_takes_the_page_out_of_history(page, demo_site):
    # The weather page is answered here, so the test sends nothing to another host.
    page.route("https://www.weather.gov/**", lambda route: route.fulfill(body="<h1>Weather</h1>",
                                                                        content_type="text/html"))
    page.goto(demo_site + "/")
    page.goto(demo_site + "/help-now/")
    page.keyboard.press("Escape")
    page.wait_for_url("https://www.weather.gov/")
    page.go_back()
    assert page.url == demo_site + "/"


def test_on_a_phone_the_main_pages_pass_axe_and_help_is_at_the_top(page, demo_site, axe, crisis_services):
    page.set_viewport_size(SIZES["phone"])
    for path in ("/", "/qa/he-cant-connect-emotionally/", "/help-now/", "/search/?q=phone", "/qa/",
                 "/topics/communication/"):
        response = page.goto(demo_site + path)
        assert response.ok, path
        help_link = page.get_by_role("banner").get_by_role("link", name="Get help now")
        expect(help_link).to_be_in_viewport()
        assert axe(page) == [], path
        icon = page.locator('link[rel="icon"]').get_attribute("href")
        assert page.request.get(demo_site + icon).ok
    page.goto(demo_site + "/help-now/")
    call = page.get_by_role("link", name="Call 1-800-799-7233")
    expect(call).to_have_attribute("href", "tel:18007997233")
    expect(page.get_by_role("link", name="Text HOME to 741741")).to_have_attribute("href", "sms:741741?body=HOME")
    box = call.bounding_box()
    assert box["height"] >= 24 and box["x"] + box["width"] <= 390  # a thumb can reach it, nothing overflows
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
