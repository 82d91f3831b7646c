"""Helpers for tests in any app.

    from dearly.email.testing import deliver_outbox
    deliver_outbox()   # sends every due email now, through the worker's own code path

Nothing is sent by itself in tests; call this where a test expects an email to have gone out.
"""

from dearly.email import outbox


def deliver_outbox(*, at=None) -> int:
    """Send every due queued email synchronously; returns how many were sent.

    `at` pretends it is that time, to make retries (or expired leases) due.
    """
    return outbox.deliver_due(now=at, limit=None)
