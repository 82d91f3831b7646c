"""The desk's list of members at scale: a page at a time, searchable by address, each with their
tier and state, and monthly recurring revenue over all of them (yearly prices as a twelfth,
complimentary, ended and lapsed memberships counting nothing)."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from dearly.members import selectors, services
from dearly.members.models import Member, Membership, Tier

pytestmark = pytest.mark.django_db


@pytest.fixture
def crowd(db):
    """131 members: 40 monthly, 30 yearly, 5 monthly in their grace period, 5 past it, 10
    cancelled, 10 complimentary, 1 paying in euros, 30 with an account only."""
    tier = services.save_tier(Tier(name="Member", slug="member", included="All", monthly_price=500,
                                   yearly_price=5000))
    euro = services.save_tier(Tier(name="Cercle", slug="cercle", included="Tout", monthly_price=900, currency="eur"))
    users = get_user_model().objects.bulk_create(
        [get_user_model()(username=f"member-{i:03d}") for i in range(131)])
    base = timezone.now() - timedelta(days=200)
    members = Member.objects.bulk_create([
        Member(user=u, email=f"person{i:03d}@example.com", created_at=base + timedelta(hours=i))
        for i, u in enumerate(users)])
    now = timezone.now()
    kinds = ([("month", "active", None)] * 40 + [("year", "active", None)] * 30
             + [("month", "past_due", now + timedelta(days=2))] * 5 + [("month", "past_due", now - timedelta(days=1))] * 5
             + [("month", "canceled", None)] * 10)
    rows = [Membership(member=m, tier=tier, interval=interval, status=status, grace_until=grace)
            for m, (interval, status, grace) in zip(members, kinds, strict=False)]
    rows += [Membership(member=m, tier=tier, status="active", complimentary=True) for m in members[90:100]]
    rows.append(Membership(member=members[100], tier=euro, interval="month", status="active",
                           price_amount=900, price_currency="eur"))
    Membership.objects.bulk_create(rows)
    return members


def test_monthly_recurring_revenue_counts_only_what_is_paid(crowd):
    overview = selectors.desk_overview()
    # 40 × $5 + 30 × $50 / 12 (each $4.17) + 5 in their grace period × $5; and €9.
    assert dict(overview["mrr"]) == {"usd": 40 * 500 + 30 * round(5000 / 12) + 5 * 500, "eur": 900}
    assert overview["paying"] == 76 and overview["accounts"] == 131


def test_the_desk_lists_members_a_page_at_a_time(desk_client, crowd):
    first = desk_client.get("/desk/members/").content.decode()
    assert "131 accounts, 76 paying" in first and "$350.10" in first and "€9" in first
    assert first.count("@example.com</td>") == selectors.MEMBERS_PER_PAGE
    assert "person130@example.com" in first and "person000@example.com" not in first  # newest first
    assert "Page 1 of 3" in first
    last = desk_client.get("/desk/members/?page=3").content.decode()
    assert last.count("@example.com</td>") == 131 - 2 * selectors.MEMBERS_PER_PAGE
    assert "person000@example.com" in last
    assert "person000@example.com" not in desk_client.get("/desk/members/?page=2").content.decode()


def test_each_member_shows_their_tier_and_state(desk_client, crowd):
    row = {}
    for number in (1, 2, 3):
        page = desk_client.get(f"/desk/members/?page={number}").content.decode()
        row.update({m.group(1): m.group(2)
                    for m in re.finditer(r"<td>(person\d+@example\.com)</td>(.*?)</tr>", page, re.S)})
    assert len(row) == 131
    assert "Member, monthly" in row["person000@example.com"] and "Active" in row["person000@example.com"]
    assert "Member, yearly" in row["person045@example.com"]
    assert "Payment failed (grace period) until" in row["person072@example.com"]
    assert "Lapsed: payment failed, grace ended" in row["person077@example.com"]
    assert "Ended" in row["person080@example.com"] and "Complimentary" in row["person095@example.com"]
    assert "Free" in row["person120@example.com"] and "Account only" in row["person120@example.com"]


def test_the_expert_finds_a_member_by_email(desk_client, crowd):
    found = desk_client.get("/desk/members/?q=PERSON07").content.decode()
    assert "10 found" in found and found.count("@example.com</td>") == 10
    assert "person071@example.com" in found and "person081@example.com" not in found
    assert "131 accounts" in found  # the totals stay the whole membership's
    nothing = desk_client.get("/desk/members/?q=nobody-here").content.decode()
    assert "address contains that" in nothing
    assert desk_client.get("/desk/members/?page=99").status_code == 200  # past the end: the last page


def test_a_complimentary_membership_on_the_free_tier_cannot_be_granted(desk_client, crowd):
    free = services.save_tier(Tier(name="Reader", slug="reader", included="News"))
    response = desk_client.post("/desk/members/", {"email": "friend@example.com", "tier": free.pk, "until": ""})
    assert response.status_code == 400 and not Member.objects.filter(email="friend@example.com").exists()
