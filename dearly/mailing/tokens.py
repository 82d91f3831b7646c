"""Signed links for the mailing list, one salt per purpose.

A token says who it is for and what it may do; it cannot be forged without SECRET_KEY and
cannot be reused for another purpose. Where single use matters (confirmation), the view also
checks the row's state, so a replayed link finds it already used.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse

CONFIRM_SALT = "dearly.mailing.confirm"
UNSUBSCRIBE_SALT = "dearly.mailing.unsubscribe"
PREFERENCES_SALT = "dearly.mailing.preferences"
DOWNLOAD_SALT = "dearly.mailing.download"
PERSONAL_DATA_SALT = "dearly.mailing.personal-data"
PERSONAL_DATA_LINK_SECONDS = 3600
PERSONAL_DATA_ACTIONS = {"export": "mailing:my_data", "erase": "mailing:erase_me"}


class BadToken(Exception):
    """Tampered, truncated or meant for something else."""


class ExpiredToken(BadToken):
    """Genuine, but too old."""


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def _dumps(data: dict, salt: str, *, dated: bool = True) -> str:
    """Dated tokens can expire; undated ones (unsubscribe, preferences) are the same string
    every time for the same subscriber, and live as long as the subscriber's key."""
    signer = signing.TimestampSigner(salt=salt) if dated else signing.Signer(salt=salt)
    return signer.sign_object(data, compress=True)


def _loads(token: str, salt: str, max_age=None, *, dated: bool = True) -> dict:
    try:
        if dated:
            data = signing.TimestampSigner(salt=salt).unsign_object(token, max_age=max_age)
        else:
            data = signing.Signer(salt=salt).unsign_object(token)
    except signing.SignatureExpired:
        raise ExpiredToken from None
    except (signing.BadSignature, ValueError, UnicodeDecodeError):
        raise BadToken from None
    if not isinstance(data, dict):
        raise BadToken
    return data


# Confirmation of a sign-up: expires with the sign-up, and is single use (by its state).

def confirm_token(signup) -> str:
    return _dumps({"u": signup.pk, "n": signup.nonce}, CONFIRM_SALT)


def confirm_path(signup) -> str:
    return reverse("mailing:confirm", args=[confirm_token(signup)])


def read_confirm(token: str) -> tuple[int, str]:
    data = _loads(token, CONFIRM_SALT, max_age=settings.SIGNUP_EXPIRY_DAYS * 86400)
    return data.get("u"), data.get("n")


# Unsubscribe and preferences: for as long as the subscriber exists, bound to their key.

def subscriber_token(subscriber, salt: str) -> str:
    return _dumps({"s": subscriber.pk, "k": subscriber.key}, salt, dated=False)


def subscriber_tokens(subscriber, *salts: str) -> list[str]:
    """subscriber_token for several purposes at once, the same strings: the data is serialised
    and compressed once and only signed per salt (a newsletter signs two links per recipient)."""
    first = subscriber_token(subscriber, salts[0])
    payload = first.rpartition(signing.Signer(salt=salts[0]).sep)[0]
    return [first] + [signing.Signer(salt=salt).sign(payload) for salt in salts[1:]]


def unsubscribe_path(subscriber) -> str:
    return reverse("mailing:unsubscribe", args=[subscriber_token(subscriber, UNSUBSCRIBE_SALT)])


def preferences_path(subscriber) -> str:
    return reverse("mailing:preferences", args=[subscriber_token(subscriber, PREFERENCES_SALT)])


def _subscriber_named(data: dict):
    """The subscriber a token's data names, or BadToken (also when they were deleted or
    re-keyed). The key is compared in constant time."""
    from dearly.mailing.models import Subscriber

    subscriber = Subscriber.objects.filter(pk=data.get("s")).first()
    if subscriber is None or not signing.constant_time_compare(subscriber.key, str(data.get("k", ""))):
        raise BadToken
    return subscriber


def read_subscriber(token: str, salt: str):
    """The subscriber a token names, or BadToken (also when they were deleted or re-keyed)."""
    return _subscriber_named(_loads(token, salt, dated=False))


# Guide downloads: expire after GUIDE_LINK_DAYS.

def download_path(guide, subscriber) -> str:
    token = _dumps({"g": guide.pk, "s": subscriber.pk, "k": subscriber.key}, DOWNLOAD_SALT)
    return reverse("mailing:download", args=[token])


def read_download(token: str):
    """(guide id, subscriber) of a download link; ExpiredToken or BadToken as for the others."""
    data = _loads(token, DOWNLOAD_SALT, max_age=settings.GUIDE_LINK_DAYS * 86400)
    return data.get("g"), _subscriber_named(data)


# Taking one's data away or deleting it: emailed on request, one action per link, for an hour.
# The preferences link never expires and sits in every email, so whoever is forwarded one
# must not be able to read the data or delete the person with it.

def personal_data_path(subscriber, action: str) -> str:
    token = _dumps({"s": subscriber.pk, "k": subscriber.key, "a": action}, PERSONAL_DATA_SALT)
    return reverse(PERSONAL_DATA_ACTIONS[action], args=[token])


def read_personal_data(token: str, action: str):
    """The subscriber an emailed data link names, for this action only. Raises ExpiredToken
    after PERSONAL_DATA_LINK_SECONDS, BadToken for anything else wrong."""
    data = _loads(token, PERSONAL_DATA_SALT, max_age=PERSONAL_DATA_LINK_SECONDS)
    if data.get("a") != action:
        raise BadToken
    return _subscriber_named(data)
