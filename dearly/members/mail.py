"""The one place the members app reaches the outbox: when outgoing email moves to its own app,
only these imports change."""

from dearly.mailing.models import OutgoingEmail, address_key  # noqa: F401
from dearly.mailing.outbox import queue_email  # noqa: F401


def forget_emails_to(address: str, reason: str) -> int:
    """Cancel what has not gone out to this address and blank what has, keeping only the keyed
    fingerprint (as the outbox does for a deleted subscriber)."""
    rows = OutgoingEmail.objects.filter(recipient_key=address_key(address))
    rows.filter(state__in=OutgoingEmail.DUE_STATES).update(state=OutgoingEmail.State.CANCELLED, last_error=reason)
    return rows.update(to="", body_text="", body_html="", headers={}, subscriber=None)
