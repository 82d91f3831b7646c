"""Writes to cycle maps: start one, save a step's answers (screened for danger first), finish.

Every word a person types goes through the tools' safety hook before it is kept. When it
flags danger the exercise pauses for that person (dearly.tools.safety), and the map is held
private for good: taken back from the partner at once if it was shared, never shareable again."""

from django.db import transaction
from django.utils import timezone

from dearly.cyclemap.models import CycleMap
from dearly.members.models import Member
from dearly.tools import cycle
from dearly.tools.safety import ToolScreen, screen_tool_text
from dearly.tools.services import count_entry


class MoveRefused(Exception):
    pass


def move(cycle_map: CycleMap, to: str, *, now=None) -> CycleMap:
    """The one way a map changes state: a conditional update from a state that allows the move."""
    allowed_from = [state for state, targets in CycleMap.TRANSITIONS.items() if to in targets]
    now = now or timezone.now()
    changed = CycleMap.objects.filter(pk=cycle_map.pk, status__in=allowed_from).update(
        status=to, finished_at=now if to == CycleMap.Status.FINISHED else None, updated_at=now)
    if changed != 1:
        raise MoveRefused(f"A {cycle_map.status} map cannot become {to}.")
    cycle_map.refresh_from_db()
    return cycle_map


def start_map(member: Member, *, now=None) -> CycleMap:
    """A new draft. Counts as an entry against the tools' hourly limit (TooManyEntries)."""
    count_entry(member)
    now = now or timezone.now()
    return CycleMap.objects.create(author=member, created_at=now, updated_at=now)


@transaction.atomic
def save_step(member: Member, cycle_map: CycleMap, step_key: str, answer: cycle.StepAnswer, *,
              now=None) -> tuple[CycleMap, ToolScreen]:
    """Keep one step's answers on one of `member`'s own maps. The step's typed words are screened
    first; when they flag danger the map is held private (and unshared) in the same transaction.
    Raises TooManyEntries (dearly.tools.services) past the tools' hourly limit."""
    if cycle_map.author_id != member.pk:
        raise PermissionError("Only the person who made a map can change it.")
    if answer.other and answer.other != cycle_map.map.get(step_key).other:
        # New words: counted against the tools' hourly limit (each screening costs real work),
        # then screened. Words kept from before were screened when first typed.
        count_entry(member)
        screened = screen_tool_text(member, answer.other)
    else:
        screened = ToolScreen("none")
    locked = CycleMap.objects.select_for_update().get(pk=cycle_map.pk, author=member)
    locked.answers = locked.map.with_answer(step_key, answer).to_dict()
    locked.step_reached = max(locked.step_reached, cycle.step(step_key).number)
    locked.updated_at = now or timezone.now()
    fields = ["answers", "step_reached", "updated_at"]
    if screened.paused:
        locked.held_private = True
        locked.shared_in = None
        locked.shared_at = None
        fields += ["held_private", "shared_in", "shared_at"]
    locked.save(update_fields=fields)
    return locked, screened


def finish_map(member: Member, cycle_map: CycleMap, *, now=None) -> CycleMap:
    if cycle_map.author_id != member.pk:
        raise PermissionError("Only the person who made a map can finish it.")
    if cycle_map.is_finished:
        return cycle_map
    return move(cycle_map, CycleMap.Status.FINISHED, now=now)
