"""The desk's own writes: the access log, and follow-ups of urgent letters.

The access log is written by the services that change a letter (dearly.letters.services), in
the same transaction as the change, so the desk, commands, tasks and demo loading all leave a
trace; desk views record only reads. A change made by no one in particular (a command, a task,
the demo) is recorded under AUTOMATIC."""

from dearly.desk.models import LetterAccess

AUTOMATIC = "(automatic)"


def record_access(user, letter, action: str, detail: str = "") -> LetterAccess:
    return LetterAccess.objects.create(
        letter_id=letter.pk,
        user=user,
        username=user.get_username() if user is not None else AUTOMATIC,
        action=action,
        detail=detail[:200],
    )
