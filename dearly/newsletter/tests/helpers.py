"""Building blocks for the newsletter tests, made through the services the app uses."""

from dearly.mailing import services as mailing
from dearly.mailing.models import SignUp, Subscriber
from dearly.mailing.tests.helpers import make_form


def subscribe(*addresses, form=None) -> list[Subscriber]:
    """Confirmed subscribers, through sign-up and confirmation as a reader would."""
    form = form or make_form()
    people = []
    for address in addresses:
        mailing.sign_up(email=address, form=form)
        signup = SignUp.objects.filter(subscriber__email=address).latest("id")
        mailing.confirm_subscription(signup)
        people.append(Subscriber.objects.get(email=address))
    return people


def readers(n: int, prefix: str = "reader") -> list[str]:
    return [f"{prefix}{i}@example.com" for i in range(n)]


def newsletters_at(sink) -> list:
    """The messages the sink got that are broadcasts (not confirmations or guides)."""
    return [m for m in sink.messages if str(m["Message-ID"]).startswith("<newsletter.")]
