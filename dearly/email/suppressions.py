"""The suppression list: addresses nothing may be sent to (or that no import may add back)."""

from django.db import transaction

from dearly.email import hooks
from dearly.email.models import OutgoingEmail, Suppression, address_key, move, normalize_email


def is_suppressed(address: str = "", *, key: str = "") -> bool:
    """Whether nothing may be sent to this address (or to the address with this keyed hash)."""
    return Suppression.objects.filter(
        address_key=key or address_key(address), reason__in=Suppression.BLOCKS_SENDING
    ).exists()


@transaction.atomic
def suppress(email: str, reason: str, *, detail: str = "") -> Suppression:
    """Never email this address again (bounce, complaint, repeated failures, the desk): cancel
    what waits for it, and tell the apps that care (the mailing list unsubscribes the person)."""
    address = normalize_email(email)
    key = address_key(address)
    suppression, created = Suppression.objects.get_or_create(
        address_key=key, defaults={"email": address, "reason": reason, "detail": detail[:300]}
    )
    if not created and suppression.reason not in Suppression.BLOCKS_SENDING and reason in Suppression.BLOCKS_SENDING:
        suppression.reason, suppression.email, suppression.detail = reason, address, detail[:300]
        suppression.save()
    if reason in Suppression.BLOCKS_SENDING:
        move(OutgoingEmail.objects.filter(recipient_key=key, state__in=OutgoingEmail.DUE_STATES),
             OutgoingEmail.State.CANCELLED, last_error="The address is suppressed.")
        hooks.address_suppressed.send(sender=Suppression, address=address, reason=reason, detail=detail)
    return suppression
