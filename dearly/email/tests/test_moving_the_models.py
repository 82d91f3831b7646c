"""Moving OutgoingEmail, Suppression and MailboxMessage from the mailing app to the email app
keeps every row: a database migrated to before the move, with rows, is migrated forward."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("mailing", "0001_initial")]


@pytest.mark.django_db(transaction=True)
def test_a_database_with_emails_migrates_to_the_email_app_without_losing_a_row():
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    from django.contrib.contenttypes.models import ContentType

    # As in a database made before the move: the type (and its permissions) under "mailing".
    ContentType.objects.filter(app_label="email").delete()
    old_type = ContentType.objects.get_or_create(app_label="mailing", model="outgoingemail")[0]
    Subscriber = old.get_model("mailing", "Subscriber")
    sam = Subscriber.objects.create(email="sam@example.com", key="k", status="subscribed")
    old.get_model("mailing", "OutgoingEmail").objects.create(
        to="sam@example.com", recipient_key="key-1", purpose="confirm:1", subscriber=sam, template="t",
        from_email="a@example.com", subject="Please confirm", body_text="text", body_html="<p>html</p>",
        headers={"Message-ID": "<1@example.com>"}, message_id="<1@example.com>", state="retrying", attempts=2,
        last_error="SMTPDataError: 451", next_attempt_at=timezone.now())
    old.get_model("mailing", "Suppression").objects.create(address_key="key-2", email="gone@example.com",
                                                           reason="bounced")
    old.get_model("mailing", "MailboxMessage").objects.create(to="sam@example.com", from_email="a@example.com",
                                                              subject="Hello", body_text="b", raw="raw")
    old.get_model("mailing", "OutboxWakeUp").objects.create(due_at=timezone.now())

    executor = MigrationExecutor(connection)
    executor.migrate(latest)

    from dearly.email.models import MailboxMessage, OutgoingEmail, Suppression
    from dearly.mailing.models import Subscriber as NewSubscriber

    email = OutgoingEmail.objects.get()
    assert (email.to, email.purpose, email.state, email.attempts, email.subject) == (
        "sam@example.com", "confirm:1", "retrying", 2, "Please confirm")
    assert email.subscriber == NewSubscriber.objects.get(email="sam@example.com")
    assert list(NewSubscriber.objects.get().emails.all()) == [email]
    assert Suppression.objects.get().email == "gone@example.com"
    assert MailboxMessage.objects.get().subject == "Hello"
    ContentType.objects.clear_cache()
    moved = ContentType.objects.get(pk=old_type.pk)
    assert (moved.app_label, moved.model) == ("email", "outgoingemail")
    assert "mailing_outboxwakeup" not in connection.introspection.table_names()
