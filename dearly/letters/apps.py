from datetime import timedelta

from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "dearly.letters"

    def ready(self):
        from dearly.letters import (
            checks,  # noqa: F401  (registers the deploy check on the database's log)
            services,
        )
        from dearly.work import chores

        # Run by `manage.py work` (dearly.work), whether or not any email goes out.
        chores.register("letters.purge", timedelta(days=1), services.purge_expired_letters)
        chores.register("letters.notify-writers", timedelta(hours=1), services.notify_due_writers)
        # Letters read by the rules alone while the language model could not run, read again
        # by the whole screen once it can (a minute's wait at most; nothing to do, one query).
        chores.register("letters.rescreen", timedelta(minutes=1), services.rescreen_rules_only_letters)
