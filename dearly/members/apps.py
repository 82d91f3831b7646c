from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "dearly.members"
    verbose_name = "Membership"

    def ready(self):
        # The paywall (dearly.column.paywall) asks user.has_active_membership(); members answer
        # it here, so the column never imports the members app.
        from django.contrib.auth import get_user_model

        from dearly.members.selectors import has_active_membership

        get_user_model().has_active_membership = has_active_membership
