"""The desk's own writes: the access log, follow-ups of urgent letters, and the expert's own
reading of a letter's danger (triage).

The access log is written by the services that change a letter (dearly.letters.services), in
the same transaction as the change, so the desk, commands, tasks and demo loading all leave a
trace; desk views record only reads. A change made by no one in particular (a command, a task,
the demo) is recorded under AUTOMATIC."""

from django.db import transaction
from django.utils import timezone

from dearly.desk.models import FollowUp, LetterAccess, Triage

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


class TriageRefused(Exception):
    """A reading the desk cannot record; the message says why, for the expert."""


@transaction.atomic
def record_triage(letter, *, by, reading: str, categories=(), note: str = "") -> Triage:
    """The expert's reading of a letter's danger: recorded beside what the screen said, and the
    letter moved to the matching queue (urgent at the top of the inbox, worth a look in its own
    queue, or neither). A letter whose writer said they are not safe stays urgent whatever the
    reading: the writer's own word is never overruled. In danger needs at least one category
    (it chooses the help the desk offers). The marked passages stay, for the record."""
    from dearly.letters.models import Letter
    from dearly.safety.screening import Category

    reading = Triage.Reading(reading)
    categories = [c for c in dict.fromkeys(categories) if c in {k.value for k in Category}]
    if reading is not Triage.Reading.NONE and not categories:
        raise TriageRefused("Choose what the danger is.")
    if reading is Triage.Reading.NONE:
        categories = []
    letter = Letter.objects.select_for_update().get(pk=letter.pk)
    if letter.writer_signal and reading is not Triage.Reading.URGENT:
        raise TriageRefused("The writer said they are not safe, so this letter stays urgent.")
    triage = Triage.objects.create(
        letter=letter, by=by, by_name=by.get_username() if by is not None else AUTOMATIC,
        reading=reading, categories=categories, screen_outcome=letter.screening_outcome,
        screen_version=letter.screening_version, note=note.strip(),
    )
    Letter.objects.filter(pk=letter.pk).update(
        urgent=reading is Triage.Reading.URGENT, screening_outcome=str(reading), crisis_categories=categories,
    )
    record_access(by, letter, LetterAccess.Action.TRIAGED, reading.label)
    return triage


def screen_against_readings() -> dict:
    """How the crisis screen's outcomes compare with the expert's readings of the same letters
    (each letter's latest reading, against what the screen said before anyone read it; letters
    whose writer said they are not safe are left out, being urgent whatever the screen read): counts
    only, never text. `missed` are letters the expert found in danger that the screen let
    through; `false_alarms`, letters the screen flagged that the expert found in no danger."""
    from collections import Counter

    latest: dict[int, Triage] = {}
    first_screen: dict[int, str] = {}
    # A letter whose writer said they are not safe is urgent whatever the screen read: left out.
    readings = Triage.objects.filter(letter__writer_signal="").order_by("at", "id")
    for t in readings.only("letter_id", "reading", "screen_outcome"):
        first_screen.setdefault(t.letter_id, t.screen_outcome)
        latest[t.letter_id] = t
    pairs = Counter((first_screen[pk], t.reading) for pk, t in latest.items())
    in_danger = sum(n for (_, reading), n in pairs.items() if reading != "none")
    caught = sum(n for (screen, reading), n in pairs.items() if reading != "none" and screen != "none")
    safe = sum(n for (_, reading), n in pairs.items() if reading == "none")
    flagged = sum(n for (screen, reading), n in pairs.items() if reading == "none" and screen != "none")
    return {"letters": len(latest), "pairs": dict(pairs), "in_danger": in_danger, "caught": caught,
            "missed": in_danger - caught, "safe": safe, "false_alarms": flagged}
