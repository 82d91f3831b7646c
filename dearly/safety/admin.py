from django.contrib import admin

from dearly.safety.models import CrisisResource


@admin.register(CrisisResource)
class CrisisResourceAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "need", "how_to_reach", "order"]
    list_filter = ["country", "need"]
    list_editable = ["order"]
