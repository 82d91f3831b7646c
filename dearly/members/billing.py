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
from dearly.members.models import (
    Member,
    Membership,
    Payment,
    PortalConfiguration,
    StripeEvent,
    Tier,
)

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


# Tiers in Stripe: a Product per tier, a Price per interval ------------------------------------------

def stripe_prices(tier: Tier) -> dict[str, str]:
    """{interval: Stripe Price id} for `tier` (see in_stripe)."""
    tier = in_stripe(tier)
    return {interval: known["id"] for interval, known in tier.stripe_prices.items()}


def in_stripe(tier: Tier) -> Tier:
    """The tier, fresh, with its Stripe Product and a Stripe Price for each interval it is
    offered at, made in Stripe when missing or when the expert changed an amount or the
    currency (a Stripe Price's amount is fixed: a new one replaces it, and the old one is
    archived so it is offered no more; members already on it keep paying it until they switch)."""
    with transaction.atomic():
        tier = Tier.objects.select_for_update().get(pk=tier.pk)
        api = client().v1
        changed = not tier.stripe_product_id
        if not tier.stripe_product_id:
            product = api.products.create({"name": f"{settings.SITE_NAME} {tier.name}",
                                           "metadata": {"tier": str(tier.pk)}})
            tier.stripe_product_id = product.id
        prices = dict(tier.stripe_prices or {})
        for interval in INTERVALS:
            amount, known = tier.price(interval) or None, prices.get(interval)
            if (known or {}).get("amount") == amount and (not known or known.get("currency") == tier.currency):
                continue
            changed = True
            if known:
                api.prices.update(known["id"], {"active": False})
                del prices[interval]
            if amount:
                price = api.prices.create({
                    "product": tier.stripe_product_id, "currency": tier.currency, "unit_amount": amount,
                    "recurring": {"interval": interval}, "metadata": {"tier": str(tier.pk), "interval": interval},
                })
                prices[interval] = {"id": price.id, "amount": amount, "currency": tier.currency}
        if changed:
            tier.stripe_prices = prices
            tier.save(update_fields=["stripe_product_id", "stripe_prices"])
    return tier


def rename_product(tier: Tier) -> None:
    try:
        client().v1.products.update(tier.stripe_product_id, {"name": f"{settings.SITE_NAME} {tier.name}"})
    except (stripe.StripeError, NotConfigured):
        logger.warning("stripe product not renamed", extra={"dearly_tier_id": tier.pk})


def portal_offer() -> list[dict]:
    """What the portal lets a member switch to: each offered paid tier's Stripe product with its
    monthly and yearly prices (Stripe takes up to ten products)."""
    offer = []
    for tier in Tier.objects.filter(is_active=True):
        if not tier.is_free and (tier := in_stripe(tier)).stripe_prices:
            offer.append({"product": tier.stripe_product_id,
                          "prices": [tier.stripe_prices[i]["id"] for i in INTERVALS if i in tier.stripe_prices]})
    return offer[:10]


def portal_configuration() -> str:
    """The id of Dearly's customer-portal configuration in Stripe: change card, see invoices,
    cancel at the end of the period, and switch between the prices in portal_offer(). Made
    once, and updated whenever the offer changed."""
    offer = portal_offer()
    known = PortalConfiguration.objects.first()
    if known is not None and known.offer == offer:
        return known.stripe_configuration_id
    params = {
        "business_profile": {"headline": f"{settings.SITE_NAME}: your membership"},
        "default_return_url": settings.SITE_URL + reverse("members:account"),
        "features": {
            # The address is Dearly's to change (confirmed first, /account/email/), not Stripe's.
            "customer_update": {"enabled": False},
            "invoice_history": {"enabled": True},
            "payment_method_update": {"enabled": True},
            "subscription_cancel": {"enabled": True, "mode": "at_period_end"},
            "subscription_update": ({"enabled": True, "default_allowed_updates": ["price"], "products": offer,
                                     "proration_behavior": "create_prorations"}
                                    if offer else {"enabled": False}),
        },
        "metadata": {"made_by": "dearly"},
    }
    api = client().v1.billing_portal.configurations
    if known is None:
        configuration = api.create(params)
        known = PortalConfiguration(stripe_configuration_id=configuration.id)
    else:
        configuration = api.update(known.stripe_configuration_id, params)
    known.offer = offer
    known.save()
    return configuration.id


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
        # The tier's own Stripe Price (not an ad-hoc one), so the portal can switch it later.
        "line_items": [{"quantity": 1, "price": stripe_prices(tier)[interval]}],
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
        "configuration": portal_configuration(),
        "return_url": settings.SITE_URL + reverse("members:account"),
    })
    return session.url


def update_customer_email(membership: Membership, email: str) -> None:
    """Tell Stripe the member's new address (receipts go there). Logged, never raised: the
    address has changed here either way, and the next portal visit shows Stripe's copy."""
    try:
        client().v1.customers.update(membership.stripe_customer_id, {"email": email})
    except (stripe.StripeError, NotConfigured):
        logger.warning("stripe customer email not updated", extra={"dearly_membership_id": membership.pk})


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
    new = bool(subscription) and subscription != membership.stripe_subscription_id
    if new:
        # A new subscription replaces an ended one (joining again): its events start afresh.
        membership.stripe_subscription_id = subscription
        membership.stripe_event_at = 0
        membership.price_amount = None
        if membership.status == Status.CANCELED:
            membership.status = Status.INCOMPLETE
    # Our metadata says what was chosen at checkout. It stays on the subscription (and its
    # invoices) after a switch of plan in the portal, so it only fills in what is not known
    # yet: after that, the subscription's own price (_apply_price) says what is paid for.
    metadata = metadata or {}
    if (new or membership.tier is None) and str(metadata.get("tier", "")).isdigit():
        membership.tier = Tier.objects.filter(pk=int(metadata["tier"])).first() or membership.tier
    if (new or not membership.interval) and metadata.get("interval") in INTERVALS:
        membership.interval = metadata["interval"]
    membership.complimentary = False


def _tier_of_price(price: dict) -> Tier | None:
    product = price.get("product")
    if isinstance(product, dict):
        product = product.get("id")
    tiers = list(Tier.objects.all())
    for tier in tiers:
        if product and tier.stripe_product_id == product:
            return tier
    for tier in tiers:
        if any(known.get("id") == price.get("id") for known in (tier.stripe_prices or {}).values()):
            return tier
    return None


def _apply_price(membership: Membership, subscription: dict) -> None:
    """The plan a subscription is on now, from its item's price: a switch made in the
    portal (monthly ⇄ yearly, or another tier) arrives as customer.subscription.updated."""
    items = (subscription.get("items") or {}).get("data") or []
    price = (items[0].get("price") if items else None) or subscription.get("plan") or {}
    if not isinstance(price, dict) or not price:
        return
    interval = (price.get("recurring") or {}).get("interval") or price.get("interval")
    if interval in INTERVALS:
        membership.interval = interval
    if tier := _tier_of_price(price):
        membership.tier = tier
    amount = price.get("unit_amount") if "unit_amount" in price else price.get("amount")
    if isinstance(amount, int):
        membership.price_amount = amount
        membership.price_currency = str(price.get("currency") or "")[:3]


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
        _apply_price(membership, subscription)
        ends = [item.get("current_period_end") for item in (subscription.get("items") or {}).get("data", [])]
        if ends := [e for e in ends if e] or [subscription.get("current_period_end")]:
            membership.current_period_end = _at(max(e or 0 for e in ends))
        membership.ends_at = _at(subscription.get("cancel_at")) or (
            membership.current_period_end if subscription.get("cancel_at_period_end") else None)
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
