"""Shared test set-up: settings for tests, the cache, the people who use the desk (or must not),
letters made through the real services, the browser, and a real SMTP server."""

import os
from pathlib import Path

# Tests keep their own cache and never touch the one a running server uses.
if not os.environ.get("CACHE_URL"):  # unset or empty
    os.environ["CACHE_URL"] = "locmem://"
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
        db.setdefault("TEST", {})["NAME"] = str(settings.VAR_DIR / f"test-{os.getpid()}.sqlite3")
    settings.STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # pytest-django may read settings before this file sets CACHE_URL: make sure here.
    locmem = "django.core.cache.backends.locmem.LocMemCache"
    settings.CACHES = {alias: {"BACKEND": locmem, "LOCATION": alias} for alias in ("default", "pages")}
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)  # whitenoise looks there


def pytest_unconfigure(config):
    from django.conf import settings

    # pytest-django drops the test database; SQLite's WAL files beside it stay behind.
    for leftover in Path(settings.VAR_DIR).glob(f"test-{os.getpid()}.sqlite3*"):
        leftover.unlink(missing_ok=True)


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import caches

    from dearly.column import page_cache

    def clear():
        for cache in caches.all():
            cache.clear()
        page_cache.invalidate()  # also forgets the pages this process kept in memory

    clear()
    yield
    clear()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    # Uploaded guides go to the test's own folder, never to var/media.
    settings.MEDIA_ROOT = tmp_path / "media"


# People ---------------------------------------------------------------------------------------

def _user(django_user_model, username, *, staff=False, desk=False):
    user = django_user_model.objects.create_user(username, f"{username}@example.com", "pw-for-tests-only",
                                                 is_staff=staff)
    if desk:
        from django.contrib.auth.models import Permission

        user.user_permissions.add(Permission.objects.get(codename="use_desk", content_type__app_label="desk"))
    return user


@pytest.fixture
def expert(django_user_model):
    """The expert: staff with the desk's one permission (desk.use_desk), not a superuser."""
    return _user(django_user_model, "nora", staff=True, desk=True)


@pytest.fixture
def desk_client(client, expert):
    """Signed in to the desk as the expert, second factor given, as every desk page requires."""
    from dearly.testing import sign_in_with_second_factor

    sign_in_with_second_factor(client, expert)
    client.user = expert
    return client


@pytest.fixture
def member(django_user_model):
    return _user(django_user_model, "member")


@pytest.fixture
def staff_without_desk(django_user_model):
    return _user(django_user_model, "operator-helper", staff=True)


# Letters ----------------------------------------------------------------------------------------

@pytest.fixture
def make_letter(db):
    """A letter sent through the real form's service (screened, indexed), then moved if asked."""
    from datetime import timedelta

    from django.utils import timezone

    from dearly.letters import services
    from dearly.letters.tests.conftest import ORDINARY

    def make(body=ORDINARY, *, pen_name="Tired in Ohio", email="", days_ago=0, state=None, **kwargs):
        letter = services.submit_letter(
            pen_name=pen_name, body=body, email=email, consent_publication=True,
            consent_sensitive_data=True, now=timezone.now() - timedelta(days=days_ago),
        )
        if state:
            services.move_letter(letter, state, **kwargs)
        return letter

    return make


@pytest.fixture
def crisis_services(transactional_db):
    """The crisis services the data migration installs, for tests that flush the database
    (browser tests): the migration's own function, which is safe to run again."""
    import importlib

    from django.apps import apps

    importlib.import_module("dearly.safety.migrations.0002_default_resources").add(apps, None)


# The browser ------------------------------------------------------------------------------------

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


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SmtpSink:
    """A real SMTP server (aiosmtpd) on loopback that keeps every message it receives."""

    def __init__(self):
        import email
        import email.policy

        from aiosmtpd.controller import Controller

        self.messages = []
        self.refuse = False  # set True to answer 451 (a transient failure) to every message
        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                if sink.refuse:
                    return "451 4.3.0 Try again later"
                message = email.message_from_bytes(envelope.content, policy=email.policy.default)
                sink.messages.append(message)
                return "250 OK"

        self.host = "127.0.0.1"
        self.port = free_port()
        self.controller = Controller(Handler(), hostname=self.host, port=self.port)
        self.controller.start()

    @property
    def url(self):
        return f"smtp://{self.host}:{self.port}"

    def stop(self):
        self.controller.stop()

    def to(self, address):
        return [m for m in self.messages if address.lower() in str(m["To"]).lower()]


@pytest.fixture
def smtp_server(settings):
    """Route Django's email through a real SMTP server for this test."""
    sink = SmtpSink()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = sink.host
    settings.EMAIL_PORT = sink.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    yield sink
    sink.stop()
