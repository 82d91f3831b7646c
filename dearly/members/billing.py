"""Paying through Stripe: Checkout to join, the customer portal to change card or cancel, and
the webhooks that alone decide a paid membership's state.

Events are processed once per event id (StripeEvent's unique id, written in the same
transaction as the change it causes) and may come in any order: each membership remembers the
creation time of the newest event it applied (stripe_event_at) and ignores older ones, and a
deleted subscription stays canceled whatever arrives after it.
"""

import json
import logging
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from dearly.lib.lazy import stripe
from dearly.members.models import Member, Membership, Payment, StripeEvent, Tier

logger = logging.getLogger(__name__)
Status = Membership.Status
INTERVALS = ("month", "year")


class NotConfigured(Exception):
    """No STRIPE_SECRET_KEY: paid tiers are not available yet."""


class BadSignature(Exception):
    pass


def is_configured() -> bool:
    return bool(settings.STRIPE_SECRET_KEY)


def client() -> "stripe.StripeClient":
    """Stripe's SDK, pointed at STRIPE_API_BASE (Stripe's own, or a local server in tests)."""
    if not is_configured():
        raise NotConfigured
    return stripe.StripeClient(settings.STRIPE_SECRET_KEY, base_addresses={"api": settings.STRIPE_API_BASE},
                               max_network_retries=1)


def _membership(member: Member) -> Membership:
    membership, _ = Membership.objects.get_or_create(member=member)
    return membership


def page_origins() -> list[str]:
    """Where our forms may lead the browser (Checkout, the portal). Browsers hold a form's POST,
    and the redirect after it, to the page's CSP form-action: these origins are added to it.
    A STRIPE_API_BASE other than Stripe's (a local stand-in) serves those pages itself."""
    origins = ["https://checkout.stripe.com", "https://billing.stripe.com"]
    base = urlsplit(settings.STRIPE_API_BASE)
    if base.hostname != "api.stripe.com":
        origins.append(f"{base.scheme}://{base.netloc}")
    return origins


# Joining and the portal -----------------------------------------------------------------------

def start_checkout(member: Member, tier: Tier, interval: str) -> str:
    """A Stripe Checkout session for `tier` billed every `interval`; returns its URL. Nothing
    changes here: the membership begins when Stripe's webhook says it was paid."""
    price = tier.price(interval)
    if interval not in INTERVALS or not price or not tier.is_active:
        raise ValueError("That tier is not offered at that interval.")
    membership = _membership(member)
    metadata = {"member": str(member.pk), "tier": str(tier.pk), "interval": interval}
    params = {
        "mode": "subscription",
        "client_reference_id": str(member.pk),
        "line_items": [{
            "quantity": 1,
            "price_data": {"currency": tier.currency, "unit_amount": price, "recurring": {"interval": interval},
                           "product_data": {"name": f"{settings.SITE_NAME} {tier.name}"}},
        }],
        "metadata": metadata,
        "subscription_data": {"metadata": metadata},
        "success_url": settings.SITE_URL + reverse("members:account") + "?joined=1",
        "cancel_url": settings.SITE_URL + reverse("members:join"),
    }
    if membership.stripe_customer_id:
        params["customer"] = membership.stripe_customer_id
    else:
        params["customer_email"] = member.email
    session = client().v1.checkout.sessions.create(params)
    return session.url


def portal_url(member: Member) -> str:
    """A customer-portal session (change card, switch plan, cancel); raises ValueError when the
    member has never paid through Stripe."""
    membership = getattr(member, "membership", None)
    if membership is None or not membership.stripe_customer_id:
        raise ValueError("No billing account yet.")
    session = client().v1.billing_portal.sessions.create({
        "customer": membership.stripe_customer_id,
        "return_url": settings.SITE_URL + reverse("members:account"),
    })
    return session.url


def cancel_subscription(membership: Membership) -> None:
    """Cancel at once (account deletion). An already-gone subscription is fine."""
    if not membership.stripe_subscription_id or membership.status == Status.CANCELED:
        return
    try:
        client().v1.subscriptions.cancel(membership.stripe_subscription_id)
    except stripe.InvalidRequestError as exc:
        if getattr(exc, "code", "") != "resource_missing":
            raise


# Webhooks -----------------------------------------------------------------------------------------

def verify_event(payload: bytes, signature: str) -> dict:
    """The event, if Stripe-Signature proves it came from Stripe (STRIPE_WEBHOOK_SECRET)."""
    secret = settings.STRIPE_WEBHOOK_SECRET
    if not secret:
        raise BadSignature("STRIPE_WEBHOOK_SECRET is not set.")
    try:
        stripe.WebhookSignature.verify_header(payload.decode("utf-8"), signature, secret, tolerance=300)
        event = json.loads(payload)
    except (stripe.SignatureVerificationError, UnicodeDecodeError, ValueError) as exc:
        raise BadSignature(str(exc)) from None
    if not isinstance(event, dict) or not event.get("id") or not isinstance(event.get("data"), dict):
        raise BadSignature("Not a Stripe event.")
    return event


def process_event(event: dict) -> bool:
    """Apply one verified event; False when this event id was processed before."""
    try:
        with transaction.atomic():
            StripeEvent.objects.create(event_id=event["id"], type=str(event.get("type", ""))[:100])
            handler = HANDLERS.get(event.get("type"))
            if handler:
                handler(event["data"].get("object") or {}, int(event.get("created") or 0))
    except IntegrityError:
        if StripeEvent.objects.filter(event_id=event["id"]).exists():
            return False
        raise
    return True


def _at(timestamp) -> datetime | None:
    return datetime.fromtimestamp(int(timestamp), tz=UTC) if timestamp else None


def _find(*, metadata: dict | None = None, subscription: str = "", customer: str = "",
          reference: str = "") -> Membership | None:
    """The membership an object is about: by our own metadata or reference (set at checkout),
    else by the Stripe ids we already know."""
    member_pk = (metadata or {}).get("member") or reference
    if member_pk and str(member_pk).isdigit():
        member = Member.objects.filter(pk=int(member_pk)).first()
        if member is not None:
            return Membership.objects.select_for_update().get_or_create(member=member)[0]
    if subscription:
        found = Membership.objects.select_for_update().filter(stripe_subscription_id=subscription).first()
        if found:
            return found
    if customer:
        return Membership.objects.select_for_update().filter(stripe_customer_id=customer).first()
    return None


def _is_newer(membership: Membership, created: int) -> bool:
    return created >= membership.stripe_event_at


def _is_ended(membership: Membership, subscription: str) -> bool:
    """This subscription was deleted already: nothing may bring it back."""
    return membership.status == Status.CANCELED and membership.stripe_subscription_id == subscription


def _link(membership: Membership, *, customer: str = "", subscription: str = "", metadata: dict | None = None):
    if customer:
        membership.stripe_customer_id = customer
    if subscription and subscription != membership.stripe_subscription_id:
        # A new subscription replaces an ended one (joining again): its events start afresh.
        membership.stripe_subscription_id = subscription
        membership.stripe_event_at = 0
        if membership.status == Status.CANCELED:
            membership.status = Status.INCOMPLETE
    metadata = metadata or {}
    if str(metadata.get("tier", "")).isdigit():
        membership.tier = Tier.objects.filter(pk=int(metadata["tier"])).first() or membership.tier
    if metadata.get("interval") in INTERVALS:
        membership.interval = metadata["interval"]
    membership.complimentary = False


def _subscription_status(stripe_status: str) -> str:
    return {
        "active": Status.ACTIVE, "trialing": Status.ACTIVE, "past_due": Status.PAST_DUE,
        "unpaid": Status.CANCELED, "canceled": Status.CANCELED, "incomplete_expired": Status.CANCELED,
        "paused": Status.CANCELED,
    }.get(stripe_status, Status.INCOMPLETE)


def _on_checkout_completed(session: dict, created: int):
    membership = _find(metadata=session.get("metadata"), reference=session.get("client_reference_id") or "")
    if membership is None:
        logger.warning("stripe checkout for an unknown member", extra={"session": session.get("id")})
        return
    subscription = session.get("subscription") or ""
    if isinstance(subscription, dict):
        subscription = subscription.get("id", "")
    if _is_ended(membership, subscription):
        return
    _link(membership, customer=session.get("customer") or "", subscription=subscription,
          metadata=session.get("metadata"))
    if _is_newer(membership, created) and session.get("payment_status") == "paid":
        membership.status = Status.ACTIVE
        membership.grace_until = None
        membership.stripe_event_at = created
    membership.save()


def _on_subscription_changed(subscription: dict, created: int):
    membership = _find(metadata=subscription.get("metadata"), subscription=subscription.get("id", ""),
                       customer=subscription.get("customer") or "")
    if membership is None or _is_ended(membership, subscription.get("id", "")):
        return
    _link(membership, customer=subscription.get("customer") or "", subscription=subscription.get("id", ""),
          metadata=subscription.get("metadata"))
    if _is_newer(membership, created):
        status = _subscription_status(subscription.get("status", ""))
        if status == Status.PAST_DUE and membership.status != Status.PAST_DUE:
            membership.grace_until = _at(created or timezone.now().timestamp()) + timedelta(
                days=settings.MEMBERSHIP_GRACE_DAYS)
        elif status != Status.PAST_DUE:
            membership.grace_until = None
        membership.status = status
        ends = [item.get("current_period_end") for item in (subscription.get("items") or {}).get("data", [])]
        if ends := [e for e in ends if e] or [subscription.get("current_period_end")]:
            membership.current_period_end = _at(max(e or 0 for e in ends))
        membership.stripe_event_at = created
    membership.save()


def _on_subscription_deleted(subscription: dict, created: int):
    membership = _find(metadata=subscription.get("metadata"), subscription=subscription.get("id", ""),
                       customer=subscription.get("customer") or "")
    if membership is None:
        return
    if membership.stripe_subscription_id and membership.stripe_subscription_id != subscription.get("id"):
        if membership.stripe_event_at > created:
            return  # an older subscription ended after a newer one began
    _link(membership, customer=subscription.get("customer") or "", subscription=subscription.get("id", ""),
          metadata=subscription.get("metadata"))
    membership.status = Status.CANCELED
    membership.grace_until = None
    membership.stripe_event_at = max(membership.stripe_event_at, created)
    membership.save()


def _invoice_subscription(invoice: dict) -> tuple[str, dict]:
    details = ((invoice.get("parent") or {}).get("subscription_details") or {})
    subscription = details.get("subscription") or invoice.get("subscription") or ""
    if isinstance(subscription, dict):
        subscription = subscription.get("id", "")
    return subscription, details.get("metadata") or invoice.get("metadata") or {}


def _on_invoice_paid(invoice: dict, created: int):
    subscription, metadata = _invoice_subscription(invoice)
    membership = _find(metadata=metadata, subscription=subscription, customer=invoice.get("customer") or "")
    if membership is None:
        return
    Payment.objects.get_or_create(stripe_invoice_id=invoice.get("id", ""), defaults={
        "member": membership.member, "amount": int(invoice.get("amount_paid") or 0),
        "currency": str(invoice.get("currency") or "")[:3],
        "tier_name": membership.tier.name if membership.tier else "",
        "paid_at": _at((invoice.get("status_transitions") or {}).get("paid_at")) or _at(created) or timezone.now(),
    })
    if _is_ended(membership, subscription):
        return
    _link(membership, customer=invoice.get("customer") or "", subscription=subscription, metadata=metadata)
    if _is_newer(membership, created):
        membership.status = Status.ACTIVE
        membership.grace_until = None
        membership.stripe_event_at = created
    membership.save()


def _on_payment_failed(invoice: dict, created: int):
    subscription, metadata = _invoice_subscription(invoice)
    membership = _find(metadata=metadata, subscription=subscription, customer=invoice.get("customer") or "")
    if membership is None or _is_ended(membership, subscription):
        return
    _link(membership, customer=invoice.get("customer") or "", subscription=subscription, metadata=metadata)
    if _is_newer(membership, created):
        if membership.status != Status.PAST_DUE or membership.grace_until is None:
            # The grace period runs from the first failure, not from each retry.
            membership.grace_until = _at(created) + timedelta(days=settings.MEMBERSHIP_GRACE_DAYS)
        membership.status = Status.PAST_DUE
        membership.stripe_event_at = created
    membership.save()


HANDLERS = {
    "checkout.session.completed": _on_checkout_completed,
    "customer.subscription.created": _on_subscription_changed,
    "customer.subscription.updated": _on_subscription_changed,
    "customer.subscription.deleted": _on_subscription_deleted,
    "invoice.paid": _on_invoice_paid,
    "invoice.payment_failed": _on_payment_failed,
}
