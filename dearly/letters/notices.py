"""Emails about letters. None of them carries a word of any letter."""

from django.conf import settings
from django.urls import reverse


def tell_expert_of_urgent_letter(letter) -> None:
    """One email to the expert: an urgent letter is waiting, and where. Its text stays in the
    desk, behind a sign-in, whatever happens to the email."""
    from dearly.email.outbox import queue_email

    queue_email(
        to=settings.EXPERT_EMAIL,
        purpose=f"urgent-letter:{letter.pk}",
        template="letters/email/urgent_letter",
        context={"desk_url": settings.SITE_URL + reverse("desk:letter", args=[letter.pk])},
    )
