"""Who may use the desk: signed-in staff with the desk permission (superusers have it).

Every desk view is wrapped in desk_required; anyone else gets the sign-in page (anonymous) or
a plain 403 (signed in without the permission), never a letter. With two-factor sign-in on
(DESK_TWO_FACTOR), desk staff who have not given a code this session are sent to give one first
(dearly/lib/twofactor.py). Whatever it answers is marked no-store: no desk page is kept by a
browser or a proxy.
"""

import functools

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.utils.cache import add_never_cache_headers

from dearly.lib import twofactor

DESK_PERMISSION = "desk.use_desk"


def can_use_desk(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_staff and user.has_perm(DESK_PERMISSION))


def desk_required(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            response = redirect_to_login(request.get_full_path())
        elif not can_use_desk(request.user):
            raise PermissionDenied("The desk is for the expert and their staff.")
        elif not twofactor.is_passed(request):
            response = twofactor.redirect_to_second_factor(request)
        else:
            response = view(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    return wrapper
