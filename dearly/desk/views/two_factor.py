"""The second step of signing in to the desk and the admin: set up an authenticator app at
first sign-in, then give a code from it (or a recovery code) at every sign-in.
The work is done in dearly/lib/twofactor.py."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from dearly.desk.access import desk_required
from dearly.lib import twofactor


def _next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return candidate
    return "/desk/"


@sensitive_post_parameters("code")
@never_cache
def two_factor(request):
    user = request.user
    if not user.is_authenticated or not user.is_active:
        return redirect_to_login(request.get_full_path())
    if not user.is_staff:
        raise PermissionDenied("Two-factor sign-in is for the desk and the admin.")
    next_url = _next_url(request)
    if twofactor.is_passed(request):
        return redirect(next_url)
    if twofactor.app_device(user) is None:
        return _set_up(request, next_url)
    return _enter_code(request, next_url)


def _set_up(request, next_url):
    device = twofactor.pending_app_device(request.user)
    error = None
    if request.method == "POST":
        try:
            codes = twofactor.confirm_app(request, request.POST.get("code", ""))
        except twofactor.CodeRefused as refused:
            error = str(refused)
        else:
            return render(request, "desk/two_factor_recovery_codes.html",
                          {"codes": codes, "next": next_url, "first_time": True})
    return render(request, "desk/two_factor_setup.html", {
        "secret": twofactor.secret_text(device),
        "qr_code": twofactor.qr_code_svg(device),
        "next": next_url,
        "error": error,
        "issuer": settings.OTP_TOTP_ISSUER,
    })


def _enter_code(request, next_url):
    error = None
    if request.method == "POST":
        try:
            device = twofactor.verify_code(request, request.POST.get("code", ""))
        except twofactor.CodeRefused as refused:
            error = str(refused)
        else:
            if device.name == twofactor.RECOVERY_DEVICE_NAME:
                left = twofactor.recovery_codes_left(request.user)
                messages.warning(request, f"You signed in with a recovery code; {left} left. "
                                          "Make new ones from the desk's Settings page when you run low.")
            return redirect(next_url)
    return render(request, "desk/two_factor_code.html", {"next": next_url, "error": error})


@never_cache
@desk_required
@require_POST
def new_recovery_codes(request):
    codes = twofactor.replace_recovery_codes(request.user)
    return render(request, "desk/two_factor_recovery_codes.html", {"codes": codes, "next": "/desk/"})
