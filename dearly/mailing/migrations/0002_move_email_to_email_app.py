# OutgoingEmail, Suppression and MailboxMessage moved to the email app (dearly.email): only
# Django's idea of which app owns them changes here; their tables and rows stay as they are
# (email.0001_initial takes them over under the same table names). OutboxWakeUp is gone for
# good: the worker loop (dearly.work) needs no wake-up.

from django.db import migrations

MOVED = ["MailboxMessage", "Suppression", "OutgoingEmail"]


class Migration(migrations.Migration):

    dependencies = [
        ('mailing', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(model_name='outgoingemail', name='subscriber'),
                *[migrations.DeleteModel(name=name) for name in MOVED],
            ],
            database_operations=[],
        ),
        migrations.DeleteModel(name='OutboxWakeUp'),
    ]
