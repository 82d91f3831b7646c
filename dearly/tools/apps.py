from datetime import timedelta

from django.apps import AppConfig


class ToolsConfig(AppConfig):
    name = "dearly.tools"
    verbose_name = "Couples' tools"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from dearly.members import hooks
        from dearly.tools import services
        from dearly.work import chores

        # Tools data is in "download my data" and goes with "delete my account".
        hooks.register("tools", export=services.tools_data, erase=services.delete_tools_data)
        chores.register("tools.checkin-reminders", timedelta(hours=1), services.send_due_reminders)
        chores.register("tools.tidy-invites", timedelta(days=1), services.tidy_invites)
