"""Every change to a letter goes through here: the form, the desk, commands, tasks and tests.

Each change made after the letter arrived is written to the letter's access log
(dearly.desk.services.record_access) inside the same transaction as the change itself, whoever
made it: `by` is the desk user, or None for a command, a task or the demo.

Logging rule: a log line may name a letter by id, never by its text, pen name or email.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from dearly.column.models import Article
from dearly.column.services import create_article, publish_article, unique_slug
from dearly.desk.models import LetterAccess
from dearly.desk.services import AUTOMATIC, record_access
from dearly.letters import consent, notices, search
from dearly.letters.models import PUBLISHED_FROM, TRANSITIONS, IntakeSettings, Letter, Note
from dearly.lib.markdown import word_count

logger = logging.getLogger(__name__)


class LetterRefused(Exception):
    """A change the letter's state does not allow; the message says why, for the expert."""


Action = LetterAccess.Action
# Saves of one answer by one person within this time are one entry in the access log.
EDITS_COALESCE = timedelta(minutes=15)


# --- intake -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Verdict:
    outcome: str  # urgent, worth_a_look or none
    categories: list
    matches: list  # [phrase, start, end]: what the expert sees highlighted
    version: str

    @property
    def urgent(self) -> bool:
        return self.outcome == "urgent"


def screen_letter(body: str) -> Verdict:
    """The crisis screen's verdict on a letter.

    If the screen itself fails, the letter is kept and treated as urgent: a person who may be
    in danger must never lose their letter, or their help, to a bug.
    """
    from dearly.safety import screening

    try:
        result = screening.screen(body)
    except Exception as exc:
        # The type only: a message or traceback could quote the letter.
        logger.error("crisis screening failed; the letter is treated as urgent",
                     extra={"dearly_error": type(exc).__name__})
        return Verdict("urgent", [], [], "failed")
    categories = [getattr(c, "value", c) for c in result.categories]
    matches = [[phrase, start, end] for phrase, start, end in result.phrases]
    return Verdict(str(result.outcome), categories, matches, result.version[:40])


def screen_text(body: str):
    """(urgent, categories, matches, version), for pages that only need to know whether to help."""
    verdict = screen_letter(body)
    return verdict.urgent, verdict.categories, verdict.matches, verdict.version


@transaction.atomic
def submit_letter(*, pen_name: str, body: str, email: str = "", consent_publication: bool,
                  consent_sensitive_data: bool, writer_signal: str = "", now=None) -> Letter:
    """Store a letter from the form, screened and indexed; tell the expert at once if urgent.

    The letter is urgent when the crisis screen says so or when its writer does (writer_signal,
    a Letter.WriterSignal): what a person says of their own safety outweighs any reading of it.
    """
    if not (consent_publication and consent_sensitive_data):
        raise LetterRefused("A letter needs both consents.")
    writer_signal = Letter.WriterSignal(writer_signal or "")
    verdict = screen_letter(body)
    urgent, categories, matches, version = verdict.urgent, verdict.categories, verdict.matches, verdict.version
    urgent = urgent or bool(writer_signal)
    outcome = "urgent" if urgent else verdict.outcome
    letter = Letter.objects.create(
        pen_name=pen_name.strip(),
        body=body,
        words=word_count(body),
        email=email.strip().lower(),
        urgent=urgent,
        crisis_categories=categories,
        crisis_matches=matches,
        screening_version=version,
        screening_outcome=outcome,
        writer_signal=writer_signal,
        consent_publication=True,
        consent_sensitive_data=True,
        consent_wording=consent.full_wording(),
        consent_version=consent.VERSION,
        received_at=now or timezone.now(),
        state_changed_at=now or timezone.now(),
    )
    search.index_letter(letter)
    transaction.on_commit(lambda: _enqueue_preparation(letter.pk))
    if urgent:
        notices.tell_expert_of_urgent_letter(letter)
    logger.info("letter received", extra={"dearly_letter_id": letter.pk, "dearly_urgent": urgent})
    return letter


OUTCOME_RANK = {"none": 0, "worth_a_look": 1, "urgent": 2}


def rescreen_rules_only_letters(now=None, *, batch: int = 200) -> int:
    """Screen again, with the whole screen, the letters only the rules read while the language
    model could not run (their version ends in "+rules-only"), once it runs again. A second
    reading only ever adds: an outcome is raised, never lowered (what the rules flagged stays
    flagged), categories and marked passages are joined, and a letter that becomes urgent is
    told to the expert at once, as on arrival. A letter the expert has read for danger at the
    desk keeps that reading. Returns how many letters were read again; stops
    at the first letter the model still cannot read (the next run tries again)."""
    done = 0
    # A letter the expert has read for danger (the desk's triage) keeps the expert's reading.
    waiting = (Letter.objects.filter(screening_version__endswith="+rules-only", triages__isnull=True)
               .order_by("received_at"))
    for letter in waiting.only("pk", "body", "urgent", "crisis_categories", "crisis_matches",
                               "screening_version", "screening_outcome")[:batch]:
        verdict = screen_letter(letter.body)
        if verdict.version.endswith("+rules-only") or verdict.version == "failed":
            break
        outcome = max(letter.screening_outcome, verdict.outcome, key=lambda o: OUTCOME_RANK.get(o, 0))
        urgent = letter.urgent or outcome == "urgent"
        categories = list(dict.fromkeys([*letter.crisis_categories, *verdict.categories]))
        matches = [list(m) for m in dict.fromkeys(tuple(m) for m in [*letter.crisis_matches, *verdict.matches])]
        # Conditional on the version read: two workers never both read one letter again.
        changed = Letter.objects.filter(pk=letter.pk, screening_version=letter.screening_version).update(
            urgent=urgent, screening_outcome="urgent" if urgent else outcome, crisis_categories=categories,
            crisis_matches=matches, screening_version=verdict.version,
        )
        if changed:
            done += 1
            if urgent and not letter.urgent:
                letter.urgent = True
                notices.tell_expert_of_urgent_letter(letter)
    if done:
        logger.info("letters screened again", extra={"dearly_count": done})
    return done


def _enqueue_preparation(letter_id: int) -> None:
    from dearly.letters.tasks import prepare_letter_for_desk

    prepare_letter_for_desk.enqueue(letter_id)


def prepare_letter(letter_id: int, now=None) -> bool:
    """The worker's part of a new letter, so that the desk opens at once: its vector (similar
    letters), the anonymizer's proposals, and suggested topics. Safe to run again; False when
    the letter is gone (purged, or deleted before the worker got to it)."""
    from dearly.column.search import suggest_topics
    from dearly.letters import anonymizer

    letter = Letter.objects.filter(pk=letter_id).only("pk", "body").first()
    if letter is None:
        return False
    search.embed_letter(letter)
    proposals = [anonymizer.proposal_to_dict(p) for p in anonymizer.find_identifiers(letter.body)]
    topics = [topic.pk for topic in suggest_topics(letter.body)]
    Letter.objects.filter(pk=letter_id).update(
        proposals=proposals, suggested_topics=topics, prepared_at=now or timezone.now()
    )
    return True


# --- the desk ---------------------------------------------------------------------------
def set_word_limit(limit: int) -> IntakeSettings:
    """The longest letter the form accepts, in words, as the expert set it in the desk."""
    current = IntakeSettings.current()
    current.word_limit = limit
    current.full_clean()
    current.save()
    logger.info("letter word limit set", extra={"dearly_word_limit": limit})
    return current


@transaction.atomic
def move_letter(letter: Letter, to_state, *, by=None, duplicate_of: Letter | None = None) -> Letter:
    """Move a letter along its state machine (models.TRANSITIONS); refuse any other move.

    The update is conditional on the state we read, so two people moving one letter at once
    cannot both win: the second is refused and told to look again.
    """
    current, target = Letter.State(letter.state), Letter.State(to_state)
    if target not in TRANSITIONS[current]:
        if target == Letter.State.PUBLISHED:
            raise LetterRefused("A letter is published only with its answer, from the answer editor.")
        raise LetterRefused(f"A letter that is {current.label.lower()} cannot be moved to {target.label.lower()}.")
    if target == Letter.State.DUPLICATE:
        if duplicate_of is None or duplicate_of.pk == letter.pk:
            raise LetterRefused("Choose the other letter this one repeats.")
        if not Letter.objects.filter(pk=duplicate_of.pk).exists():
            raise LetterRefused("That other letter no longer exists.")
    return _change_state(letter, current, target, by=by, duplicate_of=duplicate_of)


def _change_state(letter: Letter, current: Letter.State, target: Letter.State, *, by,
                  duplicate_of: Letter | None = None) -> Letter:
    # The one write of a letter's state, for move_letter() (after TRANSITIONS allowed it) and
    # publish_answer() (the only way to published). Callers hold a transaction.
    changes = {"state": target, "state_changed_at": timezone.now(),
               "duplicate_of": duplicate_of if target == Letter.State.DUPLICATE else None}
    moved = Letter.objects.filter(pk=letter.pk, state=current).update(**changes)
    if not moved:
        raise LetterRefused("Someone else changed this letter a moment ago. Please look at it again.")
    for field, value in changes.items():
        setattr(letter, field, value)
    record_access(by, letter, Action.MOVED, f"{current.label} → {target.label}")
    logger.info(
        "letter moved",
        extra={"dearly_letter_id": letter.pk, "dearly_from": current.value, "dearly_to": target.value,
               "dearly_by": getattr(by, "pk", None)},
    )
    return letter


@transaction.atomic
def add_note(letter: Letter, text: str, *, by) -> Note:
    note = Note.objects.create(letter=letter, text=text.strip(), author=by)
    record_access(by, letter, Action.NOTED)
    return note


@transaction.atomic
def set_topics(letter: Letter, topics, *, by=None) -> None:
    letter.topics.set(topics)
    names = ", ".join(sorted(t.name for t in letter.topics.all())) or "none"
    record_access(by, letter, Action.TAGGED, names)


@transaction.atomic
def start_answer(letter: Letter, *, reviewed_letter: str, title: str = "", by=None, review: str = "") -> Article:
    """A draft article that starts from the expert-reviewed, anonymized copy of the letter,
    signed with the writer's pen name ("— Pen Name") as the column prints letters.

    `reviewed_letter` is what the expert approved on the anonymizing page: the original text
    never reaches the article without that review. `review` says briefly what the review
    decided, for the access log. Starting twice returns the same draft.
    """
    letter = Letter.objects.select_for_update().get(pk=letter.pk)
    _back_to_answering(letter, by=by)
    if letter.article_id:
        return letter.article
    if letter.state != Letter.State.ANSWERING:
        move_letter(letter, Letter.State.ANSWERING, by=by)  # refused, with the reason
    received = timezone.localtime(letter.received_at)
    article = create_article(
        title=title.strip() or f"Draft: a letter of {received:%B} {received.day}",
        letter=signed(reviewed_letter, letter.pen_name),
        answer="",
        topics=list(letter.topics.all()),
    )
    letter.article = article
    letter.save(update_fields=["article"])
    record_access(by, letter, Action.ANSWERED, review)
    return article


def signed(text: str, pen_name: str) -> str:
    """The letter as the column prints it: its text, then "— Pen Name" on a line of its own
    (once: a copy that already ends with that line is left as it is)."""
    text = text.rstrip()
    pen_name = " ".join(pen_name.split())
    if not pen_name:
        return text
    signature = f"— {pen_name}"
    if text.endswith(signature):
        return text
    return f"{text}\n\n{signature}"


def _back_to_answering(letter: Letter, *, by=None) -> None:
    # A letter whose draft was started may have been shortlisted or reopened since; it must be
    # answering again before its answer can be published (only answering -> published exists).
    if letter.state != Letter.State.ANSWERING and letter.can_be_answered:
        move_letter(letter, Letter.State.ANSWERING, by=by)


@transaction.atomic
def save_draft(article: Article, *, title: str, letter: str, answer: str, topics=(), visibility=None,
               by=None) -> Article:
    """The desk's edits to an answer's article (its text, topics and who may read it)."""
    if letter != article.letter:
        # The excerpt was made from the old text, which may hold what the expert just took out
        # (a name, a town): an empty excerpt is made again from the new text on save.
        article.excerpt = ""
    article.title = title
    article.letter = letter
    article.answer = answer
    if visibility:
        article.visibility = visibility
    article.save()
    article.topics.set(topics)
    if answered := Letter.objects.filter(article=article).only("pk").first():
        record_access(by, answered, Action.EDITED, f"article #{article.pk}", coalesce=EDITS_COALESCE)
    return article


@transaction.atomic
def publish_answer(letter: Letter, article: Article | None = None, *, at=None, by=None) -> Article:
    """Publish the answer now (or schedule it for `at`), mark the letter published, and tell the
    writer (once, if they left an email) when the article is out. Safe to call again."""
    letter = Letter.objects.select_for_update().get(pk=letter.pk)
    article = article or letter.article
    if article is None:
        raise LetterRefused("Start an answer before publishing it.")
    if not article.title.strip() or not article.answer.strip():
        raise LetterRefused("An answer needs a title and the answer itself before it is published.")
    if letter.state != Letter.State.PUBLISHED:
        if letter.article_id == article.pk:
            _back_to_answering(letter, by=by)
        if letter.state != PUBLISHED_FROM:
            raise LetterRefused(f"A letter that is {letter.get_state_display().lower()} cannot be published.")
        _change_state(letter, Letter.State(letter.state), Letter.State.PUBLISHED, by=by)
    if article.status == Article.Status.DRAFT and article.published_at is None:
        # The slug was made from the working title ("draft-a-letter-of-…"); until the article
        # has been out once, nobody links to it, so it may still follow the final title.
        article.slug = unique_slug(article.title, exclude_id=article.pk)
    publish_article(article, at=at)
    if letter.article_id != article.pk:
        letter.article = article
        letter.save(update_fields=["article"])
    when = "now" if article.is_visible() else f"for {timezone.localtime(article.published_at):%Y-%m-%d %H:%M}"
    record_access(by, letter, Action.PUBLISHED, f"article #{article.pk}, {when}")
    if article.is_visible():
        notify_writer(letter)
    elif letter.email:
        from dearly.letters.tasks import notify_writer_when_published

        run_at = article.published_at
        transaction.on_commit(lambda: notify_writer_when_published.using(run_after=run_at).enqueue(letter.pk))
    return article


@transaction.atomic
def notify_writer(letter: Letter, *, now=None) -> bool:
    """Queue the one "your answer is out" email, then erase the address. False when there is
    nothing to do yet (no address, or the article is not out) or it was done already."""
    letter = Letter.objects.select_for_update(of=("self",)).select_related("article").get(pk=letter.pk)
    if not letter.email or letter.article is None or not letter.article.is_visible(now):
        return False
    from dearly.email.outbox import queue_email

    queue_email(
        to=letter.email,
        purpose=f"answer-published:{letter.pk}",
        template="letters/email/answer_published",
        context={
            "pen_name": letter.pen_name,
            "title": letter.article.title,
            "url": settings.SITE_URL + letter.article.get_absolute_url(),
        },
        forget_address=True,
    )
    Letter.objects.filter(pk=letter.pk).update(email="", notified_at=now or timezone.now())
    record_access(None, letter, Action.NOTIFIED)
    logger.info("writer notified", extra={"dearly_letter_id": letter.pk})
    return True


def notify_due_writers(now=None) -> int:
    """Catch up on notices whose scheduled task was lost: every published letter still holding
    an address whose article is out."""
    now = now or timezone.now()
    due = Letter.objects.filter(
        state=Letter.State.PUBLISHED,
        article__status=Article.Status.PUBLISHED,
        article__published_at__lte=now,
    ).exclude(email="")
    return sum(notify_writer(letter, now=now) for letter in due)


# --- retention --------------------------------------------------------------------------
@dataclass
class PurgeReport:
    letters_deleted: int
    emails_erased: int
    drafts_deleted: int = 0


def purge_expired_letters(now=None) -> PurgeReport:
    """Delete unpublished letters past retention (with their notes, index entries and unpublished
    answer drafts), and erase every address past retention. Safe to run any number of times."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.LETTER_RETENTION_DAYS)
    expired = Letter.objects.filter(received_at__lt=cutoff).exclude(state=Letter.State.PUBLISHED)
    deleted = drafts = 0
    while ids := list(expired.values_list("pk", flat=True)[:500]):
        with transaction.atomic():
            search.unindex_letters(ids)
            Letter.objects.filter(duplicate_of__in=ids).update(duplicate_of=None)
            # A draft holds the reviewed copy of the letter: it goes with it. (Letter.article is
            # SET_NULL, so it would stay behind.) Deleting an Article also unindexes it.
            never_published = Article.objects.filter(
                pk__in=Letter.objects.filter(pk__in=ids, article__isnull=False).values("article_id"),
                status=Article.Status.DRAFT, published_at__isnull=True,
            )
            drafts += never_published.delete()[1].get(Article._meta.label, 0)
            Letter.objects.filter(pk__in=ids).delete()
            LetterAccess.objects.bulk_create(
                LetterAccess(letter_id=pk, username=AUTOMATIC, action=Action.PURGED) for pk in ids
            )
        deleted += len(ids)
    erased = Letter.objects.filter(received_at__lt=cutoff).exclude(email="").update(email="")
    if deleted or erased:
        logger.info("letters purged", extra={"dearly_deleted": deleted, "dearly_emails_erased": erased,
                                             "dearly_drafts_deleted": drafts})
    return PurgeReport(deleted, erased, drafts)


def daily_upkeep(now=None) -> dict:
    """The daily work on letters, for the daily task and `manage.py purge_letters`: the purge,
    then any writer's notice whose scheduled task was lost."""
    report = purge_expired_letters(now)
    notified = notify_due_writers(now)
    return {"letters_deleted": report.letters_deleted, "emails_erased": report.emails_erased,
            "drafts_deleted": report.drafts_deleted, "writers_notified": notified}
