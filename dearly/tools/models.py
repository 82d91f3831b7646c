"""Couples' tools: what a member records for themselves (check-ins, check-ups, cycle maps), the
partner they may link with, and the rule that keeps every entry private until its author shares it.

Every tool's entry is a ToolEntry. Who may see one is decided in one place,
dearly.tools.selectors.visible_entries(); writes go through dearly.tools.services.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from dearly.members.models import Member


class ToolsState(models.Model):
    """One member's settings and safety state for the tools.

    `paused_at`: something they typed into a tool screened positive for danger (see
    dearly.tools.safety). While it is set, the couple exercise is paused for them: nothing more of
    theirs can be shared, and every tools page shows them, and only them, where to get help. Their
    partner is told nothing. They resume it themselves."""

    member = models.OneToOneField(Member, on_delete=models.CASCADE, related_name="tools_state")
    paused_at = models.DateTimeField(null=True, blank=True)
    # The screen's categories when it paused (comma-separated), so the right services come first.
    pause_needs = models.CharField(max_length=200, blank=True)
    weekly_reminder = models.BooleanField(default=False)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Tools state of member {self.member_id}"

    @property
    def is_paused(self) -> bool:
        return self.paused_at is not None

    def needs(self) -> list[str]:
        return [need for need in self.pause_needs.split(",") if need]


class PartnerInvite(models.Model):
    """A one-time code one member hands their partner in person. Only a keyed hash of the code is
    kept; it works once, until `expires_at`. Nobody is emailed about it."""

    inviter = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="partner_invites")
    code_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["expires_at"])]

    def __str__(self):
        return f"Invite by member {self.inviter_id} until {self.expires_at:%Y-%m-%d %H:%M}"


class Partnership(models.Model):
    """Two members linked as partners. Unlinking deletes the row: every entry shared in it
    becomes private again in the same statement (ToolEntry.shared_in is SET_NULL), so a later
    partnership, even with the same person, starts with nothing shared.

    A member is in at most one partnership (services.link_partners checks both sides under a
    lock; the unique constraints are the backstop for each column)."""

    inviter = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    invitee = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    linked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["inviter"], name="tools_partnership_one_per_inviter"),
            models.UniqueConstraint(fields=["invitee"], name="tools_partnership_one_per_invitee"),
            models.CheckConstraint(condition=~models.Q(inviter=models.F("invitee")),
                                   name="tools_partnership_two_people"),
        ]

    def __str__(self):
        return f"Partnership {self.pk}"

    def other(self, member: Member) -> Member:
        return self.invitee if member.pk == self.inviter_id else self.inviter

    def includes(self, member: Member) -> bool:
        return member.pk in (self.inviter_id, self.invitee_id)


class ToolEntry(models.Model):
    """What every tool's entry shares: an author, and the sharing rule.

    Private until its author shares it: `shared_in` is the partnership it is shared in, empty
    when private. `held_private`: its text screened positive for danger, so it is never shown to
    a partner, whatever is pressed. Subclasses set `tool_slug` (used in URLs and the export) and
    `tool_label`, and define `export()`."""

    tool_slug = ""
    tool_label = ""

    author = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="%(app_label)s_%(class)s_entries")
    created_at = models.DateTimeField(default=timezone.now)
    shared_in = models.ForeignKey(Partnership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    shared_at = models.DateTimeField(null=True, blank=True)
    held_private = models.BooleanField(default=False)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-id"]

    @property
    def is_shared(self) -> bool:
        return self.shared_in_id is not None

    def export(self) -> dict:
        return {}

    def export_common(self) -> dict:
        return {
            "created_at": self.created_at.isoformat(),
            "shared_with_partner": self.is_shared,
            "held_private_for_safety": self.held_private,
            **self.export(),
        }


SCALE = [MinValueValidator(1), MaxValueValidator(10)]


class CheckIn(ToolEntry):
    """A connection check-in: how much I need closeness now, how connected I feel (1–10), and one
    optional sentence."""

    tool_slug = "check-in"
    tool_label = "Connection check-in"

    need = models.PositiveSmallIntegerField(validators=SCALE)
    connected = models.PositiveSmallIntegerField(validators=SCALE)
    note = models.CharField(max_length=280, blank=True)

    class Meta(ToolEntry.Meta):
        constraints = [
            models.CheckConstraint(condition=models.Q(need__gte=1, need__lte=10), name="tools_checkin_need_1_10"),
            models.CheckConstraint(condition=models.Q(connected__gte=1, connected__lte=10),
                                   name="tools_checkin_connected_1_10"),
        ]

    def __str__(self):
        return f"Check-in {self.pk}"

    def export(self) -> dict:
        return {"need_for_closeness": self.need, "feel_connected": self.connected, "note": self.note}


class CheckUp(ToolEntry):
    """A relationship check-up: the four CSI-4 answers (dearly.tools.csi scores them)."""

    tool_slug = "check-up"
    tool_label = "Relationship check-up"

    happiness = models.PositiveSmallIntegerField(validators=[MaxValueValidator(6)])
    warmth = models.PositiveSmallIntegerField(validators=[MaxValueValidator(5)])
    rewarding = models.PositiveSmallIntegerField(validators=[MaxValueValidator(5)])
    satisfied = models.PositiveSmallIntegerField(validators=[MaxValueValidator(5)])

    class Meta(ToolEntry.Meta):
        constraints = [
            models.CheckConstraint(condition=models.Q(happiness__lte=6, warmth__lte=5, rewarding__lte=5,
                                                      satisfied__lte=5), name="tools_checkup_in_range"),
        ]

    def __str__(self):
        return f"Check-up {self.pk}"

    @property
    def total(self) -> int:
        return self.happiness + self.warmth + self.rewarding + self.satisfied

    def export(self) -> dict:
        from dearly.tools import csi

        return {"answers": {"happiness": self.happiness, "warm_and_comfortable": self.warmth,
                            "rewarding": self.rewarding, "satisfied": self.satisfied},
                "total": self.total, "below_cut_off": csi.below_cut_off(self.total)}


def entry_models() -> list[type[ToolEntry]]:
    """Every tool's entry model, from any app (the cycle map lives beside these): what the
    export, account deletion, sharing URLs and the desk's aggregates walk through."""
    from django.apps import apps

    return [m for m in apps.get_models() if issubclass(m, ToolEntry) and m.tool_slug]


def entry_model(slug: str) -> type[ToolEntry] | None:
    return next((m for m in entry_models() if m.tool_slug == slug), None)
