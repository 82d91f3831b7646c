"""Writes to the resources: saving from the desk, deleting, counting a followed link."""

from django.db import transaction
from django.db.models import F

from dearly.resources.models import Resource


@transaction.atomic
def save_resource(resource: Resource) -> Resource:
    resource.save()
    return resource


@transaction.atomic
def delete_resource(resource: Resource) -> None:
    resource.delete()


def count_click(resource: Resource) -> None:
    """One more follow of a counted link: a number on the resource, nothing about who."""
    if resource.count_clicks:
        Resource.objects.filter(pk=resource.pk, count_clicks=True).update(clicks=F("clicks") + 1)
