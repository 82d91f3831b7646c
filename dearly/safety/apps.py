from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "dearly.safety"
    verbose_name = "Safety and crisis resources"
