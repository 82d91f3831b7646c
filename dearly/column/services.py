"""Writes to the column. Views, the desk, commands and tests all change articles through here."""

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from dearly.column.models import Article, Topic


def unique_slug(title: str, *, exclude_id=None) -> str:
    base = slugify(title)[:180] or "answer"
    slug, n = base, 2
    while Article.objects.filter(slug=slug).exclude(pk=exclude_id).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def create_article(*, title: str, letter: str, answer: str, topics=(), visibility=Article.Visibility.PUBLIC,
                   publish_at=None, slug: str | None = None) -> Article:
    """A new article; published at `publish_at` (now or later) when given, else a draft."""
    article = Article(
        title=title,
        slug=slug or unique_slug(title),
        letter=letter,
        answer=answer,
        visibility=visibility,
        status=Article.Status.PUBLISHED if publish_at else Article.Status.DRAFT,
        published_at=publish_at,
    )
    article.save()
    article.topics.set([t if isinstance(t, Topic) else topic_named(t) for t in topics])
    return article


def topic_named(name: str) -> Topic:
    topic, _ = Topic.objects.get_or_create(name=name, defaults={"slug": slugify(name)})
    return topic


@transaction.atomic
def publish_article(article: Article, *, at=None) -> Article:
    """Publish now, or schedule for `at`. Publishing is idempotent."""
    article.status = Article.Status.PUBLISHED
    article.published_at = at or article.published_at or timezone.now()
    if at is None and article.published_at > timezone.now():
        article.published_at = timezone.now()
    article.save()
    return article


@transaction.atomic
def unpublish_article(article: Article) -> Article:
    article.status = Article.Status.DRAFT
    article.save()
    return article
