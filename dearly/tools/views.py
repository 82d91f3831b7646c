"""The tools' pages. Views parse the request and render; every read of an entry goes through
dearly.tools.selectors (visible_entries, own_entries), every change through dearly.tools.services.
Entries someone may not see answer 404, exactly like entries that do not exist."""

import functools
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from dearly.lib import ratelimit
from dearly.members.selectors import member_for
from dearly.tools import safety, selectors, services
from dearly.tools.access import render_tool, tools_required
from dearly.tools.models import entry_model


def _back(request, default: str):
    """Back to the tools page the form was on (only a path under /tools/)."""
    target = request.POST.get("next", "")
    if target.startswith("/tools/") and url_has_allowed_host_and_scheme(target, allowed_hosts=None):
        return redirect(target)
    return redirect(default)


@tools_required
def index(request, member):
    return render_tool(request, "tools/index.html")


# Partners -----------------------------------------------------------------------------------

def member_required(view):
    """Any signed-in member: someone whose partner's membership will cover them must be able to
    type the code in before they have access."""
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        member = member_for(request.user)
        if member is None:
            response = redirect(f"{reverse('members:signin')}?{urlencode({'next': request.get_full_path()})}")
        else:
            response = view(request, member, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    return wrapper


def _partner_page(request, member, *, code="", typed="", error="", status=200):
    return render_tool(request, "tools/partner.html", {
        "code": code, "typed": typed, "error": error, "minutes": services.INVITE_MINUTES,
        "has_access": selectors.has_tools_access(member),
    }, status=status)


@member_required
def partner(request, member):
    return _partner_page(request, member)


@tools_required
@require_POST
def invite(request, member):
    try:
        _invite, code = services.create_invite(member)
    except services.LinkRefused as exc:
        return _partner_page(request, member, error=str(exc), status=429 if isinstance(
            exc, services.TooManyTries) else 400)
    return _partner_page(request, member, code=code)


@member_required
@require_POST
def link(request, member):
    typed = request.POST.get("code", "")
    try:
        services.link_with_code(member, typed, ip=ratelimit.client_ip(request))
    except services.LinkRefused as exc:
        status = 429 if isinstance(exc, services.TooManyTries) else 400
        return _partner_page(request, member, typed=typed[:20], error=str(exc), status=status)
    messages.success(request, "You are linked. Each of you still decides, entry by entry, what the other sees.")
    return redirect("tools:partner")


@member_required
@require_POST
def unlink(request, member):
    if services.unlink(member):
        messages.success(request, "You are no longer linked. Neither of you can see anything of the other's now.")
    return redirect("tools:partner")


# Sharing, one entry at a time ---------------------------------------------------------------

def _own_entry(member, tool: str, pk: int):
    model = entry_model(tool)
    if model is None:
        raise Http404("No such tool.")
    entry = selectors.own_entries(member, model.objects.filter(pk=pk)).first()
    if entry is None:
        raise Http404("No such entry.")
    return entry


@tools_required
@require_POST
def share(request, member, tool, pk):
    entry = _own_entry(member, tool, pk)
    try:
        services.share_entry(member, entry)
    except services.ShareRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Shared with your partner.")
    return _back(request, reverse("tools:index"))


@tools_required
@require_POST
def unshare(request, member, tool, pk):
    services.unshare_entry(member, _own_entry(member, tool, pk))
    messages.success(request, "Private again: your partner no longer sees it.")
    return _back(request, reverse("tools:index"))


@tools_required
@require_POST
def delete(request, member, tool, pk):
    services.delete_entry(member, _own_entry(member, tool, pk))
    messages.success(request, "Deleted.")
    return _back(request, reverse("tools:index"))


# Safety -------------------------------------------------------------------------------------

@tools_required
@require_POST
def resume(request, member):
    safety.resume_exercise(member)
    return _back(request, reverse("tools:index"))


@tools_required
@require_POST
def reminder(request, member):
    on = request.POST.get("weekly_reminder") == "on"
    services.set_weekly_reminder(member, on)
    messages.success(request, "A weekly reminder is on." if on else "No more reminders.")
    return _back(request, reverse("tools:index"))
