"""Every periodic chore runs from the worker loop on its schedule, with no email traffic at all,
once per run however many workers there are."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from dearly.work import chores, loop
from dearly.work.models import Chore

pytestmark = pytest.mark.django_db

HOURLY = {"letters.notify-writers", "mailing.expire-signups", "tools.checkin-reminders"}
DAILY = {"letters.purge", "work.prune-task-results", "tools.tidy-invites", "newsletter.forget-esp-templates"}
EVERY_MINUTE = {"welcome.send-due", "letters.rescreen"}


def test_the_registry_holds_every_chore():
    assert set(chores.REGISTRY) == HOURLY | DAILY | EVERY_MINUTE


@pytest.fixture
def work_for_every_chore(make_letter, settings):
    """Something for each chore to do: an expired letter, an expired sign-up, a writer waiting
    for their notice, a week-old finished task."""
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from dearly.column.services import create_article
    from dearly.letters.models import Letter
    from dearly.letters.tasks import prepare_letter_for_desk
    from dearly.mailing import services
    from dearly.mailing.models import SignUp
    from dearly.mailing.tests.helpers import make_form, make_guide

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.LETTER_RETENTION_DAYS = 30
    expired = make_letter("An old letter about the quince tree.", days_ago=31)
    waiting = make_letter("A published letter about the quince tree.", email="writer@example.com")
    article = create_article(title="The quince tree", letter="L.", answer="A.", publish_at=timezone.now())
    Letter.objects.filter(pk=waiting.pk).update(state=Letter.State.PUBLISHED, article=article)
    services.sign_up(email="never-confirmed@example.com", form=make_form(make_guide()))
    SignUp.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    from dearly.email.models import OutgoingEmail

    OutgoingEmail.objects.all().delete()  # no email traffic at all
    DBTaskResult.objects.all().delete()
    prepare_letter_for_desk.enqueue(expired.pk)
    DBTaskResult.objects.update(status=TaskResultStatus.SUCCESSFUL,
                                finished_at=timezone.now() - timedelta(days=8))
    return expired, waiting


def test_with_no_email_traffic_advancing_time_runs_each_chore_on_its_schedule(work_for_every_chore):
    from django_tasks_db.models import DBTaskResult

    from dearly.letters.models import Letter
    from dearly.mailing.models import Subscriber

    expired, waiting = work_for_every_chore
    t0 = timezone.now()
    assert set(loop.tick(now=t0)["chores"]) == HOURLY | DAILY | EVERY_MINUTE  # each runs once, first thing
    assert not Letter.objects.filter(pk=expired.pk).exists()  # letters.purge
    assert Letter.objects.get(pk=waiting.pk).email == ""  # letters.notify-writers
    assert not Subscriber.objects.exists()  # mailing.expire-signups
    assert not DBTaskResult.objects.exists()  # work.prune-task-results
    assert {c.name: c.runs for c in Chore.objects.all()} == dict.fromkeys(HOURLY | DAILY | EVERY_MINUTE, 1)
    assert mail.outbox == []  # the writer's notice is queued; the next tick sends it

    ticked = loop.tick(now=t0 + timedelta(minutes=59))
    assert (ticked["sent"], ticked["tasks"], set(ticked["chores"])) == (1, 0, EVERY_MINUTE)
    assert len(mail.outbox) == 1
    assert set(loop.tick(now=t0 + timedelta(hours=1))["chores"]) == HOURLY | EVERY_MINUTE
    assert set(loop.tick(now=t0 + timedelta(days=1))["chores"]) == HOURLY | DAILY | EVERY_MINUTE
    assert {c.name: c.runs for c in Chore.objects.all()} == {
        **dict.fromkeys(HOURLY, 3), **dict.fromkeys(DAILY, 2), **dict.fromkeys(EVERY_MINUTE, 4)}


def test_a_chore_is_claimed_by_one_worker_only():
    now = timezone.now()
    chores._ensure_rows(now)
    assert chores.claim("letters.purge", now) is True
    assert chores.claim("letters.purge", now) is False  # the other worker
    assert chores.claim("letters.purge", now + chores.LEASE) is True  # a dead worker's claim ran out


def test_a_failing_chore_keeps_its_error_and_is_tried_again_soon(monkeypatch):
    def broken(now):
        raise RuntimeError("no luck for sam@example.com")

    monkeypatch.setitem(chores.REGISTRY, "test.broken", chores.Registered("test.broken", timedelta(days=1), broken))
    now = timezone.now()
    assert "test.broken" in chores.run_due(now)
    chore = Chore.objects.get(name="test.broken")
    assert chore.last_error == "RuntimeError: no luck for <address>"
    assert chore.next_run_at == now + chores.RETRY_AFTER and chore.claimed_until is None
    assert {"letters.purge", "mailing.expire-signups"} <= set(Chore.objects.filter(runs=1).values_list("name", flat=True))


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_run_each_chore_once_and_send_each_email_once(smtp_server):
    from dearly.email.outbox import queue_email
    from dearly.work.tests.helpers import start_worker, worker_env

    emails = [queue_email(to=f"reader{i}@example.com", purpose="two-workers", template="mailing/email/test",
                          context={}) for i in range(30)]
    env = worker_env(smtp_server)
    workers = [start_worker("--once", env=env) for _ in range(2)]
    for worker in workers:
        out, err = worker.communicate(timeout=60)
        assert worker.returncode == 0, err.decode()
    assert sorted(m["Message-ID"] for m in smtp_server.messages) == sorted(e.message_id for e in emails)
    assert {c.name: c.runs for c in Chore.objects.all()} == dict.fromkeys(HOURLY | DAILY | EVERY_MINUTE, 1)
