"""The safety hook: everything typed into a tool goes through the letters' crisis screen.

    result = screen_tool_text(member, text)
    if result.paused: ...   # keep the entry private (held_private=True); the page shows help

When the text screens urgent, or speaks of abuse at home or of harming someone, the person's
couple exercise pauses (ToolsState.paused_at) and every tools page shows them, privately, where
to get help. Their partner sees nothing of it: the entry is never shown to them, no email goes
anywhere, and the partner's pages look exactly as before (a change there could tell a partner
who hurts them that they reached out). They resume the exercise themselves.
"""

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from dearly.members.models import Member
from dearly.safety.models import CrisisResource
from dearly.safety.resources import emergency_number, resources_for
from dearly.safety.screening import Category, Outcome, screen
from dearly.tools.models import ToolsState

logger = logging.getLogger(__name__)

# Worth pausing for even when the screen is not sure it is immediate.
PAUSING_CATEGORIES = {Category.ABUSE_AT_HOME, Category.HARM_TO_OTHERS}


@dataclass(frozen=True)
class ToolScreen:
    outcome: str
    categories: list[str] = field(default_factory=list)
    paused: bool = False


def pauses(outcome, categories) -> bool:
    return outcome == Outcome.URGENT or bool(PAUSING_CATEGORIES & set(categories))


def screen_tool_text(person: Member, text: str) -> ToolScreen:
    """Screen what `person` typed; pause their couple exercise when it shows danger. Empty text
    screens as none. If the screen itself fails, it is treated as danger (as letters do)."""
    if not (text or "").strip():
        return ToolScreen(Outcome.NONE.value)
    try:
        result = screen(text)
        outcome, categories = result.outcome, [c.value for c in result.categories]
    except Exception as exc:
        logger.error("crisis screen failed on tool text; treated as urgent",
                     extra={"dearly_error": type(exc).__name__})
        outcome, categories = Outcome.URGENT, []
    if not pauses(outcome, categories):
        return ToolScreen(Outcome(outcome).value, categories)
    pause_exercise(person, categories)
    return ToolScreen(Outcome(outcome).value, categories, paused=True)


@transaction.atomic
def pause_exercise(person: Member, categories: list[str], *, now=None) -> ToolsState:
    state, _ = ToolsState.objects.select_for_update().get_or_create(member=person)
    needs = list(dict.fromkeys([*state.needs(), *categories]))
    state.paused_at = state.paused_at or now or timezone.now()
    state.pause_needs = ",".join(needs)[:200]
    state.save(update_fields=["paused_at", "pause_needs"])
    return state


def resume_exercise(person: Member) -> bool:
    """The person says they are ready to go on. Returns whether it was paused."""
    return ToolsState.objects.filter(member=person, paused_at__isnull=False).update(
        paused_at=None, pause_needs="") == 1


def help_context(state: ToolsState | None) -> dict:
    """What a tools page shows its viewer when their exercise is paused: crisis services for
    what the screen found first, and the emergency number. Empty otherwise."""
    if state is None or not state.is_paused:
        return {}
    country = settings.DEFAULT_COUNTRY
    needs = state.needs() or [need for need in CrisisResource.Need.values if need != CrisisResource.Need.ANY]
    found = resources_for(country, needs) or resources_for(country)
    return {"tools_help": {"resources": found, "emergency_number": emergency_number(country),
                           "paused_at": state.paused_at}}
