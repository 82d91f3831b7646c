"""The expert's side of the mailing list, in the desk: guides and forms, subscribers (their
consent records, import and export), and the demo mailbox. Every view is desk_required (which
also marks it no-store). The writes are the mailing list's own services."""

from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from dearly.desk.access import desk_required
from dearly.mailing import exports, imports, services
from dearly.mailing.forms import GuideForm, ImportForm, OptInFormForm, SuppressForm
from dearly.mailing.models import (
    Guide,
    MailboxMessage,
    OptInForm,
    OutgoingEmail,
    Subscriber,
    SubscriberImport,
    Suppression,
)

PAGE_SIZE = 50


# Guides and forms ---------------------------------------------------------------------------

@desk_required
def guides(request):
    return render(request, "desk/mailing/guides.html", {
        "guides": Guide.objects.annotate(
            signup_count=Count("signups", distinct=True), download_count=Count("downloads", distinct=True)
        ),
        "forms": OptInForm.objects.select_related("guide").prefetch_related("wordings"),
    })


@desk_required
@require_http_methods(["GET", "POST"])
def guide_edit(request, pk=None):
    guide = get_object_or_404(Guide, pk=pk) if pk else None
    form = GuideForm(request.POST or None, request.FILES or None, instance=guide)
    if request.method == "POST" and form.is_valid():
        guide = services.save_guide(form.save(commit=False))
        messages.success(request, f"Saved “{guide.title}”.")
        return redirect("desk:guides")
    return render(request, "desk/mailing/guide_form.html", {"form": form, "guide": guide},
                  status=400 if form.errors else 200)


@desk_required
@require_http_methods(["GET", "POST"])
def form_edit(request, pk=None):
    opt_in = get_object_or_404(OptInForm, pk=pk) if pk else None
    wording = opt_in.current_wording() if opt_in else None
    initial = {"consent_text": wording.text if wording else services.DEFAULT_CONSENT}
    form = OptInFormForm(request.POST or None, instance=opt_in, initial=initial)
    if request.method == "POST" and form.is_valid():
        opt_in = services.save_form(form.save(commit=False), consent_text=form.cleaned_data["consent_text"])
        messages.success(request, f"Saved the form “{opt_in.name}”.")
        return redirect("desk:guides")
    return render(request, "desk/mailing/optin_form.html",
                  {"form": form, "opt_in": opt_in, "wordings": opt_in.wordings.order_by("-version") if opt_in else []},
                  status=400 if form.errors else 200)


# Subscribers ----------------------------------------------------------------------------------

@desk_required
def subscribers(request):
    query = request.GET.get("q", "").strip()[:200]
    status = request.GET.get("status", "")
    people = Subscriber.objects.all()
    if query:
        people = people.filter(Q(email__icontains=query) | Q(name__icontains=query))
    if status in Subscriber.Status.values:
        people = people.filter(status=status)
    counts = dict(Subscriber.objects.values_list("status").annotate(n=Count("id")))
    return render(request, "desk/mailing/subscribers.html", {
        "people": people[:PAGE_SIZE],
        "total": people.count(),
        "query": query,
        "status": status,
        "statuses": [(value, label, counts.get(value, 0)) for value, label in Subscriber.Status.choices],
        "suppressions": Suppression.objects.all()[:20],
        "suppress_form": SuppressForm(),
    })


@desk_required
def subscriber_detail(request, pk):
    subscriber = get_object_or_404(Subscriber, pk=pk)
    return render(request, "desk/mailing/subscriber.html", {
        "subscriber": subscriber,
        "records": subscriber.consent_records.select_related("form"),
        "downloads": subscriber.downloads.select_related("guide"),
        "emails": subscriber.emails.order_by("-created_at")[:50],
    })


@desk_required
def subscriber_record_csv(request, pk):
    subscriber = get_object_or_404(Subscriber, pk=pk)
    return exports.csv_response(exports.consent_record_rows(subscriber), f"consent-record-{subscriber.pk}.csv")


@desk_required
def subscribers_csv(request):
    return exports.csv_response(exports.subscriber_rows(), "subscribers.csv")


@desk_required
@require_POST
def suppress_address(request):
    form = SuppressForm(request.POST)
    if form.is_valid():
        services.suppress(form.cleaned_data["email"], Suppression.Reason.MANUAL,
                          detail=f"By {request.user.get_username()} in the desk")
        messages.success(request, f"{form.cleaned_data['email']} will not be emailed again.")
    else:
        messages.error(request, form.errors["email"][0])
    return redirect("desk:subscribers")


@desk_required
@require_http_methods(["GET", "POST"])
def import_upload(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            batch = imports.store_upload(upload.name, upload.read(), by=request.user,
                                         date_order=form.cleaned_data["date_order"],
                                         default_source=form.cleaned_data["default_source"])
        except ValueError as exc:
            form.add_error("file", str(exc))
        else:
            return redirect("desk:import_preview", pk=batch.pk)
    return render(request, "desk/mailing/import_upload.html", {"form": form}, status=400 if form.errors else 200)


@desk_required
@require_http_methods(["GET", "POST"])
def import_preview(request, pk):
    batch = get_object_or_404(SubscriberImport, pk=pk)
    if batch.imported_at:
        return render(request, "desk/mailing/import_done.html", {"batch": batch, "report": batch.report})
    if request.method == "POST":
        report = imports.import_subscribers(batch, by=request.user)
        messages.success(request, f"Imported {report['imported']} subscribers.")
        return redirect("desk:import_preview", pk=batch.pk)
    report = imports.preview_batch(batch)
    return render(request, "desk/mailing/import_preview.html", {"batch": batch, "report": report})


# The mailbox (EMAIL_URL=mailbox://) and the outbox ---------------------------------------------

@desk_required
def mailbox(request):
    counts = dict(OutgoingEmail.objects.values_list("state").annotate(n=Count("id")))
    return render(request, "desk/mailing/mailbox.html", {
        "messages_list": MailboxMessage.objects.all()[:PAGE_SIZE],
        "outbox": [(value, label, counts.get(value, 0)) for value, label in OutgoingEmail.State.choices],
        "problems": OutgoingEmail.objects.filter(state__in=[OutgoingEmail.State.FAILED,
                                                             OutgoingEmail.State.RETRYING])[:20],
    })


@desk_required
def mailbox_message(request, pk):
    message = get_object_or_404(MailboxMessage, pk=pk)
    return render(request, "desk/mailing/mailbox_message.html",
                  {"message": message, "list_unsubscribe": message.headers.get("List-Unsubscribe", "")})


@desk_required
def mailbox_message_html(request, pk):
    """The HTML part on its own, sandboxed: no scripts, no requests, only its inline styles."""
    message = get_object_or_404(MailboxMessage, pk=pk)
    response = HttpResponse(message.body_html or "<p>(No HTML part.)</p>", content_type="text/html; charset=utf-8")
    response["Content-Security-Policy"] = (
        "sandbox allow-popups allow-popups-to-escape-sandbox; default-src 'none'; "
        "style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'"
    )
    response["X-Frame-Options"] = "SAMEORIGIN"
    return response
