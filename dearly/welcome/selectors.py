"""Reads of the welcome sequence for the desk."""

from django.db.models import Count, Q

from dearly.welcome.models import WelcomeEmail, WelcomeStep


def steps_with_counts():
    """Every step, in order, with how many people it has gone to and how many were skipped."""
    return WelcomeStep.objects.annotate(
        queued=Count("emails", filter=Q(emails__state=WelcomeEmail.State.QUEUED)),
        skipped=Count("emails", filter=Q(emails__state=WelcomeEmail.State.SKIPPED)),
    ).order_by("day", "id")
