"""Reads about members that are more than a filter."""

from django.conf import settings
from django.utils import timezone

from dearly.mailing import tokens
from dearly.mailing.models import Subscriber
from dearly.members import billing, feeds
from dearly.members.models import Member, Question, Tier


def member_for(user):
    """The Member behind a signed-in user, or None (anonymous readers, staff accounts)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return getattr(user, "member", None)


def has_active_membership(user) -> bool:
    """Whether this user may read members-only text as a member (the paywall's question)."""
    member = member_for(user)
    membership = getattr(member, "membership", None) if member else None
    return bool(membership and membership.is_active(timezone.now()))


def subscriber_for(member):
    """Their mailing-list record (same address), if they have one."""
    return Subscriber.objects.filter(email=member.email).first()


def account_page(member) -> dict:
    subscriber = subscriber_for(member)
    return {
        "member": member,
        "membership": getattr(member, "membership", None),
        "subscriber": subscriber,
        "preferences_url": tokens.preferences_path(subscriber) if subscriber else "",
        "sign_ins": member.sign_ins.all()[:20],
        "payments": member.payments.all()[:50],
        "feed_url": settings.SITE_URL + feeds.feed_path(member) if member.feed_key else "",
    }


def join_page(user) -> dict:
    return {
        "tiers": Tier.objects.filter(is_active=True),
        "questions": Question.objects.all(),
        "payments_open": billing.is_configured(),
        "member": member_for(user),
        "is_member": has_active_membership(user),
    }


def desk_overview() -> dict:
    """Members, their tier and state, and monthly recurring revenue by currency."""
    members = list(Member.objects.select_related("membership__tier").order_by("-created_at"))
    revenue: dict[str, int] = {}
    for member in members:
        membership = getattr(member, "membership", None)
        if membership and membership.tier and (amount := membership.monthly_revenue()):
            revenue[membership.tier.currency] = revenue.get(membership.tier.currency, 0) + amount
    return {
        "members": members,
        "mrr": sorted(revenue.items()),
        "paying": sum(1 for m in members if getattr(m, "membership", None) and m.membership.monthly_revenue()),
    }
