"""Shared fixtures for letters and the desk: letters made through the real services, and the
kinds of people who must (or must not) reach them."""

import importlib
import time
import uuid
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from dearly.letters import antispam, services
from dearly.testing import sign_in_with_second_factor

ORDINARY = (
    "We keep having the same argument about the laundry and the dishes. My partner says I keep "
    "score and I say somebody has to. How do we stop fighting about chores?"
)
CRISIS = (
    "My husband hit me again last night and I am scared to go home. He took my phone so I could "
    "not call my sister."
)


@pytest.fixture(autouse=True)
def _own_cache(settings):
    # Rate limits live in the cache: each test gets its own, whatever CACHE_URL says (an empty
    # CACHE_URL in the environment would otherwise mean the file cache shared with other runs).
    # Only "default" is replaced: other aliases (the page cache) stay as the project set them.
    settings.CACHES = {**settings.CACHES,
                       "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": f"letters-tests-{uuid.uuid4()}"}}


@pytest.fixture
def make_letter(db):
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
    from django.apps import apps

    importlib.import_module("dearly.safety.migrations.0002_default_resources").add(apps, None)


@pytest.fixture
def letter_form_data(db):
    """A valid letter form, opened a minute ago."""

    def data(**overrides):
        values = {
            "pen_name": "Tired in Ohio",
            "letter": ORDINARY,
            "email": "",
            "consent_publication": "on",
            "consent_sensitive_data": "on",
            "website": "",
            "started": antispam.form_token(time.time() - 60),
            "send": "1",
        }
        values.update(overrides)
        return {k: v for k, v in values.items() if v is not None}

    return data


def _user(django_user_model, username, *, staff=False, desk=False, superuser=False):
    user = django_user_model.objects.create_user(username, f"{username}@example.com", "pw-for-tests-only",
                                                 is_staff=staff or superuser, is_superuser=superuser)
    if desk:
        user.user_permissions.add(Permission.objects.get(codename="use_desk", content_type__app_label="desk"))
    return user


@pytest.fixture
def expert(django_user_model):
    return _user(django_user_model, "nora", staff=True, desk=True)


@pytest.fixture
def desk_client(client, expert):
    return sign_in_with_second_factor(client, expert)


@pytest.fixture
def member(django_user_model):
    return _user(django_user_model, "member")


@pytest.fixture
def staff_without_desk(django_user_model):
    return _user(django_user_model, "operator-helper", staff=True)
