"""The expert in a real browser: writes an issue (the live preview follows), sends a test to
herself (it arrives at a real SMTP server), sends it to 300 subscribers while a real worker
(`manage.py work`) runs, and watches the progress bar reach 100 % without reloading."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from dearly.mailing.models import Subscriber
from dearly.newsletter.models import Broadcast
from dearly.testing import set_up_two_factor_in_browser
from dearly.work.tests.helpers import start_worker, stop, wait_for, worker_env

pytestmark = pytest.mark.browser
PEOPLE = 300


def test_the_expert_writes_tests_sends_and_watches_an_issue_go_out(live_server, page, transactional_db, expert,
                                                                   smtp_server, axe, settings):
    settings.SITE_URL = live_server.url
    now = timezone.now()
    Subscriber.objects.bulk_create([
        Subscriber(email=f"reader{i:03d}@example.com", status=Subscriber.Status.SUBSCRIBED, confirmed_at=now)
        for i in range(PEOPLE)])
    worker = start_worker("--interval", "0.2", env=worker_env(smtp_server, DEARLY_PRELOAD_MODELS="0",
                                                               SITE_URL=live_server.url))
    try:
        page.goto(live_server.url + "/desk/newsletter/")
        page.get_by_label("User name").fill("nora")
        page.get_by_label("Password").fill("pw-for-tests-only")
        page.get_by_role("button", name="Sign in").click()
        set_up_two_factor_in_browser(page)
        page.goto(live_server.url + "/desk/newsletter/")
        expect(page.get_by_role("heading", name="Newsletter", level=1)).to_be_visible()
        assert axe(page) == []

        # Write it; the preview follows the typing.
        page.get_by_role("link", name="Write an issue").click()
        page.get_by_label("Subject").fill("Leaving the room, and coming back")
        page.get_by_label("The issue").fill("## This week\n\nA pause is kind when it **ends**.")
        expect(page.locator("#preview h2")).to_have_text("This week")
        expect(page.locator("#preview").get_by_text("ends", exact=True)).to_be_visible()
        expect(page.locator("#recipient-count")).to_contain_text(f"{PEOPLE} people")
        assert axe(page) == []
        page.get_by_role("button", name="Save").click()
        expect(page.get_by_role("heading", name="Leaving the room, and coming back", level=1)).to_be_visible()
        assert axe(page) == []

        # A test to herself, through the outbox and the worker.
        page.get_by_role("button", name="Send me a test").click()
        expect(page.get_by_role("status")).to_contain_text("A test is on its way")
        assert wait_for(lambda: smtp_server.to(expert.email), timeout=30)
        [test] = smtp_server.to(expert.email)
        assert str(test["Subject"]) == "[Test] Leaving the room, and coming back"
        assert Broadcast.objects.get().state == Broadcast.State.DRAFT

        # Send it, and watch it go.
        page.get_by_role("link", name="Send now…").click()
        expect(page.get_by_text(f"to {PEOPLE} people now?")).to_be_visible()
        page.get_by_role("button", name="Yes, send it now").click()
        bar = page.get_by_role("progressbar")
        expect(bar).to_be_visible()
        assert axe(page) == []
        expect(bar).to_have_attribute("aria-valuenow", "100", timeout=90_000)
        expect(page.get_by_role("heading", name="Sent", level=2)).to_be_visible()
        expect(page.locator("#figure-sent")).to_have_text(str(PEOPLE))
    finally:
        stop(worker)
    issue = [m for m in smtp_server.messages if str(m["Subject"]) == "Leaving the room, and coming back"]
    assert sorted(str(m["To"]) for m in issue) == sorted(f"reader{i:03d}@example.com" for i in range(PEOPLE))
