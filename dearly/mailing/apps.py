from django.apps import AppConfig


class MailingConfig(AppConfig):
    name = "dearly.mailing"
