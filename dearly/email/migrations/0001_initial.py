# Takes over OutgoingEmail, Suppression and MailboxMessage from the mailing app (see
# mailing.0002): the tables keep their names (db_table) and their rows; only the state moves.
# Content types follow, so permissions and admin history stay attached.

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


MODELS = ["mailboxmessage", "suppression", "outgoingemail"]


def _move(apps, source, target):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if not ContentType.objects.filter(app_label=target, model=model).exists():
            ContentType.objects.filter(app_label=source, model=model).update(app_label=target)


def move_content_types(apps, schema_editor):
    _move(apps, "mailing", "email")


def move_content_types_back(apps, schema_editor):
    _move(apps, "email", "mailing")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('mailing', '0002_move_email_to_email_app'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='MailboxMessage',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('to', models.TextField()),
                        ('from_email', models.CharField(max_length=254)),
                        ('subject', models.CharField(max_length=300)),
                        ('body_text', models.TextField()),
                        ('body_html', models.TextField(blank=True)),
                        ('headers', models.JSONField(default=dict)),
                        ('raw', models.TextField()),
                        ('created_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
                    ],
                    options={
                        'db_table': 'mailing_mailboxmessage',
                        'ordering': ['-created_at', '-id'],
                    },
                ),
                migrations.CreateModel(
                    name='Suppression',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('address_key', models.CharField(max_length=64, unique=True)),
                        ('email', models.EmailField(blank=True, help_text='Empty when erased.', max_length=254)),
                        ('reason', models.CharField(choices=[('bounced', 'Bounced'), ('complained', 'Marked as spam'), ('rejected', 'Rejected by the email provider'), ('hard_failures', 'Repeated permanent delivery failures'), ('manual', 'Suppressed by the desk'), ('erased', 'Deleted at their request')], max_length=16)),
                        ('detail', models.CharField(blank=True, max_length=300)),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ],
                    options={
                        'db_table': 'mailing_suppression',
                        'ordering': ['-created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='OutgoingEmail',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('to', models.EmailField(blank=True, help_text='Erased after sending when forget_address.', max_length=254)),
                        ('recipient_key', models.CharField(max_length=64)),
                        ('purpose', models.CharField(max_length=200)),
                        ('forget_address', models.BooleanField(default=False)),
                        ('template', models.CharField(max_length=200)),
                        ('from_email', models.CharField(max_length=254)),
                        ('subject', models.CharField(max_length=300)),
                        ('body_text', models.TextField()),
                        ('body_html', models.TextField()),
                        ('headers', models.JSONField(default=dict)),
                        ('message_id', models.CharField(max_length=200)),
                        ('state', models.CharField(choices=[('queued', 'Queued'), ('sending', 'Sending'), ('retrying', 'Waiting to retry'), ('sent', 'Sent'), ('failed', 'Failed'), ('cancelled', 'Cancelled')], default='queued', max_length=10)),
                        ('attempts', models.PositiveSmallIntegerField(default=0)),
                        ('next_attempt_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('lease_expires_at', models.DateTimeField(blank=True, null=True)),
                        ('claim', models.CharField(blank=True, help_text='Who holds the lease.', max_length=32)),
                        ('last_error', models.TextField(blank=True, help_text='Never an address: scrubbed before it is kept.')),
                        ('permanent_failure', models.BooleanField(default=False)),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('sent_at', models.DateTimeField(blank=True, null=True)),
                        ('subscriber', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='emails', to='mailing.subscriber')),
                    ],
                    options={
                        'db_table': 'mailing_outgoingemail',
                        'ordering': ['-created_at', '-id'],
                        'indexes': [models.Index(fields=['state', 'next_attempt_at'], name='mailing_outbox_due'), models.Index(fields=['state', 'lease_expires_at'], name='mailing_outbox_leases')],
                        'constraints': [models.UniqueConstraint(fields=('recipient_key', 'purpose'), name='mailing_email_once_per_purpose')],
                    },
                ),

            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back, elidable=True),
    ]
