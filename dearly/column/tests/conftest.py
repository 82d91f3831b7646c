from datetime import timedelta

import pytest
from django.utils import timezone

from dearly.column.services import create_article

SECRET = "zebrafinchsecret"


@pytest.fixture
def make_article(db):
    def make(title="We keep having the same fight", *, letter="We argue about the dishes every night.",
             answer="Start with what you long for, not what the other did wrong.", topics=("Communication",),
             days_ago=1, publish=True, **kwargs):
        publish_at = timezone.now() - timedelta(days=days_ago) if publish else None
        return create_article(title=title, letter=letter, answer=answer, topics=topics,
                              publish_at=publish_at, **kwargs)

    return make


@pytest.fixture
def hidden_articles(make_article):
    """A draft, a scheduled article and a members-only one, each carrying a secret word."""
    draft = make_article("A draft about trust", answer=f"Draft text {SECRET}-draft.", publish=False)
    scheduled = make_article("Coming soon", answer=f"Scheduled text {SECRET}-scheduled.", days_ago=-3)
    members = make_article(
        "Members answer about money",
        answer=f"The public teaser about money.\n\n<!--more-->\n\nThe hidden part {SECRET}-members.",
        visibility="members",
        topics=("Money",),
    )
    return draft, scheduled, members
