"""The door to the tools: every tools view is wrapped in tools_required and renders with
render_tool.

    @tools_required
    def my_view(request, member): ...
        return render_tool(request, "tools/my_page.html", {...})

Anonymous visitors are sent to sign in; signed-in people without access (staff accounts, members
without an active membership or a partner with one) get a 403 page that says how to join, never
an entry. Every answer is marked no-store: no tools page is kept by a browser or a proxy.
render_tool adds the quick-exit button (and its Escape key), the viewer's partner and tools
state, and, while their exercise is paused, the private help panel.
"""

import functools
from urllib.parse import urlencode

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

from dearly.members.selectors import member_for
from dearly.tools import safety, selectors


def tools_required(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        member = member_for(request.user)
        if member is None:
            response = redirect(f"{reverse('members:signin')}?{urlencode({'next': request.get_full_path()})}")
        elif not selectors.has_tools_access(member):
            response = render(request, "tools/no_access.html",
                              {"quick_exit": True, "is_member": True}, status=403)
        else:
            response = view(request, member, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    return wrapper


def tools_context(request, member) -> dict:
    state = selectors.tools_state(member)
    partnership = selectors.partnership_of(member)
    return {
        "quick_exit": True,
        "member": member,
        "tools_state": state,
        "partnership": partnership,
        "partner": partnership.other(member) if partnership else None,
        "exercise_paused": bool(state and state.is_paused),
        **safety.help_context(state),
    }


def render_tool(request, template: str, context: dict | None = None, *, status: int = 200):
    member = member_for(request.user)
    return render(request, template, {**tools_context(request, member), **(context or {})}, status=status)
