"""The reader's side of the mailing list: landing pages, sign-up, confirmation, downloads,
unsubscribing and preferences. Views parse and render; dearly.mailing.services changes things."""

import json

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from dearly.column.page_cache import cache_for_anonymous
from dearly.lib import ratelimit
from dearly.lib.origin import same_origin_required
from dearly.mailing import services, tokens
from dearly.mailing.forms import PreferencesForm, SignUpForm
from dearly.mailing.models import Guide, OptInForm, Placement


def _problem(request, *, title: str, message: str, status: int, guide=None):
    """A link that cannot be used: say why and what to do, never more."""
    return render(request, "mailing/link_problem.html",
                  {"title": title, "message": message, "guide": guide}, status=status)


def _bad_link(request):
    return _problem(
        request, status=400, title="This link doesn't work",
        message="The link may have been cut short or changed on its way to you. Please open it again "
                "from the email, or copy the whole address into your browser.",
    )


def _confirmation_expired(request, guide=None):
    return _problem(request, status=410, title="This confirmation link has expired",
                    message=f"Confirmation links work for {settings.SIGNUP_EXPIRY_DAYS} days. "
                            "Please sign up again and use the new link.", guide=guide)


@cache_for_anonymous
def landing(request, slug):
    guide = get_object_or_404(Guide, slug=slug, is_published=True)
    return render(request, "mailing/landing.html", {"guide": guide})


def _int(raw) -> int | None:
    try:
        return int(raw)
    except (TypeError, ValueError):
        return None


@csrf_exempt  # the forms live on pages cached for everyone; same_origin_required guards them
@same_origin_required
@never_cache
@require_POST  # the forms sit on the column's pages; this page only shows one again with its errors
def subscribe(request):
    opt_in = OptInForm.objects.select_related("guide").filter(pk=_int(request.POST.get("form")), is_active=True).first()
    if opt_in is None or (opt_in.guide is not None and not opt_in.guide.is_published):
        raise Http404("This sign-up form is no longer here.")
    wording = opt_in.current_wording()
    ip = ratelimit.client_ip(request)
    if ratelimit.count("signup-ip", ip, window=ratelimit.HOUR) > settings.SIGNUP_LIMIT_PER_IP:
        return render(request, "mailing/too_many.html", status=429)
    # Where the form sat goes into the consent record: only a place we know, never free text.
    placement = request.POST.get("placement")
    if placement not in Placement.values:
        placement = opt_in.placement
    form = SignUpForm(request.POST)
    if not form.is_valid():
        return render(request, "mailing/subscribe.html",
                      {"opt_in": opt_in, "form": form, "wording": wording, "placement": placement}, status=400)
    email = form.cleaned_data["email"]
    # A filled honeypot, or too many requests for one address (someone mail-bombing it), get
    # the very same answer as everyone else; only nothing is sent.
    if not form.cleaned_data["website"] and (
            ratelimit.count("signup-email", email, window=ratelimit.HOUR) <= settings.SIGNUP_LIMIT_PER_EMAIL):
        services.sign_up(
            email=email, name=form.cleaned_data["name"], form=opt_in,
            wording_version=_int(request.POST.get("wording")),
            detail=f"Form on {placement}",
        )
    return redirect("mailing:check_inbox")


def check_inbox(request):
    return render(request, "mailing/check_inbox.html")


@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """GET shows a button; only its POST confirms, so link scanners confirm nothing."""
    try:
        signup = services.signup_for_token(token)
    except tokens.ExpiredToken:
        return _confirmation_expired(request)
    except tokens.BadToken:
        return _bad_link(request)
    context = {"signup": signup, "guide": signup.guide}
    if request.method != "POST":  # GET and HEAD (what link scanners send) only look
        if signup.state == signup.State.CONFIRMED:
            return render(request, "mailing/confirmed.html", {**context, "already": True})
        if signup.state == signup.State.EXPIRED:
            return _confirmation_expired(request, signup.guide)
        return render(request, "mailing/confirm.html", context)
    try:
        services.confirm_subscription(signup)
    except services.AlreadyConfirmed:
        return render(request, "mailing/confirmed.html", {**context, "already": True})
    except services.SignUpExpired:
        return _confirmation_expired(request, signup.guide)
    download_url = tokens.download_path(signup.guide, signup.subscriber) if signup.guide else None
    return render(request, "mailing/confirmed.html", {**context, "download_url": download_url})


@never_cache
def download(request, token):
    try:
        guide_id, subscriber = tokens.read_download(token)
    except tokens.ExpiredToken:
        return _problem(request, status=410, title="This download link has expired",
                        message=f"Download links work for {settings.GUIDE_LINK_DAYS} days. Ask for the guide "
                                "again and we'll email you a fresh link.")
    except tokens.BadToken:
        return _bad_link(request)
    guide = Guide.objects.filter(pk=guide_id).first()
    if guide is None or not guide.pdf:
        return _bad_link(request)
    if request.method == "GET":  # a HEAD (a link scanner) is not a download
        services.record_download(guide, subscriber)
    response = FileResponse(guide.pdf.open("rb"), as_attachment=True, filename=f"{guide.slug}.pdf",
                            content_type="application/pdf")
    response["X-Robots-Tag"] = "noindex"
    return response


@csrf_exempt  # RFC 8058: mail providers POST without cookies; the signed token is the proof
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])  # mail clients and link scanners send HEAD: it only looks
def unsubscribe(request, token):
    try:
        subscriber = tokens.read_subscriber(token, tokens.UNSUBSCRIBE_SALT)
    except tokens.BadToken:
        return _bad_link(request)
    preferences_url = tokens.preferences_path(subscriber)
    if request.method != "POST":
        return render(request, "mailing/unsubscribe.html",
                      {"subscriber": subscriber, "preferences_url": preferences_url})
    one_click = request.POST.get("List-Unsubscribe") == "One-Click"
    services.unsubscribe(subscriber, detail="One-click unsubscribe (List-Unsubscribe-Post)" if one_click
                         else "Unsubscribe page")
    # No redirect and no cookie (RFC 8058): the answer is this page.
    return render(request, "mailing/unsubscribed.html", {"preferences_url": preferences_url})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def preferences(request, token):
    try:
        subscriber = tokens.read_subscriber(token, tokens.PREFERENCES_SALT)
    except tokens.BadToken:
        return _bad_link(request)
    form = PreferencesForm(initial={"wants_newsletter": subscriber.is_subscribed and subscriber.wants_newsletter,
                                    "topics": list(subscriber.topics.all())})
    saved = False
    needs_confirming = False
    link_sent = ""
    if request.method == "POST":
        action = request.POST.get("action", "save")
        if action in ("export", "erase"):
            # Anyone forwarded an email has this page's link: the data and the deletion go
            # only through a short-lived link sent to the address itself.
            services.send_personal_data_link(subscriber, action)
            link_sent = action
        elif action == "unsubscribe":
            services.unsubscribe(subscriber, detail="Preferences page")
            subscriber.refresh_from_db()
            saved = True
            form = PreferencesForm(initial={"wants_newsletter": False, "topics": list(subscriber.topics.all())})
        else:
            form = PreferencesForm(request.POST)
            if form.is_valid():
                subscriber = services.update_preferences(
                    subscriber, wants_newsletter=form.cleaned_data["wants_newsletter"],
                    topics=form.cleaned_data["topics"],
                )
                saved = True
                needs_confirming = form.cleaned_data["wants_newsletter"] and subscriber.confirmed_at is None
    return render(request, "mailing/preferences.html", {
        "subscriber": subscriber, "form": form, "saved": saved, "needs_confirming": needs_confirming,
        "link_sent": link_sent, "unsubscribe_url": tokens.unsubscribe_path(subscriber),
    })


def _personal_data_subscriber(request, token, action):
    """(subscriber, None), or (None, the page saying why the emailed link cannot be used)."""
    try:
        return tokens.read_personal_data(token, action), None
    except tokens.ExpiredToken:
        return None, _problem(request, status=410, title="This link has expired",
                              message=f"Links to your data work for {tokens.PERSONAL_DATA_LINK_SECONDS // 60} "
                                      "minutes. Ask again from your email preferences page and we'll "
                                      "email you a fresh one.")
    except tokens.BadToken:
        return None, _bad_link(request)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def my_data(request, token):
    """The emailed export link: GET shows a button, its POST hands over the data."""
    subscriber, problem = _personal_data_subscriber(request, token, "export")
    if problem:
        return problem
    if request.method != "POST":
        return render(request, "mailing/personal_data.html", {"subscriber": subscriber, "action": "export"})
    data = json.dumps(services.subscriber_data(subscriber), indent=2, ensure_ascii=False)
    response = HttpResponse(data, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-dearly-data.json"'
    return response


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def erase_me(request, token):
    """The emailed deletion link: GET shows a button; only its POST, ticked, deletes."""
    subscriber, problem = _personal_data_subscriber(request, token, "erase")
    if problem:
        return problem
    erase_error = ""
    if request.method == "POST":
        if request.POST.get("confirm_erase") == "yes":
            services.erase_subscriber(subscriber)
            return render(request, "mailing/erased.html")
        erase_error = "Tick the box to confirm that you want everything deleted."
    return render(request, "mailing/personal_data.html",
                  {"subscriber": subscriber, "action": "erase", "erase_error": erase_error},
                  status=400 if erase_error else 200)
