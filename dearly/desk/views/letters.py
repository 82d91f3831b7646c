"""The desk's letter pages. Every view is desk_required (which also marks it no-store); every
view that shows a letter's text records the read in the access log, and the services record
every change."""

import re
from datetime import timedelta

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.html import format_html
from django.views.decorators.http import require_http_methods, require_POST

from dearly.column.models import Article, Topic
from dearly.column.search import similar_articles
from dearly.desk import highlight
from dearly.desk.access import desk_required
from dearly.desk.forms import (
    AnonymizeForm,
    DraftForm,
    FollowUpForm,
    IntakeSettingsForm,
    MoveForm,
    NoteForm,
    PublishForm,
    TopicsForm,
    TriageForm,
    offered_moves,
)
from dearly.desk.models import LetterAccess
from dearly.desk.services import (
    FollowUpRefused,
    TriageRefused,
    record_access,
    record_follow_up,
    record_triage,
)
from dearly.letters import anonymizer, selectors, services
from dearly.letters.models import IntakeSettings, Letter
from dearly.letters.services import LetterRefused
from dearly.lib import markdown
from dearly.safety.models import CrisisResource

Action = LetterAccess.Action
PER_PAGE = 50
LETTER_NUMBER = re.compile(r"[0-9]{1,18}")
NEED_LABELS = dict(CrisisResource.Need.choices)
PURGE_WARNING = timedelta(days=14)


def _letter(pk) -> Letter:
    return get_object_or_404(Letter, pk=pk)


@desk_required
def inbox(request):
    state = request.GET.get("state", "open")
    if state not in selectors.FILTERS:
        state = "open"
    topic_slug = request.GET.get("topic", "")
    counts = selectors.counts()
    page = Paginator(selectors.inbox(state=state, topic_slug=topic_slug), PER_PAGE).get_page(request.GET.get("page"))
    for row in page.object_list:
        row.crisis_labels = crisis_labels(row)
    return render(request, "desk/inbox.html", {
        "page": page,
        "state": state,
        "topic_slug": topic_slug,
        "urgent_count": counts["urgent"],
        "unfollowed_count": counts["unfollowed"],
        "filters": [(queue.key, queue.label, counts[queue.key]) for queue in selectors.QUEUES],
        "topics": Topic.objects.all(),
        "excerpt_chars": selectors.EXCERPT_CHARS,
    })


def crisis_labels(letter) -> list[str]:
    return [NEED_LABELS.get(c, c) for c in letter.crisis_categories]


@desk_required
def letter(request, pk, *, triage_form=None, status=200):
    letter = get_object_or_404(Letter.objects.prefetch_related("topics", "notes__author", "follow_ups", "triages"),
                               pk=pk)
    record_access(request.user, letter, Action.VIEWED)
    now = timezone.now()
    if triage_form is None:
        latest = letter.triages.all()[:1]
        triage_form = TriageForm(initial={
            "reading": latest[0].reading if latest else ("urgent" if letter.urgent else letter.screening_outcome),
            "categories": latest[0].categories if latest else letter.crisis_categories,
        })
    spans = [(start, end) for _phrase, start, end in letter.crisis_matches]
    return render(request, "desk/letter.html", {
        "letter": letter,
        "body_html": highlight.marked(letter.body, spans, css_class="crisis-match"),
        "moves": offered_moves(letter),
        "note_form": NoteForm(),
        "topics_form": TopicsForm(initial={"topics": list(letter.topics.all()) or selectors.suggested_topics(letter)}),
        "suggested_topics": selectors.suggested_topics(letter),
        "similar_letters": selectors.similar_letters(letter),
        "similar_articles": similar_articles(letter.body),
        "crisis_labels": crisis_labels(letter),
        "follow_up_form": FollowUpForm() if letter.urgent else None,
        "triage_form": triage_form,
        "purge_soon": bool(letter.purge_on and letter.purge_on - now < PURGE_WARNING),
        "now": now,
    }, status=status)


@desk_required
@require_POST
def move(request, pk):
    letter = _letter(pk)
    form = MoveForm(request.POST, letter=letter)
    if not form.is_valid():
        for error in form.errors.values():
            messages.error(request, error[0])
        return redirect("desk:letter", pk=letter.pk)
    try:
        services.move_letter(letter, form.cleaned_data["to"], by=request.user,
                             duplicate_of=form.cleaned_data.get("duplicate_letter"))
    except LetterRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, f"Letter #{letter.pk} is now {letter.get_state_display().lower()}.")
    return redirect("desk:letter", pk=letter.pk)


@desk_required
@require_POST
def note(request, pk):
    letter = _letter(pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        services.add_note(letter, form.cleaned_data["text"], by=request.user)
        messages.success(request, "Note added.")
    else:
        messages.error(request, "A note needs some text.")
    return redirect("desk:letter", pk=letter.pk)


@desk_required
@require_POST
def follow_up(request, pk):
    letter = _letter(pk)
    form = FollowUpForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose what was done.")
        return redirect("desk:letter", pk=letter.pk)
    try:
        done = record_follow_up(letter, by=request.user, action=form.cleaned_data["action"],
                                note=form.cleaned_data["note"])
    except FollowUpRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, f"Follow-up recorded: {done.get_action_display().lower()}.")
    return redirect("desk:letter", pk=letter.pk)


@desk_required
@require_POST
def triage(request, pk):
    """The expert's own reading of the letter's danger (see record_triage). A form with a
    mistake comes back with the message beside the field and what was chosen kept."""
    letter_row = _letter(pk)
    form = TriageForm(request.POST)
    if form.is_valid():
        try:
            done = record_triage(letter_row, by=request.user, reading=form.cleaned_data["reading"],
                                 categories=form.cleaned_data["categories"], note=form.cleaned_data["note"])
        except TriageRefused as refusal:
            form.add_error("reading", str(refusal))
        else:
            messages.success(request, f"Your reading is recorded: {done.get_reading_display().lower()}.")
            return redirect("desk:letter", pk=letter_row.pk)
    return letter(request, pk, triage_form=form, status=400)


@desk_required
@require_POST
def topics(request, pk):
    letter = _letter(pk)
    form = TopicsForm(request.POST)
    if form.is_valid():
        services.set_topics(letter, form.cleaned_data["topics"], by=request.user)
        messages.success(request, "Topics saved.")
    return redirect("desk:letter", pk=letter.pk)


@desk_required
@require_http_methods(["GET", "POST"])
def answer(request, pk):
    """Review the anonymizer's proposals; approving them starts the draft article."""
    letter = _letter(pk)
    if letter.article_id:
        return redirect("desk:draft", pk=letter.pk)
    if not letter.can_be_answered:
        messages.error(request, f"A letter that is {letter.get_state_display().lower()} cannot be answered.")
        return redirect("desk:letter", pk=letter.pk)
    proposals = selectors.proposals_for(letter)
    form = AnonymizeForm(request.POST or None, proposals=proposals)
    if request.method == "POST" and form.is_valid():
        reviewed = anonymizer.apply(letter.body, form.accepted())
        kept = len(proposals) - len(form.accepted())
        try:
            services.start_answer(letter, reviewed_letter=reviewed, title=form.cleaned_data["title"], by=request.user,
                                  review=f"{len(proposals)} proposal(s), {kept} kept as written")
        except LetterRefused as refusal:
            messages.error(request, str(refusal))
            return redirect("desk:letter", pk=letter.pk)
        messages.success(request, "Draft started from the anonymized letter. Read it through once more below.")
        return redirect("desk:draft", pk=letter.pk)
    record_access(request.user, letter, Action.REVIEWED)
    return render(request, "desk/answer.html", {
        "letter": letter,
        "form": form,
        "body_html": highlight.marked(letter.body, [(p.start, p.end) for p in proposals],
                                      css_class="proposal", numbered=True),
    }, status=400 if form.errors else 200)


def _answer(pk) -> tuple[Letter, Article | None]:
    letter = get_object_or_404(Letter.objects.select_related("article"), pk=pk)
    return letter, letter.article


def _draft_form(request, article) -> DraftForm:
    initial = {
        "title": article.title, "letter": article.letter, "answer": article.answer,
        "topics": list(article.topics.all()), "visibility": article.visibility,
        "publish_at": timezone.localtime(article.published_at) if article.published_at else None,
    }
    return DraftForm(request.POST if request.method == "POST" else None, initial=initial)


def _save(form, article, user) -> None:
    data = form.cleaned_data
    services.save_draft(article, title=data["title"], letter=data["letter"], answer=data["answer"],
                        topics=data["topics"], visibility=data["visibility"], by=user)


def _when(moment) -> str:
    moment = timezone.localtime(moment)
    return f"{moment:%B} {moment.day}, {moment:%Y at %H:%M}"


@desk_required
@require_http_methods(["GET", "POST"])
def draft(request, pk):
    """The answer editor: edit the article (saved as the expert types, with a live preview,
    where JavaScript runs; with the Save and Preview buttons where it does not), then publish
    it now or at a time, after one confirmation."""
    letter = get_object_or_404(Letter.objects.select_related("article"), pk=pk)
    article = letter.article
    if article is None:
        return redirect("desk:answer", pk=letter.pk)
    form = _draft_form(request, article)
    preview = None
    if request.method == "POST" and form.is_valid():
        _save(form, article, request.user)  # whatever is asked next, nothing typed is lost
        if article.is_visible() and letter.state == Letter.State.PUBLISHED:
            # Already out: saving it was the change; there is nothing more to confirm.
            messages.success(request, "Saved: the published answer shows your changes.")
            return redirect("desk:draft", pk=letter.pk)
        if "publish" in request.POST:
            return render(request, "desk/publish_confirm.html", {
                "letter": letter, "article": article, "publish_at": form.cleaned_data["publish_at"],
                "publish_at_value": request.POST.get("publish_at", ""),
                "scheduled_for": _when(form.cleaned_data["publish_at"])
                if form.cleaned_data["publish_at"] and form.cleaned_data["publish_at"] > timezone.now() else "",
            })
        if "preview" not in request.POST:
            messages.success(request, "Draft saved.")
            return redirect("desk:draft", pk=letter.pk)
        preview = _preview(form.cleaned_data["letter"], form.cleaned_data["answer"])
    record_access(request.user, letter, Action.VIEWED, "answer editor")
    return render(request, "desk/draft.html", {
        "letter": letter, "article": article, "form": form, "preview": preview,
        "autosave": not article.is_visible(),
    }, status=400 if form.errors else 200)


def _preview(letter_text: str, answer: str) -> dict:
    return {"letter_html": markdown.render(letter_text), "answer_html": markdown.render(answer)}


@desk_required
@require_POST
def draft_preview(request, pk):
    """The article as the reader will see it, from the editor's current text: sanitized
    Markdown, rendered by the same code as the column (for htmx; saves nothing)."""
    letter, article = _answer(pk)
    if article is None:
        return redirect("desk:answer", pk=letter.pk)
    return render(request, "desk/_preview.html", {
        "preview": _preview(request.POST.get("letter", "")[:50_000], request.POST.get("answer", "")[:100_000]),
    })


@desk_required
@require_POST
def draft_autosave(request, pk):
    """Save the draft as the expert types (for htmx): answers a short status line. A published
    answer is not saved this way: its edits would go live keystroke by keystroke."""
    letter, article = _answer(pk)
    if article is None:
        return redirect("desk:answer", pk=letter.pk)
    if article.is_visible():
        return render(request, "desk/_save_status.html", {"problem": "This answer is published: use the Save button."})
    form = _draft_form(request, article)
    if not form.is_valid():
        first = next(iter(form.errors.values()))[0]
        return render(request, "desk/_save_status.html", {"problem": f"Not saved yet: {first}"})
    _save(form, article, request.user)
    return render(request, "desk/_save_status.html", {"saved_at": timezone.localtime()})


@desk_required
@require_http_methods(["GET", "POST"])
def publish(request, pk):
    """The second step of publishing: only a POST that confirms publishes (or schedules)."""
    letter, article = _answer(pk)
    form = PublishForm(request.POST or None)
    if article is None or request.method != "POST" or not form.is_valid():
        messages.error(request, "Nothing was published: use the Publish button in the editor.")
        return redirect("desk:draft", pk=letter.pk)
    try:
        services.publish_answer(letter, article, at=form.cleaned_data["publish_at"], by=request.user)
    except LetterRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("desk:draft", pk=letter.pk)
    article.refresh_from_db()
    if article.is_visible():
        messages.success(request, format_html('Published: <a href="{}">{}</a>.', article.get_absolute_url(), article.title))
    else:
        messages.success(request, f"Scheduled for {_when(article.published_at)}.")
    return redirect("desk:letter", pk=letter.pk)


@desk_required
def access_log(request):
    entries = LetterAccess.objects.select_related("user")
    letter_id = request.GET.get("letter", "")
    if not LETTER_NUMBER.fullmatch(letter_id):
        # Not a letter's number ("²" and "١٢" pass isdigit(); 40 digits overflow the column):
        # the whole log, and nothing echoed back.
        letter_id = ""
    if letter_id:
        entries = entries.filter(letter_id=int(letter_id))
    page = Paginator(entries, 100).get_page(request.GET.get("page"))
    return render(request, "desk/access_log.html", {"page": page, "letter_id": letter_id})


@desk_required
@require_http_methods(["GET", "POST"])
def intake_settings(request):
    """The expert's choices about the letter form."""
    form = IntakeSettingsForm(request.POST or None, instance=IntakeSettings.current())
    if request.method == "POST" and form.is_valid():
        saved = services.set_word_limit(form.cleaned_data["word_limit"])
        messages.success(request, f"Saved: letters may now be up to {saved.word_limit} words long.")
        return redirect("desk:intake_settings")
    return render(request, "desk/intake_settings.html", {"form": form}, status=400 if form.errors else 200)
