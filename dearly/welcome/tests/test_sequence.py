"""The welcome sequence: each step on its day after confirming, once, through the outbox; none
after leaving; a step added later is not sent back-dated."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from dearly.email.models import OutgoingEmail
from dearly.mailing import services as mailing
from dearly.mailing.models import SignUp, Subscriber
from dearly.mailing.tests.helpers import make_form
from dearly.welcome import services
from dearly.welcome.models import WelcomeEmail, WelcomeStep
from dearly.work import loop

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def locmem(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def make_step(day, subject, body="A few words.", *, now=None, active=True):
    return services.save_step(WelcomeStep(day=day, subject=subject, body=body, is_active=active), now=now)


def join(email, *, at, name="Maya"):
    """Sign up and confirm through the real services, at `at`; then clear the outbox, so that the
    welcome chore is the only source of email."""
    mailing.sign_up(email=email, form=make_form(), name=name)
    signup = SignUp.objects.filter(subscriber__email=email).latest("id")
    Subscriber.objects.filter(email=email).update(created_at=at)
    mailing.confirm_subscription(signup, now=at)
    OutgoingEmail.objects.all().delete()
    mail.outbox.clear()
    return Subscriber.objects.get(email=email)


def subjects():
    return [m.subject for m in mail.outbox]


def run_until(moment):
    """Two ticks of the worker at `moment`: the chore queues, the next tick sends."""
    loop.tick(now=moment)
    loop.tick(now=moment + timedelta(seconds=61))


def test_each_step_goes_out_on_its_day_and_only_then():
    t0 = timezone.now()
    make_step(0, "Welcome, and one question", now=t0 - timedelta(days=1))
    make_step(3, "The pattern under most fights", now=t0 - timedelta(days=1))
    make_step(7, "What to read next", now=t0 - timedelta(days=1))
    join("maya@example.com", at=t0)

    run_until(t0)
    assert subjects() == ["Welcome, and one question"]
    run_until(t0 + timedelta(days=2, hours=23))
    assert subjects() == ["Welcome, and one question"]
    run_until(t0 + timedelta(days=3, minutes=1))
    assert subjects() == ["Welcome, and one question", "The pattern under most fights"]
    run_until(t0 + timedelta(days=6, hours=23))
    assert len(mail.outbox) == 2
    run_until(t0 + timedelta(days=7, minutes=1))
    run_until(t0 + timedelta(days=30))
    assert subjects() == ["Welcome, and one question", "The pattern under most fights", "What to read next"]
    assert WelcomeEmail.objects.filter(state=WelcomeEmail.State.QUEUED).count() == 3


def test_the_email_is_a_list_email_with_both_parts_a_greeting_and_the_unsubscribe_headers():
    t0 = timezone.now()
    make_step(0, "Welcome", body="Thank you for **joining**.\n\nNora", now=t0 - timedelta(days=1))
    join("maya@example.com", at=t0, name="Maya")
    run_until(t0)
    [message] = mail.outbox
    assert message.body.startswith("Hello Maya,\n\nThank you for **joining**.")
    assert "Unsubscribe (one click): http" in message.body
    html = message.alternatives[0][0]
    assert "Hello Maya," in html and "<strong>joining</strong>" in html
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Unsubscribe"].startswith("<http")
    assert "List-Id" in message.extra_headers


def test_someone_who_leaves_gets_no_more_steps():
    t0 = timezone.now()
    make_step(0, "Day zero", now=t0 - timedelta(days=1))
    make_step(3, "Day three", now=t0 - timedelta(days=1))
    make_step(7, "Day seven", now=t0 - timedelta(days=1))
    maya = join("maya@example.com", at=t0)
    join("tom@example.com", at=t0, name="Tom")
    run_until(t0)
    assert len(mail.outbox) == 2
    mailing.unsubscribe(maya, detail="Clicked unsubscribe")
    mailing.suppress("tom@example.com", "complained")
    run_until(t0 + timedelta(days=8))
    assert subjects() == ["Day zero", "Day zero"]


def test_a_person_who_leaves_after_their_step_was_queued_is_not_sent_it():
    t0 = timezone.now()
    make_step(0, "Day zero", now=t0 - timedelta(days=1))
    maya = join("maya@example.com", at=t0)
    loop.tick(now=t0)  # queued, not sent yet
    mailing.unsubscribe(maya)
    loop.tick(now=t0 + timedelta(seconds=61))
    assert mail.outbox == []


def test_a_step_added_later_is_not_sent_back_dated_to_those_who_joined_long_ago():
    t0 = timezone.now()
    join("old-timer@example.com", at=t0 - timedelta(days=30))
    join("three-days-in@example.com", at=t0 - timedelta(days=3))
    make_step(0, "Day zero, written today", now=t0)
    make_step(7, "Day seven, written today", now=t0)
    run_until(t0)
    assert mail.outbox == []  # nobody's day 0 is still ahead; day 7 is four days off for one of them
    run_until(t0 + timedelta(days=4, minutes=1))
    assert [(m.to, m.subject) for m in mail.outbox] == [(["three-days-in@example.com"], "Day seven, written today")]
    run_until(t0 + timedelta(days=60))
    assert len(mail.outbox) == 1


def test_a_step_switched_off_and_on_again_starts_afresh():
    t0 = timezone.now()
    step = make_step(3, "Day three", now=t0 - timedelta(days=10))
    step.is_active = False
    services.save_step(step, now=t0)
    join("maya@example.com", at=t0 - timedelta(days=2))
    run_until(t0 + timedelta(days=2))  # her day 3, while the step is off
    assert mail.outbox == []
    step.is_active = True
    services.save_step(step, now=t0 + timedelta(days=2))
    run_until(t0 + timedelta(days=20))
    assert mail.outbox == []  # her day had passed when it was switched back on


def test_an_import_with_an_old_consent_date_starts_no_sequence_in_the_past():
    t0 = timezone.now()
    make_step(0, "Day zero", now=t0 - timedelta(days=100))
    Subscriber.objects.create(email="imported@example.com", status=Subscriber.Status.SUBSCRIBED,
                              created_at=t0, confirmed_at=t0 - timedelta(days=50))
    run_until(t0)
    assert mail.outbox == []


def test_a_row_is_handed_over_once_even_when_two_workers_reach_it():
    t0 = timezone.now()
    step = make_step(0, "Day zero", now=t0 - timedelta(days=1))
    maya = join("maya@example.com", at=t0)
    row = WelcomeEmail.objects.create(step=step, subscriber=maya)
    assert services.hand_over(row.pk, t0) == "queued"
    assert services.hand_over(row.pk, t0) == ""  # already queued: nothing to take
    assert services.hand_over(row.pk, t0 + timedelta(hours=1)) == ""
    assert OutgoingEmail.objects.filter(purpose=f"welcome:{step.pk}").count() == 1


def test_a_claim_held_by_another_worker_is_left_alone_until_its_lease_runs_out():
    t0 = timezone.now()
    step = make_step(0, "Day zero", now=t0 - timedelta(days=1))
    maya = join("maya@example.com", at=t0)
    row = WelcomeEmail.objects.create(step=step, subscriber=maya)
    assert services._claim(row.pk, t0) is not None  # a worker took it, then died
    assert services.hand_over(row.pk, t0 + timedelta(minutes=1)) == ""
    assert services.hand_over(row.pk, t0 + services.LEASE + timedelta(seconds=2)) == "queued"
    assert OutgoingEmail.objects.filter(purpose=f"welcome:{step.pk}").count() == 1


def test_a_step_overdue_by_more_than_a_week_is_not_sent_late():
    t0 = timezone.now()
    make_step(0, "Day zero", now=t0 - timedelta(days=30))
    make_step(10, "Day ten", now=t0 - timedelta(days=30))
    join("maya@example.com", at=t0)
    # The workers were down from the moment she joined until eight days later.
    run_until(t0 + timedelta(days=8))
    assert mail.outbox == []  # her welcome would be eight days late: not sent
    run_until(t0 + timedelta(days=10, minutes=1))
    assert subjects() == ["Day ten"]
