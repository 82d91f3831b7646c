from datetime import timedelta

from django.apps import AppConfig


class MailingConfig(AppConfig):
    name = "dearly.mailing"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from dearly.email import hooks
        from dearly.mailing import services
        from dearly.work import chores

        # The email app knows nothing of the list: it asks and tells through its hooks.
        hooks.register_sending_check(services.reason_not_to_send)
        hooks.address_suppressed.connect(services.on_address_suppressed, dispatch_uid="dearly.mailing.suppressed")
        hooks.unsubscribe_requested.connect(services.on_unsubscribe_requested,
                                            dispatch_uid="dearly.mailing.unsubscribe_requested")
        chores.register("mailing.expire-signups", timedelta(hours=1), lambda now: services.expire_unconfirmed(now=now))
