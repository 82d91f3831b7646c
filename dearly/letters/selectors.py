"""Reads of letters for the desk. Nothing outside the desk calls these."""

from django.db.models import Count, Q

from dearly.letters import search
from dearly.letters.models import Letter

OPEN_STATES = (Letter.State.NEW, Letter.State.SHORTLISTED, Letter.State.ANSWERING)
FILTERS = {"open": OPEN_STATES, "all": None, **{s.value: (s,) for s in Letter.State}}


def inbox(*, state: str = "open", topic_slug: str = ""):
    """Urgent first, then newest. `state` is a key of FILTERS; `topic_slug` a column topic.

    The list shows no letter's text: the text and other long fields are left in the database."""
    letters = (
        Letter.objects.order_by("-urgent", "-received_at", "-id")
        .defer("body", "consent_wording", "crisis_matches")
        .prefetch_related("topics")
    )
    if states := FILTERS.get(state):
        letters = letters.filter(state__in=states)
    if topic_slug:
        letters = letters.filter(topics__slug=topic_slug)
    return letters.annotate(note_count=Count("notes", distinct=True))


def counts() -> dict[str, int]:
    """How many letters each filter shows, and how many open letters are urgent."""
    by_state = dict(Letter.objects.values_list("state").annotate(n=Count("id")).order_by())
    result = {key: sum(by_state.get(s, 0) for s in states) for key, states in FILTERS.items() if states}
    result["all"] = sum(by_state.values())
    result["urgent"] = Letter.objects.filter(Q(urgent=True) & Q(state__in=OPEN_STATES)).count()
    return result


def similar_letters(letter: Letter, *, limit: int = 5) -> list[Letter]:
    """Other letters most like this one (possible duplicates), most similar first."""
    ids = search.similar_letter_ids(letter.body, limit=limit, exclude_id=letter.pk)
    found = Letter.objects.in_bulk(ids)
    return [found[i] for i in ids if i in found]
