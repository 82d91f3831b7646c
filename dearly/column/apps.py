from django.apps import AppConfig


class ColumnConfig(AppConfig):
    name = "dearly.column"

    def ready(self):
        from dearly.column import signals  # noqa: F401  (keeps search and page cache in step)
