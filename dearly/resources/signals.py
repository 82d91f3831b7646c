"""Any change to a resource (or to the crisis lines /resources/ shows) refreshes the matching
of answers to resources and every cached anonymous page, wherever the change came from."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from dearly.column import page_cache
from dearly.resources.models import Resource
from dearly.safety.models import CrisisResource


@receiver(post_save, sender=Resource)
@receiver(post_delete, sender=Resource)
def resource_changed(sender, raw=False, **kwargs):
    if raw:
        return
    # One version for pages and for the matching of answers to resources: both refresh together.
    page_cache.invalidate_now_and_on_commit()


@receiver(post_save, sender=CrisisResource)
@receiver(post_delete, sender=CrisisResource)
def crisis_line_changed(sender, raw=False, **kwargs):
    if not raw:
        page_cache.invalidate_now_and_on_commit()
