"""Background tasks of the mailing list. They only call the outbox and services."""

from django_tasks import task

from dearly.mailing import outbox, services


@task()
def send_due_emails() -> int:
    """Send what is due in the outbox (see dearly.mailing.outbox for how runs are scheduled)."""
    sent = outbox.deliver_due()
    services.tidy_up_if_due()
    return sent
