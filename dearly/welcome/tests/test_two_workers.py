"""Two real workers (manage.py work) at once: every welcome step reaches each person once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from dearly.mailing.models import Subscriber
from dearly.welcome import services
from dearly.welcome.models import WelcomeEmail, WelcomeStep
from dearly.work.tests.helpers import start_worker, stop, wait_for, worker_env


@pytest.mark.django_db(transaction=True)
def test_two_workers_send_each_due_step_once_to_each_person(smtp_server):
    now = timezone.now()
    for day in (0, 3):
        services.save_step(WelcomeStep(day=day, subject=f"Day {day}", body="Words."), now=now - timedelta(days=30))
    people = [Subscriber.objects.create(email=f"reader{i}@example.com", status=Subscriber.Status.SUBSCRIBED,
                                        created_at=now - timedelta(days=5), confirmed_at=now - timedelta(days=4))
              for i in range(40)]
    env = worker_env(smtp_server)
    workers = [start_worker("--interval", "0.1", env=env) for _ in range(2)]
    try:
        assert wait_for(lambda: len(smtp_server.messages) >= 80, timeout=60), len(smtp_server.messages)
        wait_for(lambda: False, timeout=2)  # a moment for any duplicate to arrive
    finally:
        for worker in workers:
            stop(worker)
    received = sorted((str(m["To"]), str(m["Subject"])) for m in smtp_server.messages)
    expected = sorted((p.email, f"Day {day}") for p in people for day in (0, 3))
    assert received == expected
    assert WelcomeEmail.objects.filter(state=WelcomeEmail.State.QUEUED).count() == 80
