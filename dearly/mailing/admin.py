"""Read-mostly admin views for operators; the expert works in the desk (/desk/subscribers/)."""

from django.contrib import admin

from dearly.mailing.models import ConsentRecord, Subscriber


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ConsentRecord)
class ConsentRecordAdmin(ReadOnly):
    list_display = ["created_at", "email", "event", "form_name", "wording_version"]
    list_filter = ["event"]
    search_fields = ["email"]

    def has_delete_permission(self, request, obj=None):
        return False  # append-only: records leave only with their subscriber


@admin.register(Subscriber)
class SubscriberAdmin(ReadOnly):
    list_display = ["email", "name", "status", "created_at", "confirmed_at"]
    list_filter = ["status"]
    search_fields = ["email", "name"]
