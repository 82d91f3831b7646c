"""Every kind of email Dearly sends stays well under a spam filter's bar: Debian's SpamAssassin
(`spamassassin -L -t`, local tests only, no network) scores the whole message as the SMTP
server received it, and the score must stay under 2 (5 is SpamAssassin's own bar for spam).

The same messages are checked for what makes list mail trustworthy and private: both parts, a
Message-ID on our domain, List-Id and RFC 8058 one-click unsubscribe, the postal address, no
image at all (so no open pixel) and every link exactly as written (no click rewriting)."""

import os
import re
import shutil
import subprocess
from datetime import timedelta
from email.utils import parseaddr

import pytest
from django.conf import settings
from django.utils import timezone

from dearly.email import outbox
from dearly.email.testing import deliver_outbox
from dearly.mailing import services as mailing
from dearly.mailing.models import SignUp
from dearly.mailing.tests.helpers import make_form, make_guide

pytestmark = pytest.mark.django_db

SPAMASSASSIN = shutil.which("spamassassin")
BAR = 2.0
SCORE = re.compile(r"^Content analysis details:\s+\((-?\d+(?:\.\d+)?) points", re.M)


@pytest.fixture(autouse=True)
def _needs_spamassassin():
    if SPAMASSASSIN is None:
        if os.environ.get("CI"):
            pytest.fail("spamassassin is missing: `make test` installs it (Debian's package spamassassin).")
        pytest.skip("spamassassin is not installed here (apt-get install spamassassin; `make test` does it).")


def spam_report(raw: bytes) -> tuple[float, str]:
    """SpamAssassin's score and report for one whole message; -L: local tests only."""
    done = subprocess.run([SPAMASSASSIN, "-L", "-t"], input=raw, capture_output=True, timeout=120, check=False)
    out = done.stdout.decode("utf-8", "replace")
    match = SCORE.search(out)
    assert match, f"no score in SpamAssassin's report:\n{out}\n{done.stderr.decode()}"
    return float(match.group(1)), out[match.start():]


def received(smtp_server, address) -> bytes:
    [message] = smtp_server.to(address)
    return message.as_bytes()


def assert_trustworthy_list_mail(raw: bytes):
    import email
    import email.policy

    message = email.message_from_bytes(raw, policy=email.policy.default)
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2]
    assert message["Message-ID"].strip("<>").endswith("@" + domain)
    assert message["List-Id"] == outbox.list_id() and message["List-Id"].endswith(f"<newsletter.{domain}>")
    assert message["List-Unsubscribe"].startswith("<http") and message["List-Unsubscribe-Post"] == \
        "List-Unsubscribe=One-Click"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert settings.POSTAL_ADDRESS in text and settings.POSTAL_ADDRESS in html
    assert "<img" not in html.lower()  # no pixel, no picture of any kind
    for url in re.findall(r'href="([^"]+)"', html):
        assert url.startswith(settings.SITE_URL) or url.startswith("mailto:"), url  # our own links, as written
    unsubscribe = message["List-Unsubscribe"].strip("<>")
    assert unsubscribe in text and unsubscribe in html


def test_a_confirmation_email_scores_under_two(smtp_server):
    mailing.sign_up(email="maya@example.com", form=make_form(make_guide()))
    deliver_outbox()
    raw = received(smtp_server, "maya@example.com")
    assert_trustworthy_list_mail(raw)
    score, report = spam_report(raw)
    assert score < BAR, report


def test_a_welcome_email_scores_under_two(smtp_server):
    from dearly.welcome import demo, services

    demo.load()
    mailing.sign_up(email="maya@example.com", form=make_form(), name="Maya")
    mailing.confirm_subscription(SignUp.objects.get())
    services.send_due(timezone.now() + timedelta(seconds=1))
    deliver_outbox()
    first = [m for m in smtp_server.to("maya@example.com") if "Welcome" in str(m["Subject"])]
    assert len(first) == 1
    raw = first[0].as_bytes()
    assert_trustworthy_list_mail(raw)
    score, report = spam_report(raw)
    assert score < BAR, report


def test_the_score_is_read_from_spamassassin_and_would_catch_spam():
    """The check can fail: an obvious spam scores far above the bar."""
    spam = (
        b"From: WINNER <winner@lottery.example>\r\nTo: you@example.com\r\nSubject: =?utf-8?q?YOU_HAVE_WON_$1,000,000!!!?=\r\n"
        b"MIME-Version: 1.0\r\nContent-Type: text/html\r\n\r\n<html><body><font size=7 color=red>"
        b"CLICK HERE NOW!!! 100% FREE VIAGRA CIALIS, LOWEST PRICES, NO PRESCRIPTION. Wire transfer your "
        b"bank details to claim your lottery winnings of US$1,000,000.00 TODAY. Act now! Limited time offer! "
        b"<a href=http://192.0.2.1/claim>CLICK HERE</a></font></body></html>\r\n"
    )
    score, report = spam_report(spam)
    assert score >= BAR, report


ISSUE = """\
## New in the column

**When we argue, I leave the room, and she follows me.** Why the one who steps away and the one
who follows are both trying to make things better, and how to agree on a pause that ends.
[Read the answer]({site}/qa/i-leave-the-room-she-follows/)

**We only talk about logistics. Are we just roommates now?** Fifteen minutes a day that are not
about the calendar. [Read the answer]({site}/qa/roommates-running-a-small-business/)

## One thing to try this week

Before the next hard conversation, each of you finishes this sentence on paper: *"When we fight,
what I'm most afraid of is…"* Swap the papers. Don't discuss them yet. Just read.

If you or someone at home is not safe, the crisis lines are at {site}/help-now/.

Until next time,
Nora
"""


def test_a_newsletter_issue_scores_under_two(smtp_server):
    """An issue as the newsletter's sending engine sends it: headings, several links, list headers."""
    from dearly.newsletter import sending
    from dearly.newsletter import services as newsletter

    mailing.sign_up(email="maya@example.com", form=make_form(), name="Maya")
    mailing.confirm_subscription(SignUp.objects.get())
    deliver_outbox()
    smtp_server.messages.clear()
    issue = newsletter.create_broadcast(subject="Two answers on leaving the room, and one thing to try",
                                        body=ISSUE.format(site=settings.SITE_URL))
    assert newsletter.start_sending(issue) == 1
    sending.send_all()
    raw = received(smtp_server, "maya@example.com")
    assert_trustworthy_list_mail(raw)
    score, report = spam_report(raw)
    assert score < BAR, report
