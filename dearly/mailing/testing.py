"""Kept for the tests that import it from here: dearly.email.testing is the helper now."""

from dearly.email.testing import deliver_outbox  # noqa: F401
