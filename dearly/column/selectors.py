from django.db.models import Count, Q
from django.http import Http404

from dearly.column.models import Article, Topic


def latest_articles(limit: int = 6):
    return Article.objects.visible().prefetch_related("topics")[:limit]


def visible_article(slug: str) -> Article:
    article = Article.objects.visible().prefetch_related("topics").filter(slug=slug).first()
    if article is None:
        raise Http404("No such article.")
    return article


def related_articles(article: Article, limit: int = 3):
    """Articles sharing the most topics with this one, newest first among equals."""
    topic_ids = [t.pk for t in article.topics.all()]
    if not topic_ids:
        return Article.objects.visible().exclude(pk=article.pk)[:limit]
    return (
        Article.objects.visible()
        .exclude(pk=article.pk)
        .annotate(shared=Count("topics", filter=Q(topics__in=topic_ids)))
        .filter(shared__gt=0)
        .order_by("-shared", "-published_at")[:limit]
    )


def topics_with_counts():
    from django.utils import timezone

    now = timezone.now()
    return Topic.objects.annotate(
        article_count=Count(
            "articles",
            filter=Q(articles__status=Article.Status.PUBLISHED, articles__published_at__lte=now),
        )
    ).filter(article_count__gt=0)
