"""Read-mostly admin views for operators; the expert sees the outbox in the desk's mailbox page."""

from django.contrib import admin

from dearly.email.models import OutgoingEmail, Suppression


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    list_display = ["purpose", "to", "state", "attempts", "next_attempt_at", "sent_at"]
    list_filter = ["state"]
    search_fields = ["to", "purpose"]
    exclude = ["body_html"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Suppression)
class SuppressionAdmin(admin.ModelAdmin):
    list_display = ["email", "reason", "detail", "created_at"]
    list_filter = ["reason"]
    search_fields = ["email"]
    readonly_fields = ["address_key"]
