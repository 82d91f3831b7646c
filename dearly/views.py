from django.conf import settings
from django.db import connection
from django.http import HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any database failure makes the service unhealthy
        return JsonResponse({"status": "error", "database": str(exc.__class__.__name__)}, status=503)
    return JsonResponse({"status": "ok", "database": connection.vendor})


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /desk/",
        "Disallow: /admin/",
        "Disallow: /ask/",
        "Disallow: /search/",
        f"Sitemap: {settings.SITE_URL}/sitemap.xml",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says: point them at the SVG icon."""
    return HttpResponsePermanentRedirect(static("dearly/favicon.svg"))
