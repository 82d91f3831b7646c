from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "dearly.safety"
    verbose_name = "Safety and crisis resources"

    def ready(self):
        from dearly.safety import checks  # noqa: F401  (registers the check on the screen's models)
