"""Headers every response carries, and compression of the responses that may be compressed."""

from django.conf import settings
from django.middleware.gzip import GZipMiddleware

# A strict Content-Security-Policy: Dearly's pages load nothing from any other host.
POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
# No page of Dearly's needs a device's sensors, and none joins an ad-tracking cohort.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer", "ambient-light-sensor", "autoplay", "browsing-topics", "camera", "display-capture",
        "geolocation", "gyroscope", "interest-cohort", "magnetometer", "microphone", "midi", "payment",
        "usb", "xr-spatial-tracking",
    )
)


def content_security_policy(get_response):
    """The Content-Security-Policy and the Permissions-Policy, on every response."""

    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Content-Security-Policy", POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response

    return middleware


COMPRESSIBLE = ("text/", "application/json", "application/xml", "application/atom+xml", "application/rss+xml",
                "application/javascript", "image/svg+xml")


class CompressionMiddleware(GZipMiddleware):
    """gzip for what is the same for every reader. BREACH guesses a secret in a compressed page
    from its size when the page also reflects what an attacker sends: so a response that carries
    a CSRF token, is marked private or no-store (the desk, the admin), or goes to someone signed
    in is sent as it is. The column's pages come already compressed from the page cache."""

    def process_response(self, request, response):
        if (
            request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # a CSRF token was put in this page
            or request.COOKIES.get(settings.SESSION_COOKIE_NAME)
            or any(word in response.get("Cache-Control", "") for word in ("private", "no-store"))
            or not response.get("Content-Type", "").startswith(COMPRESSIBLE)
        ):
            return response
        return super().process_response(request, response)
