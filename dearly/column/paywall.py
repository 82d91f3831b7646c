"""The one place that decides who may read the members-only part of an article.

Every page, feed, search index, sitemap and email takes article text through these functions,
so the hidden part of a members-only article cannot reach anyone not entitled to it.
"""

from django.conf import settings

from dearly.column.models import Article
from dearly.lib.markdown import plain_text


def can_read_in_full(user, article: Article) -> bool:
    if not article.is_members_only:
        return True
    if user is None or not user.is_authenticated:
        return False
    # The expert and their staff read it in the desk's right, not merely by being staff, and
    # like the desk only once this session gave its second factor: a password alone opens
    # neither the letters nor the members' answers.
    if user.is_staff and user.has_perm("desk.use_desk"):
        return not settings.DESK_TWO_FACTOR or bool(getattr(user, "is_verified", lambda: False)())
    # Members answer through has_active_membership() (dearly/members/apps.py gives it to User).
    has_membership = getattr(user, "has_active_membership", None)
    return bool(has_membership and has_membership())


def answer_html_for(user, article: Article) -> str:
    return article.answer_html if can_read_in_full(user, article) else article.teaser_html


def public_answer_html(article: Article) -> str:
    """What anyone may see of the answer: all of a public article, the teaser of the rest."""
    return answer_html_for(None, article)


def public_text(article: Article) -> str:
    """Plain text for the search index and machine-readable data: never the hidden part."""
    return " ".join(plain_text(article.letter_html + " " + public_answer_html(article)).split())
