from django.apps import AppConfig


class MailingConfig(AppConfig):
    name = "dearly.mailing"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from dearly.mailing import webhooks  # noqa: F401  (connects the anymail tracking receiver)
