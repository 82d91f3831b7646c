from django.contrib import admin

from dearly.work.models import Chore


@admin.register(Chore)
class ChoreAdmin(admin.ModelAdmin):
    """When each periodic chore last ran, whether it failed, and when it runs next."""

    list_display = ["name", "interval", "last_run_at", "next_run_at", "runs", "last_error"]
    readonly_fields = ["name", "interval", "last_run_at", "claimed_until", "runs", "last_error"]

    def has_add_permission(self, request):
        return False
