from django.apps import AppConfig
from django.db.models.signals import post_migrate


class LettersConfig(AppConfig):
    name = "dearly.letters"

    def ready(self):
        from dearly.letters import checks  # noqa: F401  (registers the deploy check on the database's log)

        post_migrate.connect(_start_daily_purge, sender=self)


def _start_daily_purge(sender, using="default", **kwargs):
    # After every migrate (each `make run` starts with one): make sure tomorrow's purge waits in
    # the queue. Only the database task backend can be asked what is waiting.
    from django.conf import settings
    from django.db import connections

    if not settings.TASKS["default"]["BACKEND"].startswith("django_tasks_db."):
        return
    from django_tasks_db.models import DBTaskResult

    if DBTaskResult._meta.db_table not in connections[using].introspection.table_names():
        return
    from dearly.letters.tasks import ensure_daily_purge

    ensure_daily_purge()
