"""Changes to a member's account outside signing in and Stripe: complimentary memberships
(granted by the expert in the desk), the tiers and questions of /join/, taking one's data away,
and deleting one's account."""

import secrets

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from dearly.lib import ratelimit
from dearly.mailing import services as mailing
from dearly.mailing.models import Subscriber, normalize_email
from dearly.members import billing, feeds, hooks, mail, selectors, signin
from dearly.members.models import Member, Membership, Question, SignInRequest, Tier


def save_tier(tier: Tier) -> Tier:
    tier.currency = tier.currency.strip().lower()
    renamed = bool(tier.pk and tier.stripe_product_id) and Tier.objects.filter(pk=tier.pk).exclude(
        name=tier.name).exists()
    tier.save()
    if renamed and billing.is_configured():
        # Checkout, invoices and the portal show the product's name: it follows the tier's.
        # Prices follow on their own the next time they are needed (billing.in_stripe).
        transaction.on_commit(lambda: billing.rename_product(tier))
    return tier


def save_question(question: Question) -> Question:
    question.save()
    return question


@transaction.atomic
def grant_complimentary(member: Member, tier: Tier, *, until=None) -> Membership:
    membership, _ = Membership.objects.select_for_update().get_or_create(member=member)
    membership.tier = tier
    membership.complimentary = True
    membership.complimentary_until = until
    membership.status = Membership.Status.ACTIVE
    membership.save()
    return membership


@transaction.atomic
def end_complimentary(membership: Membership) -> Membership:
    membership.complimentary = False
    membership.complimentary_until = None
    if not membership.stripe_subscription_id:
        membership.status = Membership.Status.CANCELED
    membership.save()
    return membership


def rotate_feed(member: Member) -> str:
    """Give the member's private feed a new address (the first, or a replacement): the old
    address stops working at once. Returns the new address's path."""
    member.feed_key = secrets.token_hex(12)
    member.save(update_fields=["feed_key"])
    return feeds.feed_path(member)


def member_data(member: Member) -> dict:
    """Everything Dearly keeps about a member, as one JSON-ready dict."""
    membership = getattr(member, "membership", None)
    subscriber = selectors.subscriber_for(member)

    def when(value):
        return value.isoformat() if value else None

    return {
        "exported_at": timezone.now().isoformat(),
        "account": {"email": member.email, "created_at": when(member.created_at),
                    "private_feed": settings.SITE_URL + feeds.feed_path(member) if member.feed_key else None},
        "sign_ins": [
            {"at": when(s.at), "method": s.method, "ip": s.ip, "user_agent": s.user_agent}
            for s in member.sign_ins.all()
        ],
        "membership": None if membership is None else {
            "tier": membership.tier.name if membership.tier else None,
            "interval": membership.interval,
            "status": membership.status,
            "complimentary": membership.complimentary,
            "complimentary_until": when(membership.complimentary_until),
            "current_period_end": when(membership.current_period_end),
            "grace_until": when(membership.grace_until),
            "ends_at": when(membership.ends_at),
            "price": membership.price_amount,
            "currency": membership.currency,
            "stripe_customer": membership.stripe_customer_id,
            "stripe_subscription": membership.stripe_subscription_id,
        },
        "payments": [
            {"paid_at": when(p.paid_at), "amount": p.amount, "currency": p.currency, "tier": p.tier_name,
             "stripe_invoice": p.stripe_invoice_id}
            for p in member.payments.all()
        ],
        "mailing_list": mailing.subscriber_data(subscriber) if subscriber else None,
        **hooks.exports(member),  # other apps' data (dearly.members.hooks)
    }


def delete_account(member: Member) -> None:
    """Cancel any Stripe subscription, erase everything personal, keep payments anonymized for
    the accounts, and confirm by email (the address is forgotten once that email is sent).

    Stripe comes first and outside the transaction: if it cannot be reached, nothing is erased
    and the member can try again."""
    email = member.email
    membership = getattr(member, "membership", None)
    if membership is not None and membership.stripe_subscription_id and billing.is_configured():
        billing.cancel_subscription(membership)
    with transaction.atomic():
        hooks.erase_all(member)  # other apps' data first (dearly.members.hooks)
        signin.end_sessions(member)  # on every device, with the user id they hold
        member.payments.update(member=None)
        subscriber = selectors.subscriber_for(member)
        if subscriber is not None:
            mailing.erase_subscriber(subscriber)
        SignInRequest.objects.filter(email=email).delete()
        mail.forget_address(email, "The member deleted their account.")
        user = member.user
        user.delete()  # with it the member, their membership and sign-in history
        mail.queue_email(
            to=email, purpose=f"member-deleted:{secrets.token_hex(8)}", template="members/email/deleted",
            context={"site_url": settings.SITE_URL}, forget_address=True,
        )


# Changing one's address: the new one is confirmed first -----------------------------------------

EMAIL_CHANGE_SALT = "dearly.members.change-email"
EMAIL_CHANGE_SECONDS = 60 * 60


class EmailChangeRefused(Exception):
    pass


def request_email_change(member: Member, new_email: str) -> None:
    """Email a confirmation link to the new address; nothing changes until it is pressed.
    `new_email` is already checked (clean_email). Raises EmailChangeRefused past the limit."""
    if ratelimit.count("member-email-change", str(member.pk), window=ratelimit.HOUR) > 5:
        raise EmailChangeRefused("Too many changes asked for in the last hour. Please try again later.")
    token = signing.TimestampSigner(salt=EMAIL_CHANGE_SALT).sign_object(
        {"m": member.pk, "o": member.email, "e": new_email})
    bucket = int(timezone.now().timestamp() // 900)
    mail.queue_email(
        to=new_email, purpose=f"member-email-change:{member.pk}:{bucket}:{secrets.token_hex(4)}",
        template="members/email/change_email", forget_address=True,
        context={"url": settings.SITE_URL + reverse("members:confirm_email", args=[token]),
                 "minutes": EMAIL_CHANGE_SECONDS // 60},
    )


def email_change_for(token: str) -> tuple[Member, str]:
    """The member and the new address a confirmation link is for, while it may be used."""
    try:
        data = signing.TimestampSigner(salt=EMAIL_CHANGE_SALT).unsign_object(token, max_age=EMAIL_CHANGE_SECONDS)
        member = Member.objects.get(pk=int(data["m"]), email=str(data["o"]))  # used once: the old address is gone
        new_email = normalize_email(str(data["e"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError, Member.DoesNotExist):
        raise EmailChangeRefused("This link no longer works. Please ask for the change again.") from None
    return member, new_email


@transaction.atomic
def confirm_email_change(token: str) -> Member:
    """Move the account, and the mailing-list record with its consent history, to the new
    address: one person, one address."""
    member, new_email = email_change_for(token)
    if Member.objects.filter(email=new_email).exists():
        raise EmailChangeRefused("That address already has an account of its own.")
    old = selectors.subscriber_for(member)
    already = Subscriber.objects.filter(email=new_email).first()
    if old is not None and already is None:
        old.email = new_email
        old.save(update_fields=["email"])
    elif old is not None:
        # The new address was on the list already (the same person, who has just proved it is
        # theirs): its record stays, and the old one's history joins it, so that one person
        # has one record and one consent history, and export and deletion find all of it.
        for relation in ("consent_records", "signups", "downloads"):
            getattr(old, relation).update(subscriber=already)
        mail.move_emails(old, already)
        old.delete()
    member.email = new_email
    member.save(update_fields=["email"])
    membership = getattr(member, "membership", None)
    if membership is not None and membership.stripe_customer_id and billing.is_configured():
        # Stripe's receipts follow the address too; a failure here changes nothing of ours.
        transaction.on_commit(lambda: billing.update_customer_email(membership, new_email))
    return member
