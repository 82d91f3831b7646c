"""Nothing is lost under a burst: letters and sign-ups sent together (30, ten at a time) are all stored.

Real HTTP against the live server (its requests run in threads), on the file database the
tests use, so concurrent writers really contend for SQLite's lock (or PostgreSQL's rows).
"""

import http.cookiejar
import re
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.management import call_command
from django.db import connection

from dearly.letters.models import Letter
from dearly.mailing.models import OptInForm, Subscriber

BURST = 30
# At most this many connect at once: the live test server (Django's WSGIServer) listens with a
# queue of 10, and 30 connections at the same moment overflowed it now and then (a reset
# connection, not a lost letter). Ten at a time still contend for the database.
AT_ONCE = 10


@pytest.fixture
def site(live_server, transactional_db, settings):
    settings.LETTER_MIN_FILL_SECONDS = 0
    settings.LETTER_LIMIT_PER_IP_HOUR = 1000
    settings.SIGNUP_LIMIT_PER_IP = 1000
    call_command("load_demo")
    yield live_server.url
    # The server's request threads keep their PostgreSQL sessions open (CONN_MAX_AGE), which
    # would stop the test database from being dropped at the end of the run.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )


def browser():
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))


def hidden(html, name):
    return re.search(rf'name="{name}" value="([^"]*)"', html).group(1)


def send_letter(site, n):
    opener = browser()
    page = opener.open(site + "/ask/", timeout=30).read().decode()
    data = {
        "csrfmiddlewaretoken": hidden(page, "csrfmiddlewaretoken"),
        "started": hidden(page, "started"),
        "pen_name": f"Burst {n}",
        "letter": f"Letter number {n}: we keep arguing about chores and I feel unseen at home.",
        "email": "",
        "consent_publication": "on",
        "consent_sensitive_data": "on",
        "website": "",
    }
    request = urllib.request.Request(site + "/ask/", urllib.parse.urlencode(data).encode(),
                                     headers={"Referer": site + "/ask/"})
    return opener.open(request, timeout=60).geturl()


def sign_up(site, form, n):
    data = {"form": form.pk, "wording": form.current_wording().version, "email": f"burst{n}@example.org",
            "name": "", "website": ""}
    request = urllib.request.Request(site + "/subscribe/", urllib.parse.urlencode(data).encode(),
                                     headers={"Origin": site, "Sec-Fetch-Site": "same-origin"})
    return browser().open(request, timeout=60).geturl()


def test_letters_sent_at_once_are_all_stored(site):
    before = Letter.objects.count()
    with ThreadPoolExecutor(max_workers=AT_ONCE) as pool:
        landed = list(pool.map(lambda n: send_letter(site, n), range(BURST)))
    assert all(url.endswith("/ask/sent/") for url in landed), landed
    assert Letter.objects.count() == before + BURST
    assert set(Letter.objects.filter(pen_name__startswith="Burst ").values_list("pen_name", flat=True)) == {
        f"Burst {n}" for n in range(BURST)
    }


def test_sign_ups_sent_at_once_are_all_stored(site):
    form = OptInForm.objects.filter(is_active=True).first()
    with ThreadPoolExecutor(max_workers=AT_ONCE) as pool:
        landed = list(pool.map(lambda n: sign_up(site, form, n), range(BURST)))
    assert all(url.endswith("/subscribe/check-your-inbox/") for url in landed), landed
    assert Subscriber.objects.filter(email__startswith="burst").count() == BURST
