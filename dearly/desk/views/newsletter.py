"""The newsletter in the desk: the list of issues, writing one (with a live preview and the
recipient count), previewing the email, a test to yourself, sending now or at a time, a live
progress bar while it goes out, pause / resume / cancel, and the summary afterwards.

Every view is desk_required. Writes are the newsletter's services (dearly.newsletter.services);
reads its selectors. Times are shown and read in the site's time zone (TIME_ZONE), as in the
rest of the desk."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dearly.desk.access import desk_required
from dearly.issues.forms import BroadcastForm, ScheduleForm
from dearly.issues.views import url_for as archive_url
from dearly.lib import ratelimit
from dearly.newsletter import rendering, selectors, services
from dearly.newsletter.models import Broadcast

State = Broadcast.State
EDITABLE = (State.DRAFT, State.SCHEDULED)
LIVE = (State.SENDING, State.PAUSED)
TESTS_PER_HOUR = 20
MAX_BODY = 200_000

GROUPS = [
    ("Sending now", (State.SENDING, State.PAUSED)),
    ("Scheduled", (State.SCHEDULED,)),
    ("Drafts", (State.DRAFT,)),
    ("Sent", (State.SENT,)),
    ("Cancelled", (State.CANCELLED,)),
]

# What each button does, the question asked before it, and the service that does it.
ACTIONS = {
    "pause": ("Pause sending", "Pause this issue? Messages already on their way (a few at most) still arrive; "
                               "the rest wait until you resume.", services.pause),
    "resume": ("Resume sending", "Carry on sending this issue to the people who have not had it yet?", services.resume),
    "cancel": ("Cancel this issue", "Cancel this issue for good? Nobody who has not had it yet will get it, and "
                                    "it cannot be started again.", services.cancel),
    "unschedule": ("Back to draft", "Take this issue off the schedule and keep it as a draft?", services.unschedule),
}


def _broadcast(pk) -> Broadcast:
    return get_object_or_404(selectors.broadcasts_for_desk(), pk=pk)


def _count(form_or_data) -> int | None:
    """How many people the segment chosen in a bound form reaches (None when it cannot say yet)."""
    data = form_or_data
    try:
        return selectors.recipients_count(data.get("segment") or "all", guide=data.get("segment_guide"),
                                          topic=data.get("segment_topic"), tier=data.get("segment_tier"))
    except ValueError:
        return None


def _preview_of(data: dict) -> dict:
    """The issue's body as the email shows it, from a form's (maybe unsaved) fields: the same
    Markdown and sanitizer as the real send (dearly.newsletter.rendering)."""
    unsaved = Broadcast(subject=data.get("subject") or "", body=(data.get("body") or "")[:MAX_BODY],
                        article=data.get("article"))
    html, text = rendering.bodies(unsaved)["full"]
    return {"subject": unsaved.subject, "html": html, "text": text}


def _duration(seconds) -> str:
    if seconds is None:
        return "working it out…"
    if seconds < 60:
        return "under a minute" if seconds else "none"
    minutes = round(seconds / 60)
    if minutes < 90:
        return f"about {minutes} minute{'s' if minutes != 1 else ''}"
    return f"about {round(minutes / 60, 1):g} hours"


# The list ------------------------------------------------------------------------------------

@desk_required
def broadcasts(request):
    everything = list(selectors.broadcasts_for_desk())
    groups = [(label, [b for b in everything if b.state in states]) for label, states in GROUPS]
    return render(request, "desk/newsletter/list.html", {
        "groups": [(label, items) for label, items in groups if items],
        "articles": BroadcastForm().fields["article"].queryset[:50],
        "since": (Broadcast.objects.filter(state=State.SENT, started_at__isnull=False)
                  .order_by("-started_at").values_list("started_at", flat=True).first()),
    })


@desk_required
@require_POST
def draft_digest(request):
    try:
        broadcast = services.draft_digest(created_by=request.user)
    except ValueError as exc:
        messages.info(request, f"{exc} No digest to draft.")
        return redirect("desk:newsletter")
    messages.success(request, "The digest is drafted: edit it as you like.")
    return redirect("desk:newsletter_edit", pk=broadcast.pk)


# Writing -------------------------------------------------------------------------------------

@desk_required
@require_http_methods(["GET", "POST"])
def compose(request, pk=None):
    broadcast = _broadcast(pk) if pk else None
    if broadcast is not None and broadcast.state not in EDITABLE:
        messages.info(request, "This issue has started going out: it can no longer be changed.")
        return redirect("desk:newsletter_issue", pk=broadcast.pk)
    initial = BroadcastForm.initial_for(broadcast) if broadcast else {"in_archive": True, "segment": "all"}
    if broadcast is None and (article_id := request.GET.get("article", "")).isdigit():
        form = BroadcastForm()
        article = form.fields["article"].queryset.filter(pk=int(article_id)).first()
        if article is not None:
            initial.update(article=article.pk, subject=article.title)
    form = BroadcastForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if broadcast is None:
                broadcast = services.create_broadcast(**form.service_fields(), created_by=request.user)
            else:
                services.update_draft(broadcast, **form.service_fields())
        except services.BroadcastStateError as exc:
            messages.error(request, str(exc))
            return redirect("desk:newsletter_issue", pk=broadcast.pk)
        except ValueError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Saved “{broadcast.subject}”.")
            return redirect("desk:newsletter_issue", pk=broadcast.pk)
    data = form.cleaned_data if form.is_bound and hasattr(form, "cleaned_data") else {
        **initial, "article": form.fields["article"].queryset.filter(pk=initial.get("article") or 0).first()}
    count_data = _segment_data(form) if form.is_bound else (
        {"segment": broadcast.segment, "segment_guide": broadcast.segment_guide,
         "segment_topic": broadcast.segment_topic, "segment_tier": broadcast.segment_tier} if broadcast
        else {"segment": "all"})
    return render(request, "desk/newsletter/compose.html", {
        "form": form, "broadcast": broadcast, "preview": _preview_of(data), "count": _count(count_data),
    }, status=400 if form.errors else 200)


def _segment_data(form) -> dict:
    """The segment fields of a bound form, read leniently (for the count beside the choice)."""
    data = {"segment": form.data.get("segment") or "all"}
    for name in ("segment_guide", "segment_topic", "segment_tier"):
        field = form.fields[name]
        try:
            data[name] = field.clean(form.data.get(name) or None)
        except Exception:  # a bad choice: the count waits for a good one
            data[name] = None
    return data


@desk_required
@require_POST
def preview(request):
    """The live preview beside the editor (for htmx): renders, saves nothing."""
    form = BroadcastForm(request.POST)
    form.is_valid()  # errors or not, show what can be shown
    article = None
    if (raw := request.POST.get("article", "")).isdigit():
        article = form.fields["article"].queryset.filter(pk=int(raw)).first()
    data = {"subject": request.POST.get("subject", "")[:200], "body": request.POST.get("body", ""),
            "article": article}
    return render(request, "desk/newsletter/_preview.html", {"preview": _preview_of(data)})


@desk_required
@require_GET
def count(request):
    """How many people the chosen segment reaches (for htmx, beside the choice)."""
    form = BroadcastForm(request.GET)
    return render(request, "desk/newsletter/_count.html", {"count": _count(_segment_data(form))})


# One issue -------------------------------------------------------------------------------------

def _issue_context(broadcast: Broadcast, **extra) -> dict:
    context = {"broadcast": broadcast, "schedule_form": ScheduleForm(
        initial={"send_at": timezone.localtime(broadcast.send_at) if broadcast.send_at else None}),
        "time_zone": settings.TIME_ZONE}
    if broadcast.state in EDITABLE:
        context["count"] = selectors.recipients_count(broadcast)
        context["text_preview"] = selectors.preview(broadcast)["text"]
        context["has_teaser"] = bool(broadcast.article and broadcast.article.is_members_only)
    else:
        figures = selectors.progress(broadcast)
        finished = figures["total"] - figures["waiting"]
        context.update(progress=figures, finished=finished, percent=int(figures["done"] * 100),
                       time_left=_duration(figures["time_left"]), live=broadcast.state in LIVE,
                       failures=selectors.failures_by_reason(broadcast))
    if broadcast.state == State.SENT and broadcast.in_archive:
        context["archive_url"] = archive_url(broadcast)
    context.update(extra)
    return context


@desk_required
def issue(request, pk):
    broadcast = _broadcast(pk)
    return render(request, "desk/newsletter/issue.html", _issue_context(broadcast))


@desk_required
def email_html(request, pk):
    """The email's HTML as a recipient sees it, for the preview frame (sandboxed, no scripts)."""
    broadcast = _broadcast(pk)
    variant = "teaser" if request.GET.get("variant") == "teaser" else "full"
    response = HttpResponse(selectors.preview(broadcast, variant)["html"])
    response["Content-Security-Policy"] = (
        "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; frame-ancestors 'self'")
    response["X-Frame-Options"] = "SAMEORIGIN"
    return response


@desk_required
@require_POST
def send_test(request, pk):
    broadcast = _broadcast(pk)
    to = request.user.email or settings.EXPERT_EMAIL
    if ratelimit.count("newsletter-test", str(request.user.pk), window=ratelimit.HOUR) > TESTS_PER_HOUR:
        messages.error(request, f"That is {TESTS_PER_HOUR} tests this hour: please wait a little before the next.")
        return redirect("desk:newsletter_issue", pk=broadcast.pk)
    variant = "teaser" if request.POST.get("variant") == "teaser" else "full"
    try:
        services.send_test(broadcast, to, variant=variant)
    except ValueError as exc:
        messages.error(request, f"No test was sent: {exc}")
    else:
        messages.success(request, f"A test is on its way to {to}; it arrives within a few seconds.")
    return redirect("desk:newsletter_issue", pk=broadcast.pk)


@desk_required
@require_http_methods(["GET", "POST"])
def send_now(request, pk):
    """Asks once more, with the number of people, then starts sending."""
    broadcast = _broadcast(pk)
    if broadcast.state not in EDITABLE:
        return redirect("desk:newsletter_issue", pk=broadcast.pk)
    if request.method == "POST":
        try:
            made = services.start_sending(broadcast)
        except (services.BroadcastStateError, ValueError) as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"Sending to {made} people.")
        return redirect("desk:newsletter_issue", pk=broadcast.pk)
    return render(request, "desk/newsletter/confirm.html", {
        "broadcast": broadcast, "title": "Send it now",
        "question": f"Send “{broadcast.subject}” to {selectors.recipients_count(broadcast)} people now?",
        "button": "Yes, send it now", "action_url": request.path})


@desk_required
@require_POST
def schedule(request, pk):
    broadcast = _broadcast(pk)
    form = ScheduleForm(request.POST)
    if form.is_valid():
        try:
            services.schedule(broadcast, form.cleaned_data["send_at"])
        except services.BroadcastStateError as exc:
            messages.error(request, str(exc))
        except ValueError as exc:
            form.add_error("send_at", str(exc))
        else:
            when = timezone.localtime(broadcast.send_at)
            messages.success(request, f"Scheduled for {when:%A %-d %B %Y at %H:%M} ({settings.TIME_ZONE}).")
            return redirect("desk:newsletter_issue", pk=broadcast.pk)
    if not form.errors:
        return redirect("desk:newsletter_issue", pk=broadcast.pk)
    return render(request, "desk/newsletter/issue.html", _issue_context(broadcast, schedule_form=form), status=400)


@desk_required
@require_http_methods(["GET", "POST"])
def act(request, pk, action):
    """Pause, resume, cancel or unschedule: a page that asks, then the POST that does it."""
    if action not in ACTIONS:
        raise Http404
    broadcast = _broadcast(pk)
    title, question, service = ACTIONS[action]
    if request.method == "POST":
        try:
            service(broadcast)
        except services.BroadcastStateError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, {"pause": "Paused.", "resume": "Sending again.", "cancel": "Cancelled.",
                                       "unschedule": "Back to draft."}[action])
        return redirect("desk:newsletter_issue", pk=broadcast.pk)
    return render(request, "desk/newsletter/confirm.html", {
        "broadcast": broadcast, "title": title, "question": question, "button": title,
        "action_url": request.path, "danger": action == "cancel"})


@desk_required
@require_POST
def retry(request, pk):
    broadcast = _broadcast(pk)
    try:
        count = services.retry_failed(broadcast)
    except services.BroadcastStateError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Trying the {count} failed deliveries again." if count
                         else "There were no failed deliveries to try again.")
    return redirect("desk:newsletter_issue", pk=broadcast.pk)


@desk_required
@require_GET
def progress(request, pk):
    """The progress bar alone (htmx polls it every two seconds while an issue goes out)."""
    broadcast = _broadcast(pk)
    return render(request, "desk/newsletter/_progress.html", _issue_context(broadcast))
