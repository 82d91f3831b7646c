"""Drafting a digest: the answers published since the last issue went out, as Markdown the
expert then edits like any issue. Members-only answers appear with their public teaser only."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from dearly.column import paywall
from dearly.column.models import Article
from dearly.newsletter.models import Broadcast

TEASER_WORDS = 45
FIRST_DIGEST_DAYS = 14  # with no issue sent yet, a digest covers the last two weeks


def last_issue_at():
    """When the last issue started going out (None when none has)."""
    last = (Broadcast.objects.filter(state__in=[Broadcast.State.SENDING, Broadcast.State.PAUSED,
                                                Broadcast.State.SENT], started_at__isnull=False)
            .order_by("-started_at").first())
    return last.started_at if last else None


def articles_since(since, now=None):
    now = now or timezone.now()
    return Article.objects.visible(now).filter(published_at__gt=since).order_by("published_at")


def _teaser(article: Article) -> str:
    words = paywall.public_text(article).split()
    text = " ".join(words[:TEASER_WORDS])
    return text + ("…" if len(words) > TEASER_WORDS else "")


def _escape(text: str) -> str:
    """Markdown's special characters in a title or teaser, taken literally."""
    for char in "\\`*_[]<>#":
        text = text.replace(char, "\\" + char)
    return text


def draft(now=None) -> tuple[str, str, int]:
    """(subject, Markdown body, number of answers) of a digest of the answers published since
    the last issue; (…, …, 0) when there are none."""
    now = now or timezone.now()
    since = last_issue_at() or now - timedelta(days=FIRST_DIGEST_DAYS)
    articles = list(articles_since(since, now))
    count = len(articles)
    subject = "New answers from the column" if count != 1 else f"New in the column: {articles[0].title}"[:200]
    parts = [f"Since the last issue I've answered {count} new letter{'s' if count != 1 else ''}. "
             "Here they are, in the order they were published.", ""]
    for article in articles:
        url = settings.SITE_URL + article.get_absolute_url()
        members = " *(the full answer is for members)*" if article.is_members_only else ""
        parts += [f"## [{_escape(article.title)}]({url})", "", _escape(_teaser(article)) + members, ""]
    parts += ["Thank you for reading, and for writing in.", "", settings.EXPERT_NAME]
    return subject, "\n".join(parts).strip() + "\n", count
