from django.contrib import admin

from dearly.welcome.models import WelcomeEmail, WelcomeStep


@admin.register(WelcomeStep)
class WelcomeStepAdmin(admin.ModelAdmin):
    list_display = ["day", "subject", "is_active", "active_since"]


@admin.register(WelcomeEmail)
class WelcomeEmailAdmin(admin.ModelAdmin):
    list_display = ["step", "subscriber", "state", "handled_at"]
    list_filter = ["state", "step"]
    readonly_fields = ["step", "subscriber", "state", "claimed_until", "outgoing", "created_at", "handled_at"]

    def has_add_permission(self, request):
        return False
