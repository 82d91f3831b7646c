from datetime import timedelta

from django.apps import AppConfig


class WorkConfig(AppConfig):
    """Background work: one loop (`manage.py work`) that sends due email, runs one-off tasks
    and runs the periodic chores each app registers. See dearly/work/loop.py."""

    name = "dearly.work"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from dearly.work import chores

        chores.register("work.prune-task-results", timedelta(days=1), chores.prune_task_results)
