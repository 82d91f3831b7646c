"""Who may use the tools, and who may see which entry: decided here and nowhere else.

Access (documented in README, "Couples' tools"): the tools are for signed-in members whose
membership is active (a paid tier, or complimentary from the desk: the same answer the paywall
gets, members.selectors.has_active_membership), and for the partner they link with: one
membership covers a couple. The free tier (a reader's account) does not include them. Staff
accounts are not members and see no one's entries (the desk shows aggregates only).

Visibility: an entry is visible to its author, and to the author's current partner once the
author has shared it in their current partnership (and the safety screen did not hold it back).
Nothing else, for no one else. Every tools view reads entries through visible_entries() or
can_see(), as the column reads members-only text through the paywall.
"""

from django.db.models import Q

from dearly.members.models import Member
from dearly.members.selectors import has_active_membership, member_for
from dearly.tools.models import Partnership, ToolEntry, ToolsState


def _member(viewer) -> Member | None:
    """A Member from a user, a Member, or None."""
    if isinstance(viewer, Member):
        return viewer
    return member_for(viewer)


def partnership_of(viewer) -> Partnership | None:
    member = _member(viewer)
    if member is None:
        return None
    return (Partnership.objects.select_related("inviter", "invitee")
            .filter(Q(inviter=member) | Q(invitee=member)).first())


def partner_of(viewer) -> Member | None:
    member = _member(viewer)
    partnership = partnership_of(member)
    return partnership.other(member) if partnership else None


def has_tools_access(viewer) -> bool:
    """Whether this user (or member) may use the tools: an active membership of their own, or a
    partner with one."""
    member = _member(viewer)
    if member is None:
        return False
    if has_active_membership(member.user):
        return True
    partner = partner_of(member)
    return partner is not None and has_active_membership(partner.user)


def visible_entries(viewer, queryset):
    """The entries of `queryset` (any ToolEntry model) that `viewer` may see."""
    member = _member(viewer)
    if member is None or not has_tools_access(member):
        return queryset.none()
    rule = Q(author=member)
    partnership = partnership_of(member)
    if partnership is not None:
        rule |= Q(shared_in=partnership, held_private=False)
    return queryset.filter(rule)


def can_see(viewer, entry: ToolEntry) -> bool:
    return visible_entries(viewer, type(entry).objects.filter(pk=entry.pk)).exists()


def own_entries(viewer, queryset):
    """The viewer's own entries only (what they may share, unshare or delete)."""
    member = _member(viewer)
    if member is None or not has_tools_access(member):
        return queryset.none()
    return queryset.filter(author=member)


def shared_by_partner(viewer, queryset):
    """What the viewer's partner has shared with them (a subset of visible_entries)."""
    member = _member(viewer)
    partnership = partnership_of(member)
    if partnership is None:
        return queryset.none()
    return visible_entries(member, queryset).filter(author=partnership.other(member))


def tools_state(viewer) -> ToolsState | None:
    """The member's tools state, without creating one (a read)."""
    member = _member(viewer)
    if member is None:
        return None
    return ToolsState.objects.filter(member=member).first()


def is_paused(viewer) -> bool:
    state = tools_state(viewer)
    return bool(state and state.is_paused)


# The check-in chart ----------------------------------------------------------------------------

def check_in_chart_data(viewer, *, weeks: int = 12, now=None) -> dict:
    """The viewer's check-ins of the last `weeks` weeks and, when linked, those their partner
    shared, as chart series (oldest first) and table rows (newest first). Read through
    visible_entries like everything else."""
    from datetime import timedelta

    from django.utils import timezone

    from dearly.tools.charts import Series
    from dearly.tools.models import CheckIn

    member = _member(viewer)
    end = timezone.localtime(now or timezone.now())
    start = end - timedelta(weeks=weeks)
    recent = visible_entries(member, CheckIn.objects.filter(created_at__gte=start, created_at__lte=end))
    mine = Series("You")
    theirs = Series("Your partner")
    partner = partner_of(member)
    rows = []
    # Plain tuples and a date label formatted once: a year of a couple's check-ins is 730 rows.
    for author_id, created_at, need, connected in recent.order_by("created_at", "id").values_list(
            "author_id", "created_at", "need", "connected"):
        when = timezone.localtime(created_at)
        series = mine if author_id == member.pk else theirs
        series.points.append((when, need, connected))
        rows.append({"who": series.label, "when": f"{when:%a %-d %b, %H:%M}", "need": need,
                     "connected": connected, "gap": need - connected})
    series = [mine, theirs] if partner is not None and theirs.points else [mine]
    return {"series": series, "rows": rows[::-1], "start": start, "end": end, "weeks": weeks,
            "joint": len(series) == 2}


# The desk: aggregates only --------------------------------------------------------------------

SMALLEST_GROUP = 5  # no count of fewer people than this reaches the desk
BINS = [(1, 2), (3, 4), (5, 6), (7, 8), (9, 10)]


def suppress(counts: list[int], smallest: int = SMALLEST_GROUP) -> list[int | None]:
    """Counts of people with every cell under `smallest` hidden (None), and, when the hidden
    cells together hold fewer than `smallest` people, the next smallest cells hidden too, so
    nothing can be worked out by subtracting from a total."""
    hidden = {i for i, c in enumerate(counts) if 0 < c < smallest}
    while hidden and 0 < sum(counts[i] for i in hidden) < smallest:
        rest = [(c, i) for i, c in enumerate(counts) if i not in hidden and c > 0]
        if not rest:
            break
        hidden.add(min(rest)[1])
    return [None if i in hidden else c for i, c in enumerate(counts)]


def _binned(values: list[int]) -> list[int]:
    return [sum(1 for v in values if low <= v <= high) for low, high in BINS]


def desk_aggregates() -> dict:
    """What the expert may see of the tools: how many people use each, how many couples are
    linked, and the spread of each person's latest check-in and check-up. Never an entry, never
    a member; no group of fewer than SMALLEST_GROUP people."""
    from dearly.tools import csi
    from dearly.tools.models import CheckIn, CheckUp, entry_models

    def people(count: int) -> int | None:
        return count if count == 0 or count >= SMALLEST_GROUP else None

    usage = [{"label": m.tool_label, "people": people(m.objects.values("author").distinct().count())}
             for m in entry_models()]
    latest_check_ins = {}
    for author, need, connected in CheckIn.objects.order_by("author_id", "created_at", "id").values_list(
            "author_id", "need", "connected"):
        latest_check_ins[author] = (need, connected)  # the last one wins
    latest_totals = {}
    for author, *answers in CheckUp.objects.order_by("author_id", "created_at", "id").values_list(
            "author_id", "happiness", "warmth", "rewarding", "satisfied"):
        latest_totals[author] = sum(answers)
    enough = len(latest_check_ins) >= SMALLEST_GROUP
    labels = [f"{low}–{high}" for low, high in BINS]
    need = suppress(_binned([n for n, _c in latest_check_ins.values()])) if enough else None
    felt = suppress(_binned([c for _n, c in latest_check_ins.values()])) if enough else None
    below = sum(1 for t in latest_totals.values() if csi.below_cut_off(t))
    check_up_split = (suppress([below, len(latest_totals) - below])
                      if len(latest_totals) >= SMALLEST_GROUP else None)
    return {
        "smallest_group": SMALLEST_GROUP,
        "usage": usage,
        "couples": people(Partnership.objects.count()),
        "check_in_people": people(len(latest_check_ins)),
        "bins": labels,
        "need": None if need is None else list(zip(labels, need, strict=True)),
        "felt": None if felt is None else list(zip(labels, felt, strict=True)),
        "check_up_split": check_up_split,
    }
