from django.apps import AppConfig


class CycleMapConfig(AppConfig):
    name = "dearly.cyclemap"
    verbose_name = "The cycle map"
