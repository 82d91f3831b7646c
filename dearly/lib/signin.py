"""Password sign-in (the desk and the admin) with failed attempts limited per user name from one
address and per address, so nobody can guess their way to the letters.

Failures are never counted per user name alone: then anyone who knows the expert's user name
could pause her account from anywhere, and keep her out of the desk with a wrong password every
few minutes. Counted per (user name, address), a guesser pauses only themselves. Guessing from
many addresses at once is what the second factor is for (dearly/lib/twofactor.py): a guessed
password alone does not open the desk or the admin.
"""

from django import forms
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import PermissionDenied

from dearly.lib import ratelimit

WINDOW = 15 * ratelimit.MINUTE
TOO_MANY = (
    "Too many attempts to sign in. For safety, signing in is paused for a few minutes; "
    "please wait and try again."
)


def _limits(request, username: str):
    address = ratelimit.client_ip(request) if request is not None else "unknown"
    account = (username or "").strip().lower()
    yield "signin-user-ip", f"{account}\n{address}", settings.SIGNIN_FAILURES_PER_USER_AND_IP
    yield "signin-ip", address, settings.SIGNIN_FAILURES_PER_IP


def is_paused(request, username: str) -> bool:
    return any(ratelimit.used(scope, value, window=WINDOW) >= limit for scope, value, limit in _limits(request, username))


def count_failure(request, username: str) -> None:
    for scope, value, _limit in _limits(request, username):
        ratelimit.count(scope, value, window=WINDOW)


class RateLimitedModelBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_username_field())
        if is_paused(request, username):
            raise PermissionDenied(TOO_MANY)  # stops authenticate(): no password is checked
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            count_failure(request, username)
        return user


def get_username_field() -> str:
    from django.contrib.auth import get_user_model

    return get_user_model().USERNAME_FIELD


class SignInForm(AuthenticationForm):
    """The desk's sign-in form: says plainly when sign-in is paused."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "That user name and password do not match. Please try again.",
    }

    def clean(self):
        if is_paused(self.request, self.data.get("username", "")):
            raise forms.ValidationError(TOO_MANY, code="paused")
        return super().clean()
