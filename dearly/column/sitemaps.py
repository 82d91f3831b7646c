from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from dearly.column import selectors
from dearly.column.models import Article


class ArticleSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Article.objects.visible()

    def lastmod(self, item):
        return item.updated_at


class TopicSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return selectors.topics_with_counts().order_by("name")


class PageSitemap(Sitemap):
    def items(self):
        return ["column:home", "column:archive", "safety:help_now", "resources:index"]

    def location(self, item):
        return reverse(item)
