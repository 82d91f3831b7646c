"""Reads of letters for the desk. Nothing outside the desk calls these."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.db.models.functions import Substr

from dearly.desk.models import FollowUp
from dearly.letters import search
from dearly.letters.models import Letter

OPEN_STATES = (Letter.State.NEW, Letter.State.SHORTLISTED, Letter.State.ANSWERING)
EXCERPT_CHARS = 120


@dataclass(frozen=True)
class Queue:
    """One of the inbox's lists: a key for the URL (?state=…), a label, and which letters it
    holds (None: every letter). A new queue is one more entry in QUEUES."""

    key: str
    label: str
    holds: Q | None


def _followed_up():
    return Exists(FollowUp.objects.filter(letter=OuterRef("pk")))


OPEN = Q(state__in=OPEN_STATES)
QUEUES = [
    Queue("open", "Open", OPEN),
    Queue("unfollowed", "Urgent, not followed up", OPEN & Q(urgent=True) & ~Q(_followed_up())),
    # The screen's second level: a risk without immediacy, or an ambiguous passage. Read soon.
    Queue("worth_a_look", "Worth a look", OPEN & Q(screening_outcome="worth_a_look")),
    *(Queue(s.value, s.label, Q(state=s)) for s in Letter.State),
    Queue("all", "All", None),
]
FILTERS = {queue.key: queue for queue in QUEUES}


def inbox(*, state: str = "open", topic_slug: str = ""):
    """Urgent first, then newest. `state` is a key of FILTERS; `topic_slug` a column topic.

    Each letter comes with the first EXCERPT_CHARS characters of its text (`excerpt`), its
    follow-ups (newest first) and its number of notes; the whole text is left in the database."""
    letters = (
        Letter.objects.order_by("-urgent", "-received_at", "-id")
        .defer("body", "consent_wording", "crisis_matches")
        .annotate(excerpt=Substr("body", 1, EXCERPT_CHARS))
        .prefetch_related("topics", Prefetch("follow_ups", queryset=FollowUp.objects.order_by("-at", "-id")))
    )
    queue = FILTERS.get(state) or FILTERS["open"]
    if queue.holds is not None:
        letters = letters.filter(queue.holds)
    if topic_slug:
        letters = letters.filter(topics__slug=topic_slug)
    return letters.annotate(note_count=Count("notes", distinct=True))


def counts() -> dict[str, int]:
    """How many letters each queue holds (by key), and how many open letters are urgent
    ("urgent"); one query."""
    # Aggregates are named apart from the fields (a queue may be named after one: "urgent").
    found = Letter.objects.aggregate(
        count_of_urgent=Count("pk", filter=OPEN & Q(urgent=True)),
        **{f"count_of_{queue.key}": Count("pk", filter=queue.holds) for queue in QUEUES},
    )
    return {name.removeprefix("count_of_"): n for name, n in found.items()}


def similar_letters(letter: Letter, *, limit: int = 5) -> list[Letter]:
    """Other letters most like this one (possible duplicates), most similar first."""
    ids = search.similar_letter_ids(letter.body, limit=limit, exclude_id=letter.pk,
                                    query_vector=search.stored_vector(letter.pk))
    found = Letter.objects.in_bulk(ids)
    return [found[i] for i in ids if i in found]


def proposals_for(letter: Letter):
    """The anonymizer's proposals for a letter: those the worker stored when the letter arrived
    (the desk opens at once), or, before the worker has got to it, computed now."""
    from dearly.letters import anonymizer

    if letter.prepared_at is not None and not letter.proposals:
        return []  # prepared, and nothing to propose
    return anonymizer.proposals_for(letter.body, letter.proposals)


def suggested_topics(letter: Letter):
    """Topics suggested for a letter from the answers closest to it (stored by the worker)."""
    from dearly.column.models import Topic

    if not letter.suggested_topics:
        return []
    found = Topic.objects.in_bulk(letter.suggested_topics)
    return [found[i] for i in letter.suggested_topics if i in found]
