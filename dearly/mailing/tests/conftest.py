import logging
import uuid

import pytest

from dearly.testing import sign_in_with_second_factor


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _own_cache(settings):
    # Rate limits live in the cache: without this, the file cache of an empty CACHE_URL is
    # shared by every run, and a second run on the same hour finds the limit already used.
    run = uuid.uuid4()
    locmem = "django.core.cache.backends.locmem.LocMemCache"
    settings.CACHES = {"default": {"BACKEND": locmem, "LOCATION": f"mailing-tests-{run}"},
                       "pages": {"BACKEND": locmem, "LOCATION": f"mailing-tests-pages-{run}"}}


@pytest.fixture(autouse=True)
def _quiet_smtp_server_log():
    # aiosmtpd logs every SMTP command at INFO; keep failures readable.
    logger = logging.getLogger("mail.log")
    level = logger.level
    logger.setLevel(logging.WARNING)
    yield
    logger.setLevel(level)


@pytest.fixture
def desk_client(client, django_user_model):
    """Signed in as the expert (a superuser has the desk permission)."""
    user = django_user_model.objects.create_superuser("nora", "nora@example.com", "a long pass phrase")
    sign_in_with_second_factor(client, user)
    client.user = user
    return client
