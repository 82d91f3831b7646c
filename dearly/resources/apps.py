from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "dearly.resources"
    verbose_name = "Where to get help"

    def ready(self):
        from dearly.resources import signals  # noqa: F401
