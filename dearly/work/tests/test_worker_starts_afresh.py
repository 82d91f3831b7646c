"""A worker that has let its language models go starts afresh in place, to give back the memory
they left behind, and carries on working: a real `manage.py work` subprocess."""

import time

import pytest

from dearly.letters import services
from dearly.letters.models import Letter
from dearly.work.tests.helpers import start_worker, stop, wait_for, worker_env

pytestmark = pytest.mark.django_db(transaction=True)

BODY = ("My husband Tomasz and I have been married for six years and we live in Leeds. "
        "We argue about his mother, who visits every Sunday without asking, and I want us to decide together.")


def a_letter() -> Letter:
    return services.submit_letter(pen_name="Sunday", body=BODY, consent_publication=True,
                                  consent_sensitive_data=True)


def prepared(letter: Letter) -> bool:
    letter.refresh_from_db()
    return letter.prepared_at is not None


def private_memory_kb(pid: int) -> int:
    with open(f"/proc/{pid}/smaps_rollup") as f:
        return sum(int(line.split()[1]) for line in f if line.startswith(("Private_Clean", "Private_Dirty")))


def test_a_worker_that_let_its_models_go_starts_afresh_as_the_same_process_and_keeps_working():
    worker = start_worker("--interval", "0.2", env=worker_env(WORKER_MODELS_IDLE_SECONDS="2", LOG_LEVEL="INFO"))
    try:
        first = a_letter()
        assert wait_for(lambda: prepared(first), timeout=90), "the worker prepares a letter (loading its models)"
        with_models = private_memory_kb(worker.pid)
        # Two seconds unused: it lets the models go and replaces itself (exec: the same pid).
        assert wait_for(lambda: private_memory_kb(worker.pid) < with_models - 20_000, timeout=60)
        assert worker.poll() is None
        second = a_letter()
        assert wait_for(lambda: prepared(second), timeout=90), "the fresh process works as the old one did"
    finally:
        stop(worker)
    log = worker.stderr.read().decode()
    assert log.count("starting afresh") >= 1, log[-2000:]
    assert worker.returncode in (0, -15)


def test_a_worker_told_to_keep_its_process_only_lets_its_models_go():
    env = worker_env(WORKER_MODELS_IDLE_SECONDS="1", LOG_LEVEL="INFO", DEARLY_WORKER_RENEW_AFTER_MODELS="0")
    worker = start_worker("--interval", "0.2", env=env)
    try:
        letter = a_letter()
        assert wait_for(lambda: prepared(letter), timeout=90)
        time.sleep(4)  # well past the second of idleness after which the models go
        assert worker.poll() is None
    finally:
        stop(worker)
    assert "starting afresh" not in worker.stderr.read().decode()
