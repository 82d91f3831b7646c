"""Keep the search index and the anonymous page cache in step with every article change,
whether it comes from the desk, the admin, a command or a test."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from dearly.column import page_cache, search
from dearly.column.models import Article, Topic


def _may_be_on_a_page(article: Article) -> bool:
    # A draft that was never published is on no page: the desk saves drafts often, and each
    # save would otherwise drop every cached page.
    return not (article.status == Article.Status.DRAFT and article.published_at is None)


@receiver(post_save, sender=Article)
def article_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    search.index_article(instance)
    if _may_be_on_a_page(instance):
        page_cache.invalidate_now_and_on_commit()


@receiver(post_delete, sender=Article)
def article_deleted(sender, instance, **kwargs):
    search.unindex_article(instance.pk)
    if _may_be_on_a_page(instance):
        page_cache.invalidate_now_and_on_commit()


@receiver(post_save, sender=Topic)
@receiver(post_delete, sender=Topic)
def topic_changed(sender, **kwargs):
    page_cache.invalidate_now_and_on_commit()


@receiver(m2m_changed, sender=Article.topics.through)
def article_topics_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and (not isinstance(instance, Article) or _may_be_on_a_page(instance)):
        page_cache.invalidate_now_and_on_commit()
