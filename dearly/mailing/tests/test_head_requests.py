"""Mail clients and link scanners send HEAD to the links in our emails: it answers like GET
and changes nothing."""

import pytest

from dearly.mailing import services, tokens
from dearly.mailing.models import GuideDownload, SignUp, Subscriber
from dearly.mailing.tests.helpers import make_form, make_guide

pytestmark = pytest.mark.django_db


@pytest.fixture
def subscriber():
    services.sign_up(email="sam@example.com", form=make_form(make_guide()))
    return services.confirm_subscription(SignUp.objects.get()).subscriber


def test_head_on_the_unsubscribe_link_answers_like_get_and_unsubscribes_nobody(client, subscriber):
    response = client.head(tokens.unsubscribe_path(subscriber))
    assert response.status_code == 200
    assert Subscriber.objects.get().status == Subscriber.Status.SUBSCRIBED


def test_head_on_the_preferences_link_answers_like_get(client, subscriber):
    assert client.head(tokens.preferences_path(subscriber)).status_code == 200


def test_head_on_a_download_link_is_not_counted_as_a_download(client, subscriber):
    path = tokens.download_path(SignUp.objects.get().guide, subscriber)
    assert client.head(path).status_code == 200
    assert not GuideDownload.objects.exists()
    client.get(path)
    assert GuideDownload.objects.count() == 1
