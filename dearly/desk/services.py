"""The desk's own writes: the access log, and follow-ups of urgent letters.

The access log is written by the services that change a letter (dearly.letters.services), in
the same transaction as the change, so the desk, commands, tasks and demo loading all leave a
trace; desk views record only reads. A change made by no one in particular (a command, a task,
the demo) is recorded under AUTOMATIC."""

from django.db import transaction
from django.utils import timezone

from dearly.desk.models import FollowUp, LetterAccess

AUTOMATIC = "(automatic)"


def record_access(user, letter, action: str, detail: str = "", *, coalesce=None) -> LetterAccess:
    """One entry in the letter's log. With `coalesce` (a timedelta), the same person doing the
    same thing again within that time moves their last entry's time instead of adding one: an
    answer saved as it is typed is one "Saved the answer" per sitting, not one per keystroke."""
    if coalesce is not None and user is not None:
        latest = LetterAccess.objects.filter(letter_id=letter.pk).order_by("-at", "-id").first()
        now = timezone.now()
        if latest and latest.user_id == user.pk and latest.action == action and now - latest.at < coalesce:
            latest.at, latest.detail = now, detail[:200]
            latest.save(update_fields=["at", "detail"])
            return latest
    return LetterAccess.objects.create(
        letter_id=letter.pk,
        user=user,
        username=user.get_username() if user is not None else AUTOMATIC,
        action=action,
        detail=detail[:200],
    )


class FollowUpRefused(Exception):
    """A follow-up the desk cannot record; the message says why, for the expert."""


@transaction.atomic
def record_follow_up(letter, *, by, action: str, note: str = "") -> FollowUp:
    """Record what was done about an urgent letter (called back, resources sent, referred…),
    with who did it, in the letter's access log too."""
    if not letter.urgent:
        raise FollowUpRefused("Follow-ups are kept for urgent letters.")
    action = FollowUp.Action(action)
    note = note.strip()
    if action == FollowUp.Action.OTHER and not note:
        raise FollowUpRefused("Say in the note what was done.")
    follow_up = FollowUp.objects.create(
        letter=letter, by=by, by_name=by.get_username() if by is not None else AUTOMATIC,
        action=action, note=note,
    )
    record_access(by, letter, LetterAccess.Action.FOLLOWED_UP, action.label)
    return follow_up
