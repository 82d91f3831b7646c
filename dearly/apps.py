from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


class AdminConfig(DjangoAdminConfig):
    """Django's admin with Dearly's admin site (two-factor sign-in): dearly/admin_site.py."""

    default_site = "dearly.admin_site.AdminSite"
