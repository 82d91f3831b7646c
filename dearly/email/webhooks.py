"""Bounces and complaints reported by the ESP (through django-anymail's tracking webhooks).

Anymail's views at /webhooks/anymail/<esp>/tracking/ check the ESP's basic auth (and
signatures where the ESP has them) and send `anymail.signals.tracking`; we suppress the
address on a bounce, complaint or rejection, and pass an ESP-side unsubscribe on to whoever
listens (the mailing list unsubscribes the person: dearly.email.hooks).
Without ANYMAIL["WEBHOOK_SECRET"] those URLs answer 404, so nobody can forge events; so do
those of every ESP but the one EMAIL_URL names.
"""

import functools
import logging

from anymail import urls as anymail_urls
from anymail.signals import EventType, tracking
from django.conf import settings
from django.dispatch import receiver
from django.http import Http404
from django.urls import path

from dearly.email import errors, hooks
from dearly.email.models import Suppression
from dearly.email.suppressions import suppress

logger = logging.getLogger(__name__)

SUPPRESSING = {
    EventType.BOUNCED: Suppression.Reason.BOUNCED,
    EventType.COMPLAINED: Suppression.Reason.COMPLAINED,
    EventType.REJECTED: Suppression.Reason.REJECTED,
}
# Some ESPs report soft bounces as "bounced" too; these raw types are not final.
SOFT_BOUNCE_TYPES = {"SoftBounce", "Transient", "DnsError"}


@receiver(tracking, dispatch_uid="dearly.email.tracking")
def handle_tracking_event(sender, event, esp_name, **kwargs):
    recipient = (event.recipient or "").strip()
    if not recipient:
        return
    raw_type = event.esp_event.get("Type") if isinstance(event.esp_event, dict) else None
    if event.event_type in SUPPRESSING and raw_type not in SOFT_BOUNCE_TYPES:
        # The ESP's description may quote the address: it is kept without it.
        detail = errors.scrub(f"{esp_name}: {event.description or event.reject_reason or event.event_type}")
        suppress(recipient, SUPPRESSING[event.event_type], detail=detail[:300])
        logger.info("suppressed an address after a %s event from %s", event.event_type, esp_name)
    elif event.event_type == EventType.UNSUBSCRIBED:
        hooks.unsubscribe_requested.send(sender=Suppression, address=recipient.lower(),
                                         detail=f"Unsubscribed through {esp_name}")


def esp_in_use() -> str:
    """The ESP that EMAIL_URL sends through ("postmark" for anymail+postmark://), or ""."""
    backend = settings.EMAIL_BACKEND
    if backend.startswith("anymail.backends.") and backend.endswith(".EmailBackend"):
        return backend.removeprefix("anymail.backends.").removesuffix(".EmailBackend")
    return ""


def _secret_required(view, esp: str):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not getattr(settings, "ANYMAIL", {}).get("WEBHOOK_SECRET"):
            raise Http404("Webhooks are not configured.")
        if esp != esp_in_use():
            # Another ESP's webhook would fail on its own missing settings (a 500), and no
            # event from an ESP we do not send through can be about our email anyway.
            raise Http404("Dearly does not send through that ESP.")
        return view(request, *args, **kwargs)

    wrapper.csrf_exempt = True
    return wrapper


def tracking_urls():
    """Anymail's tracking webhook URLs (not inbound mail), each behind _secret_required; only
    the ESP in use answers."""
    return [
        path(str(pattern.pattern), _secret_required(pattern.callback, pattern.name.removesuffix("_tracking_webhook")),
             name=pattern.name)
        for pattern in anymail_urls.urlpatterns
        if pattern.name and pattern.name.endswith("_tracking_webhook")
    ]
