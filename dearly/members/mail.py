"""The one place the members app reaches the outbox (dearly/email/)."""

from dearly.email.outbox import forget_address, queue_email  # noqa: F401
