"""Shared test set-up: settings for tests, the browser, and a real SMTP server."""

import os

# Tests keep their own cache and never touch the one a running server uses.
os.environ.setdefault("CACHE_URL", "locmem://")
os.environ.setdefault("EMAIL_URL", "mailbox://")
# Playwright's sync API runs an event loop in the test thread; Django's ORM calls there are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest  # noqa: E402

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync",
]


def pytest_configure(config):
    from django.conf import settings

    # A test database per process, so that two runs on one machine never share a file.
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        db["TEST"] = {"NAME": str(settings.VAR_DIR / f"test-{os.getpid()}.sqlite3")}
    settings.STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": "/usr/bin/chromium", "args": CHROMIUM_ARGS}


@pytest.fixture
def axe():
    """Run axe-core (bundled with axe-playwright-python, nothing fetched) on a page."""
    from axe_playwright_python.sync_playwright import Axe

    checker = Axe()

    def check(page):
        results = checker.run(page)
        serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
        return serious

    return check
