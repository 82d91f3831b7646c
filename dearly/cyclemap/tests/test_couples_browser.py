"""Two members in two real browsers: they link as partners with a code handed over in person,
each fills a check-in and a cycle map, they share, and each sees the joint chart and the joint
loop; one unlinks and the other loses access at once. axe finds no serious or critical
violation on any tools page, or on /resources/. (Signing in is tested in the members app: here
each browser gets a signed-in member's session cookie.)"""

import re

import pytest
from django.conf import settings
from django.test import Client

from dearly.cyclemap.models import CycleMap
from dearly.members import services as members
from dearly.members import signin
from dearly.members.models import Tier
from dearly.resources.demo import load as load_resources


def signed_in_browser(browser, base_url, member):
    client = Client()
    client.force_login(member.user)
    context = browser.new_context()
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                          "url": base_url}])
    return context.new_page()


def check_in(page, base, need, connected):
    page.goto(base + "/tools/check-in/")
    page.get_by_role("group", name="How much do you need closeness right now?").get_by_label(str(need), exact=True).check()
    page.get_by_role("group", name="How connected do you feel right now?").get_by_label(str(connected), exact=True).check()
    page.get_by_label("Share this check-in with my partner").check()
    page.get_by_role("button", name="Save my check-in").click()
    page.get_by_text("Your check-in is saved and shared with your partner.").wait_for()


def map_the_cycle(page, base, axe, *, moves, feelings, other_feeling=""):
    page.goto(base + "/tools/cycle/")
    page.get_by_role("button", name="Start a new map").click()
    page.get_by_text("Step 1 of 6:").wait_for()
    assert axe(page) == [], "step 1"
    # By keyboard: a space ticks a box, Enter presses the first button (Next).
    page.get_by_label("I reached out and got no response").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Enter")
    page.get_by_text("Step 2 of 6:").wait_for()
    page.get_by_label("That I'm failing you again").check()
    page.get_by_role("button", name="Next: What I showed on the outside").click()
    page.get_by_text("Step 3 of 6:").wait_for()
    page.get_by_role("button", name="Back").click()  # back, and the answer is still there
    page.get_by_text("Step 2 of 6:").wait_for()
    assert page.get_by_label("That I'm failing you again").is_checked()
    page.get_by_role("button", name="Next: What I showed on the outside").click()
    page.get_by_role("button", name="Next: What I did").click()
    page.get_by_text("Step 4 of 6:").wait_for()
    assert axe(page) == [], "step 4"
    for move in moves:
        page.get_by_label(move).check()
    page.get_by_role("button", name="Next: What I felt underneath").click()
    for feeling in feelings:
        page.get_by_label(feeling, exact=True).check()
    if other_feeling:
        page.get_by_label("I felt something else (in your own words)").fill(other_feeling)
    page.get_by_role("button", name="Next: What I long for").click()
    page.get_by_label("To be accepted as I am").check()
    page.get_by_role("button", name="Finish and see the map").click()
    page.get_by_role("heading", name="Your side of the cycle").wait_for()
    assert page.locator("svg.cycle-loop").count() == 1
    assert axe(page) == [], "map"
    page.get_by_role("button", name="Share with my partner").click()
    page.get_by_text("Shared with your partner").first.wait_for()


@pytest.mark.browser
def test_two_partners_link_map_their_cycle_share_and_one_unlinks(live_server, browser, axe, transactional_db):
    base = live_server.url
    tier = members.save_tier(Tier(name="Member", slug="member", included="Everything", monthly_price=500))
    ana, ben = signin.member_for_email("ana@example.com"), signin.member_for_email("ben@example.com")
    members.grant_complimentary(ana, tier)
    members.grant_complimentary(ben, tier)
    load_resources()
    ana_page, ben_page = signed_in_browser(browser, base, ana), signed_in_browser(browser, base, ben)

    # Ana makes a code and shows it to Ben, who types it in.
    ana_page.goto(base + "/tools/partner/")
    assert axe(ana_page) == []
    ana_page.get_by_role("button", name="Make a code").click()
    code = ana_page.get_by_label("Your code").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}", code), code
    ben_page.goto(base + "/tools/partner/")
    ben_page.get_by_label("The code your partner showed you").fill(code)
    ben_page.get_by_role("button", name="Link with my partner").click()
    ben_page.get_by_text("You are linked with your partner").wait_for()
    assert axe(ben_page) == []

    # Each checks in and shares; the chart shows both.
    check_in(ana_page, base, need=9, connected=3)
    check_in(ben_page, base, need=4, connected=5)
    ana_page.reload()
    ana_page.get_by_role("heading", name=re.compile("The two of you")).wait_for()
    assert axe(ana_page) == []

    # Each maps a fight and shares the map.
    map_the_cycle(ana_page, base, axe, moves=["I pressed for an answer", "I criticized or blamed"],
                  feelings=["Lonely", "Afraid"])
    map_the_cycle(ben_page, base, axe, moves=["I went quiet", "I left the room or the house"],
                  feelings=["Overwhelmed"], other_feeling="like a kid in trouble")
    ben_map = CycleMap.objects.get(author=ben).pk

    for page, theirs in ((ana_page, "you go quiet and leave the room"), (ben_page, "you press me for an answer")):
        page.goto(base + "/tools/cycle/")
        page.get_by_role("heading", name="The loop the two of you make").wait_for()
        assert page.get_by_role("img", name="Our cycle").count() == 1
        assert theirs in page.locator(".cycle-joint").inner_text()
        assert "It looks like pursue–withdraw" in page.content()
        assert axe(page) == []
    assert "“like a kid in trouble”" in ana_page.locator(".cycle-joint").inner_text()

    # Ana can read Ben's map; then Ben unlinks, and Ana loses it at once.
    assert ana_page.goto(f"{base}/tools/cycle/{ben_map}/").status == 200
    ben_page.goto(base + "/tools/partner/")
    ben_page.get_by_role("button", name="Unlink now").click()
    assert ana_page.goto(f"{base}/tools/cycle/{ben_map}/").status == 404
    ana_page.goto(base + "/tools/cycle/")
    assert ana_page.get_by_role("heading", name="The loop the two of you make").count() == 0
    assert "leave the room" not in ana_page.content()
    ana_page.goto(base + "/tools/check-in/")
    assert ana_page.get_by_role("heading", name=re.compile("The two of you")).count() == 0

    # Every other tools page, and where to get help, pass axe too.
    for path in ("/tools/", "/tools/check-up/", "/tools/cycle/", "/resources/", "/resources/eft-couples-therapist/"):
        ana_page.goto(base + path)
        assert axe(ana_page) == [], path
