"""Changes to a member's account outside signing in and Stripe: complimentary memberships
(granted by the expert in the desk), the tiers and questions of /join/, taking one's data away,
and deleting one's account."""

import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from dearly.mailing import services as mailing
from dearly.members import billing, mail, selectors
from dearly.members.models import Member, Membership, Question, SignInRequest, Tier


def save_tier(tier: Tier) -> Tier:
    tier.currency = tier.currency.strip().lower()
    tier.save()
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


def member_data(member: Member) -> dict:
    """Everything Dearly keeps about a member, as one JSON-ready dict."""
    membership = getattr(member, "membership", None)
    subscriber = selectors.subscriber_for(member)

    def when(value):
        return value.isoformat() if value else None

    return {
        "exported_at": timezone.now().isoformat(),
        "account": {"email": member.email, "created_at": when(member.created_at)},
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
            "stripe_customer": membership.stripe_customer_id,
            "stripe_subscription": membership.stripe_subscription_id,
        },
        "payments": [
            {"paid_at": when(p.paid_at), "amount": p.amount, "currency": p.currency, "tier": p.tier_name,
             "stripe_invoice": p.stripe_invoice_id}
            for p in member.payments.all()
        ],
        "mailing_list": mailing.subscriber_data(subscriber) if subscriber else None,
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
        member.payments.update(member=None)
        subscriber = selectors.subscriber_for(member)
        if subscriber is not None:
            mailing.erase_subscriber(subscriber)
        SignInRequest.objects.filter(email=email).delete()
        mail.forget_emails_to(email, "The member deleted their account.")
        user = member.user
        user.delete()  # with it the member, their membership and sign-in history
        mail.queue_email(
            to=email, purpose=f"member-deleted:{secrets.token_hex(8)}", template="members/email/deleted",
            context={"site_url": settings.SITE_URL}, forget_address=True,
        )
