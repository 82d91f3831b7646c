from datetime import timedelta

from django.apps import AppConfig


class WelcomeConfig(AppConfig):
    """The welcome sequence: emails the expert writes, sent N days after a person confirms."""

    name = "dearly.welcome"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from dearly.welcome import services
        from dearly.work import chores

        # Every minute: a day-0 step reaches a new subscriber within a minute or so of confirming.
        chores.register("welcome.send-due", timedelta(minutes=1), services.send_due)
