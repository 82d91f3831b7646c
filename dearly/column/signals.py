"""Keep the search index and the anonymous page cache in step with every article change,
whether it comes from the desk, the admin, a command or a test."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from dearly.column import page_cache, search
from dearly.column.models import Article, Topic


def _invalidate_pages():
    # Now, so this transaction's own requests see the change, and again after commit, so that
    # a page cached by another request in between cannot outlive the change.
    page_cache.invalidate()
    transaction.on_commit(page_cache.invalidate)


@receiver(post_save, sender=Article)
def article_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    search.index_article(instance)
    _invalidate_pages()


@receiver(post_delete, sender=Article)
def article_deleted(sender, instance, **kwargs):
    search.unindex_article(instance.pk)
    _invalidate_pages()


@receiver(post_save, sender=Topic)
@receiver(post_delete, sender=Topic)
@receiver(m2m_changed, sender=Article.topics.through)
def topics_changed(sender, **kwargs):
    _invalidate_pages()
