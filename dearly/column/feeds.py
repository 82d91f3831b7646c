from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

from dearly.column import paywall
from dearly.column.models import Article


class LatestArticlesFeed(Feed):
    """Public articles only: a feed reader is anonymous, and members-only text never goes out."""

    feed_type = Atom1Feed
    link = "/qa/"

    def title(self):
        return f"{settings.SITE_NAME}: questions and answers"

    def subtitle(self):
        return f"Readers' letters answered by {settings.EXPERT_NAME}."

    def items(self):
        return Article.objects.public().prefetch_related("topics")[:20]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.letter_html + paywall.public_answer_html(item)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [t.name for t in item.topics.all()]

    def item_author_name(self, item):
        return settings.EXPERT_NAME
