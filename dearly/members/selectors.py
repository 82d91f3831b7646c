"""Reads about members that are more than a filter."""

from django.conf import settings
from django.utils import timezone

from dearly.mailing import tokens
from dearly.mailing.models import Subscriber
from dearly.members import billing, feeds
from dearly.members.models import Member, Membership, Question, Tier


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


MEMBERS_PER_PAGE = 50


def desk_overview(*, query: str = "", page=1) -> dict:
    """One page of members (newest first, or those whose address contains `query`), with
    their tier and state; how many accounts and paying members there are; and monthly
    recurring revenue by currency: what active paid memberships bring in a month (a yearly
    price counts a twelfth; complimentary, ended and lapsed ones count nothing)."""
    from django.core.paginator import Paginator

    members = Member.objects.select_related("membership__tier").order_by("-created_at", "-id")
    if query:
        members = members.filter(email__icontains=query)
    listed = Paginator(members, MEMBERS_PER_PAGE).get_page(page)
    revenue: dict[str, int] = {}
    paying = 0
    now = timezone.now()
    candidates = Membership.objects.select_related("tier").filter(
        complimentary=False, tier__isnull=False, status__in=[Membership.Status.ACTIVE, Membership.Status.PAST_DUE])
    for membership in candidates.iterator():
        if membership.is_active(now) and (amount := membership.monthly_revenue()):
            revenue[membership.currency] = revenue.get(membership.currency, 0) + amount
            paying += 1
    return {
        "page": listed,
        "members": listed.object_list,
        "query": query,
        "found": listed.paginator.count,
        "accounts": Member.objects.count(),
        "mrr": sorted(revenue.items()),
        "paying": paying,
    }
