"""Every change to the tools' data: linking and unlinking partners, sharing and un-sharing an
entry, recording check-ins and check-ups, the weekly reminder, and a member's tools data for
export and deletion. Views, commands, chores and tests all come through here."""

import secrets
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac

from dearly.lib import ratelimit
from dearly.members.models import Member
from dearly.tools import csi, selectors
from dearly.tools.models import (
    CheckIn,
    CheckUp,
    PartnerInvite,
    Partnership,
    ToolEntry,
    ToolsState,
    entry_models,
)
from dearly.tools.safety import ToolScreen, screen_tool_text

# Partner codes -------------------------------------------------------------------------------

# No 0/O, 1/I/L: read aloud or copied from a phone, nothing is mistaken for something else.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8  # 31**8: about 8.5 * 10**11 codes, against at most a handful of guesses an hour
INVITE_MINUTES = 30
FAILED_CODES_PER_MEMBER_HOUR = 5
FAILED_CODES_PER_IP_HOUR = 20
INVITES_PER_MEMBER_HOUR = 10


class LinkRefused(Exception):
    """A partner code or link that cannot be used; the message is for the person."""


class TooManyTries(LinkRefused):
    pass


class ShareRefused(Exception):
    pass


def _code_hash(code: str) -> str:
    return salted_hmac("dearly.tools.partner-code", code).hexdigest()


def normalize_code(typed: str) -> str:
    """What was typed, as a code: capitals, without spaces or dashes."""
    return "".join(ch for ch in (typed or "").upper() if ch.isalnum())[:32]


def format_code(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


def create_invite(member: Member, *, now=None) -> tuple[PartnerInvite, str]:
    """A new one-time code for `member` to hand to their partner; any older unused code stops
    working. Returns the invite and the code as shown (XXXX-XXXX), which is not kept."""
    now = now or timezone.now()
    if selectors.partnership_of(member) is not None:
        raise LinkRefused("You are already linked with a partner. Unlink first to link with someone else.")
    if ratelimit.count("tools-invite", str(member.pk), window=ratelimit.HOUR) > INVITES_PER_MEMBER_HOUR:
        raise TooManyTries("You asked for many codes in the last hour. Please try again later.")
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    with transaction.atomic():
        PartnerInvite.objects.filter(inviter=member, used_at__isnull=True).delete()
        invite = PartnerInvite.objects.create(inviter=member, code_hash=_code_hash(code), created_at=now,
                                              expires_at=now + timedelta(minutes=INVITE_MINUTES))
    return invite, format_code(code)


def tidy_invites(now=None) -> int:
    """A chore (daily): forget codes that can no longer be used (expired, or used)."""
    now = now or timezone.now()
    deleted, _ = PartnerInvite.objects.filter(Q(expires_at__lte=now) | Q(used_at__isnull=False)).delete()
    return deleted


def cancel_invites(member: Member) -> int:
    deleted, _ = PartnerInvite.objects.filter(inviter=member, used_at__isnull=True).delete()
    return deleted


def _refuse_after_failure(member: Member, ip: str) -> None:
    ratelimit.count("tools-code-fail-member", str(member.pk), window=ratelimit.HOUR)
    ratelimit.count("tools-code-fail-ip", ip, window=ratelimit.HOUR)
    raise LinkRefused("That code doesn't work. Check it with your partner: a code works once, for "
                      f"{INVITE_MINUTES} minutes, and only the newest one they made.")


def link_with_code(member: Member, typed_code: str, *, ip: str = "", now=None) -> Partnership:
    """`member` types the code their partner showed them: the two are linked, the code is used
    up. Refused politely when the code is wrong, used, expired or their own, when either of
    them is already linked, or after too many wrong codes (per member and per address)."""
    now = now or timezone.now()
    if (ratelimit.used("tools-code-fail-member", str(member.pk), window=ratelimit.HOUR)
            >= FAILED_CODES_PER_MEMBER_HOUR
            or ratelimit.used("tools-code-fail-ip", ip, window=ratelimit.HOUR) >= FAILED_CODES_PER_IP_HOUR):
        raise TooManyTries("Too many codes that didn't work in the last hour. Please try again later.")
    code = normalize_code(typed_code)
    if len(code) != CODE_LENGTH:
        _refuse_after_failure(member, ip)
    with transaction.atomic():
        # No row lock here: link_partners locks both people's states first, then claims the code
        # with a conditional update. Every linking path takes its locks in that one order, so two
        # people typing each other's codes at once cannot deadlock.
        invite = (PartnerInvite.objects.select_related("inviter")
                  .filter(code_hash=_code_hash(code), used_at__isnull=True, expires_at__gt=now).first())
        if invite is None:
            _refuse_after_failure(member, ip)
        if invite.inviter_id == member.pk:
            raise LinkRefused("That is your own code: your partner types it in on their account.")
        return link_partners(invite.inviter, member, invite=invite, now=now)


def link_partners(inviter: Member, invitee: Member, *, invite: PartnerInvite | None = None, now=None) -> Partnership:
    """Link two members (inside the caller's transaction when there is one). Both tools states
    are locked first, in a fixed order, so two codes used at once cannot link anyone twice."""
    now = now or timezone.now()
    with transaction.atomic():
        for person in sorted([inviter, invitee], key=lambda m: m.pk):
            ToolsState.objects.get_or_create(member=person)
        list(ToolsState.objects.select_for_update().filter(member__in=[inviter, invitee]).order_by("member_id"))
        busy = Partnership.objects.filter(Q(inviter__in=[inviter, invitee]) | Q(invitee__in=[inviter, invitee]))
        if busy.exists():
            raise LinkRefused("One of you is already linked with a partner. Unlink first, then try a new code.")
        if invite is not None:
            claimed = PartnerInvite.objects.filter(pk=invite.pk, used_at__isnull=True, expires_at__gt=now).update(
                used_at=now)
            if claimed != 1:
                raise LinkRefused("That code was just used. Ask your partner for a new one.")
        try:
            with transaction.atomic():
                partnership = Partnership.objects.create(inviter=inviter, invitee=invitee, linked_at=now)
        except IntegrityError:
            raise LinkRefused("One of you is already linked with a partner.") from None
        PartnerInvite.objects.filter(inviter__in=[inviter, invitee], used_at__isnull=True).delete()
    return partnership


def unlink(member: Member) -> bool:
    """End `member`'s partnership, at once. Everything either of them shared in it is private
    again in the same statement (shared_in is SET_NULL). Returns whether there was one."""
    deleted, _ = Partnership.objects.filter(Q(inviter=member) | Q(invitee=member)).delete()
    return deleted > 0


# Sharing one entry ----------------------------------------------------------------------------

def share_entry(member: Member, entry: ToolEntry, *, now=None) -> ToolEntry:
    """Show one of `member`'s own entries to their current partner."""
    if entry.author_id != member.pk:
        raise ShareRefused("Only the person who wrote an entry can share it.")
    partnership = selectors.partnership_of(member)
    if partnership is None:
        raise ShareRefused("Link with your partner first: then you can share entries with them.")
    if selectors.is_paused(member):
        raise ShareRefused("Sharing is paused for now. See the note at the top of the page.")
    if entry.held_private:
        raise ShareRefused("This entry stays private: it is kept for you alone.")
    now = now or timezone.now()
    type(entry).objects.filter(pk=entry.pk, author=member, held_private=False).update(
        shared_in=partnership, shared_at=now)
    entry.refresh_from_db()
    return entry


def unshare_entry(member: Member, entry: ToolEntry) -> ToolEntry:
    """Make one of `member`'s entries private again, at once."""
    if entry.author_id != member.pk:
        raise ShareRefused("Only the person who wrote an entry can stop sharing it.")
    type(entry).objects.filter(pk=entry.pk, author=member).update(shared_in=None, shared_at=None)
    entry.refresh_from_db()
    return entry


def delete_entry(member: Member, entry: ToolEntry) -> None:
    if entry.author_id != member.pk:
        raise ShareRefused("Only the person who wrote an entry can delete it.")
    type(entry).objects.filter(pk=entry.pk, author=member).delete()


# Recording ------------------------------------------------------------------------------------

ENTRIES_PER_MEMBER_HOUR = 60  # far above anyone's use; stops a script filling the tables


class TooManyEntries(Exception):
    """Too many entries in the last hour; the message is for the person."""


def count_entry(member: Member) -> None:
    """Count one more entry typed by `member` into any tool; raises TooManyEntries past the
    hourly limit. Every tool's recording service calls it before saving."""
    if ratelimit.count("tools-entry", str(member.pk), window=ratelimit.HOUR) > ENTRIES_PER_MEMBER_HOUR:
        raise TooManyEntries("You saved a great many entries in the last hour. Please try again a little later: "
                             "what you typed is still here.")

def record_check_in(member: Member, *, need: int, connected: int, note: str = "", share: bool = False,
                    now=None) -> tuple[CheckIn, ToolScreen]:
    """A check-in. The sentence is screened first; if it shows danger the entry is kept private
    for good and the exercise pauses (dearly.tools.safety). With `share`, it is shared at once
    when it may be."""
    for name, value in (("need", need), ("connected", connected)):
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 10:
            raise ValueError(f"{name} must be a whole number from 1 to 10.")
    note = (note or "").strip()
    if len(note) > 280:
        raise ValueError("The sentence can be at most 280 characters.")
    count_entry(member)
    screened = screen_tool_text(member, note)
    check_in = CheckIn.objects.create(author=member, need=need, connected=connected, note=note,
                                      held_private=screened.paused, created_at=now or timezone.now())
    if share and not screened.paused and selectors.partnership_of(member) and not selectors.is_paused(member):
        share_entry(member, check_in)
    return check_in, screened


def record_check_up(member: Member, answers: dict, *, share: bool = False, now=None) -> CheckUp:
    csi.score(answers)  # raises ValueError for anything off the published scales
    count_entry(member)
    check_up = CheckUp.objects.create(author=member, created_at=now or timezone.now(),
                                      **{item.field: answers[item.field] for item in csi.ITEMS})
    if share and selectors.partnership_of(member) and not selectors.is_paused(member):
        share_entry(member, check_up)
    return check_up


# The weekly reminder --------------------------------------------------------------------------

REMINDER_EVERY = timedelta(days=7)


def set_weekly_reminder(member: Member, on: bool) -> ToolsState:
    state, _ = ToolsState.objects.get_or_create(member=member)
    state.weekly_reminder = bool(on)
    state.save(update_fields=["weekly_reminder"])
    return state


def send_due_reminders(now=None) -> int:
    """A chore (hourly): one reminder email to each member who turned it on and was not reminded
    in the last week. The email says nothing about anyone's answers, and nothing is sent to a
    partner. Each reminder is claimed by a conditional update, and the outbox key is per week,
    so two workers never send one twice."""
    from dearly.email.outbox import queue_email

    now = now or timezone.now()
    due = ToolsState.objects.filter(weekly_reminder=True).filter(
        Q(reminder_sent_at__isnull=True) | Q(reminder_sent_at__lte=now - REMINDER_EVERY)).select_related("member")
    sent = 0
    for state in due:
        previous = state.reminder_sent_at
        with transaction.atomic():
            claimed = ToolsState.objects.filter(pk=state.pk, weekly_reminder=True,
                                                reminder_sent_at=previous).update(reminder_sent_at=now)
            if claimed != 1:
                continue
            year, week, _ = now.isocalendar()
            from django.conf import settings
            from django.urls import reverse

            queue_email(to=state.member.email, purpose=f"tools-reminder:{state.member_id}:{year}-{week:02d}",
                        template="tools/email/reminder",
                        context={"url": settings.SITE_URL + reverse("tools:check_in"),
                                 "settings_url": settings.SITE_URL + reverse("tools:index")})
            sent += 1
    return sent


# The account: export and deletion ---------------------------------------------------------------

def tools_data(member: Member) -> dict:
    """Everything the tools keep about `member`, for "download my data": their own entries of
    every tool (never their partner's), their partnership, their settings."""
    state = ToolsState.objects.filter(member=member).first()
    partnership = selectors.partnership_of(member)
    data = {
        "settings": None if state is None else {
            "weekly_reminder": state.weekly_reminder,
            "reminder_sent_at": state.reminder_sent_at.isoformat() if state.reminder_sent_at else None,
            "exercise_paused_at": state.paused_at.isoformat() if state.paused_at else None,
        },
        "partner": None if partnership is None else {"linked_at": partnership.linked_at.isoformat()},
        "entries": {},
    }
    for model in entry_models():
        data["entries"][model.tool_slug] = [e.export_common() for e in model.objects.filter(author=member)]
    return data


@transaction.atomic
def delete_tools_data(member: Member) -> None:
    """Erase every tools row of `member` (called before the account goes; the cascade would take
    most, this says so and ends the partnership first, so the partner loses access at once)."""
    unlink(member)
    PartnerInvite.objects.filter(inviter=member).delete()
    for model in entry_models():
        model.objects.filter(author=member).delete()
    ToolsState.objects.filter(member=member).delete()
