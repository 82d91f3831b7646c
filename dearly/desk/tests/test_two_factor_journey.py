"""Two-factor sign-in in a real browser: the first sign-in sets up an authenticator app (its code
computed from the key the page shows, as an app would), later sign-ins ask for a code, and a
recovery code opens the desk once."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from dearly.testing import current_code, set_up_two_factor_in_browser

pytestmark = pytest.mark.browser
PASSWORD = "a-long-test-password"


@pytest.fixture
def site(live_server, transactional_db, django_user_model):
    django_user_model.objects.create_superuser("nora", "nora@example.com", PASSWORD)
    return live_server.url


def sign_in_with_password(page, site):
    page.goto(site + "/desk/")
    page.get_by_label("User name").fill("nora")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in to the desk")).to_be_visible()


def test_the_expert_sets_up_two_factor_then_signs_in_with_a_code_or_a_recovery_code(page, site, axe):
    inbox = page.get_by_role("heading", name="Letters", level=1)

    # First sign-in: the password, then setting up the app. The QR code is drawn in the page.
    sign_in_with_password(page, site)
    expect(page.get_by_role("heading", name="Set up two-factor sign-in")).to_be_visible()
    expect(page.locator("figure.qr svg")).to_be_visible()
    assert axe(page) == []
    page.get_by_label("The six-digit code the app shows now").fill("12345")
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    expect(page.get_by_role("alert")).to_contain_text("That code is not right")
    page.wait_for_timeout(1100)  # after a wrong code django-otp takes the next one a second later
    codes = set_up_two_factor_in_browser(page)
    assert len(codes) == 10
    expect(inbox).to_be_visible()

    # Later: the password, then a code from the app.
    sign_out(page)
    sign_in_with_password(page, site)
    expect(page.get_by_role("heading", name="Enter your sign-in code")).to_be_visible()
    assert axe(page) == []
    page.goto(site + "/desk/mailbox/")  # no desk page opens before the code
    expect(page.get_by_role("heading", name="Enter your sign-in code")).to_be_visible()
    page.get_by_label("Code from your authenticator app, or a recovery code").fill(
        current_code(TOTPDevice.objects.get(user__username="nora")))
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(site + "/desk/mailbox/")

    # A lost phone: a recovery code, once.
    sign_out(page)
    sign_in_with_password(page, site)
    page.get_by_label("Code from your authenticator app, or a recovery code").fill(codes[0])
    page.get_by_role("button", name="Continue").click()
    expect(inbox).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("9 left")
    sign_out(page)
    sign_in_with_password(page, site)
    page.get_by_label("Code from your authenticator app, or a recovery code").fill(codes[0])
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("alert")).to_contain_text("used already")
    expect(inbox).not_to_be_visible()
