"""The one place the members app reaches the outbox (dearly/email/)."""

from dearly.email.outbox import forget_address, queue_email  # noqa: F401


def move_emails(from_subscriber, to_subscriber) -> int:
    """The emails sent to one mailing-list record now belong to another (records merged)."""
    from dearly.email.models import OutgoingEmail

    return OutgoingEmail.objects.filter(subscriber=from_subscriber).update(subscriber=to_subscriber)
