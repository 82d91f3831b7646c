from datetime import timedelta

from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    """Broadcasts: one email to a segment of the list, each recipient once (dearly.newsletter.sending).

    The worker loop (dearly.work) runs its step every tick: start scheduled broadcasts that are due,
    then send a few chunks of deliveries."""

    name = "dearly.newsletter"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from dearly.newsletter import senders, sending
        from dearly.work import chores, loop

        loop.register_step("newsletter.send", sending.work_step)
        loop.register_stop("newsletter.senders", senders.stop_all)
        chores.register("newsletter.forget-esp-templates", timedelta(days=1), sending.forget_finished_templates)
