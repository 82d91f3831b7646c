from django.apps import AppConfig


class EmailConfig(AppConfig):
    """Outgoing email: the outbox, suppressions, the demo mailbox, the ESP's webhooks.

    Letters and the mailing list use it; it imports neither (a test checks)."""

    name = "dearly.email"
    label = "email"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from dearly.email import webhooks  # noqa: F401  (connects the anymail tracking receiver)
