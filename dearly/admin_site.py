"""Django's admin, behind the same two-factor sign-in as the desk: a signed-in staff member who
has not given a code this session is sent to give one, never shown an admin page. Installed as
the default admin site by dearly.apps.AdminConfig, so every app's admin.site.register() uses it."""

from django.contrib import admin

from dearly.lib import twofactor


class AdminSite(admin.AdminSite):
    def has_permission(self, request):
        return super().has_permission(request) and twofactor.is_passed(request)

    def login(self, request, extra_context=None):
        user = request.user
        if user.is_authenticated and user.is_active and user.is_staff and not twofactor.is_passed(request):
            return twofactor.redirect_to_second_factor_then(request, request.GET.get("next") or "/admin/")
        return super().login(request, extra_context)
