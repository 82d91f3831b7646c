"""A member's private feed, for podcast-style readers that cannot sign in: the column's newest
answers, in full while the membership is active and as the public teaser once it is not.

Its address carries a secret: /feed/member/<key>-<mac>/. The key is random and kept on the
member (feed_key); the mac is a keyed hash of it (SECRET_KEY), never stored, checked in
constant time. A new key (dearly.members.services.rotate_feed) makes the old address fail at
once. What it serves goes through the paywall like every other page, and it asks search
engines and caches to keep nothing.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.feedgenerator import Rss201rev2Feed

from dearly.column import paywall
from dearly.column.models import Article
from dearly.members.models import Member

FEED_SALT = "dearly.members.private-feed"
ITEMS = 30


def _mac(key: str) -> str:
    return salted_hmac(FEED_SALT, key, algorithm="sha256").hexdigest()[:32]


def token_for(key: str) -> str:
    return f"{key}-{_mac(key)}"


def feed_path(member: Member) -> str:
    """The path of the member's private feed ('' until they make one)."""
    return reverse("members:member_feed", args=[token_for(member.feed_key)]) if member.feed_key else ""


def member_for_token(token: str) -> Member | None:
    """The member whose private feed this is, or None (unknown, forged or rotated away)."""
    key, _, mac = str(token).partition("-")
    expected = _mac(key)  # computed whether or not the key exists: the same work either way
    member = Member.objects.select_related("user").filter(feed_key=key).first() if key else None
    if member is None or not constant_time_compare(mac, expected):
        return None
    return member


class MemberFeed(Feed):
    feed_type = Rss201rev2Feed

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow, noarchive"
        add_never_cache_headers(response)
        response["Cache-Control"] += ", private"
        return response

    def get_object(self, request, token):
        member = member_for_token(token)
        if member is None:
            raise Http404("No such feed.")
        return member

    def title(self, member):
        # No address or name in it: feed readers copy titles to their own servers.
        return f"{settings.SITE_NAME}: questions and answers, for members"

    def link(self, member):
        return "/qa/"

    def description(self, member):
        return f"Readers' letters answered by {settings.EXPERT_NAME}. This address is yours alone: keep it private."

    def items(self, member):
        return Article.objects.visible().prefetch_related("topics")[:ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        member = self._member
        html = item.letter_html + paywall.answer_html_for(member.user, item)
        if not paywall.can_read_in_full(member.user, item):
            html += (f'<p><em>The rest of this answer is for members. <a href="{settings.SITE_URL}/join/">'
                     "See membership</a>.</em></p>")
        return html

    def get_feed(self, obj, request):
        self._member = obj
        return super().get_feed(obj, request)

    def item_pubdate(self, item):
        return item.published_at

    def item_categories(self, item):
        return [t.name for t in item.topics.all()]

    def item_author_name(self, item):
        return settings.EXPERT_NAME


def member_feed(request, token):
    """A fresh MemberFeed for each request: it holds the member it is serving, and a Feed
    instance shared between threads must never hold one reader's state for another's."""
    return MemberFeed()(request, token=token)
