"""`manage.py work` starts small: it loads the language models for the first letter it
prepares, not at start, unless the operator asks (DEARLY_WORKER_PRELOAD_MODELS)."""

import signal

import pytest
from django.core.management import call_command

from dearly.language import preload
from dearly.work import loop


@pytest.fixture
def started(monkeypatch):
    """Run the command with the loop replaced by an immediate return; record what it preloads."""
    loads = []
    monkeypatch.setattr(preload, "in_background", lambda load: loads.append(load.__name__))
    monkeypatch.setattr(loop, "run", lambda **kwargs: None)
    monkeypatch.delenv("DEARLY_PRELOAD_MODELS", raising=False)
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}
    yield loads
    for sig, handler in handlers.items():  # the command sets its own
        signal.signal(sig, handler)


def test_the_worker_loads_no_models_at_start_by_default(started, settings):
    settings.WORKER_PRELOAD_MODELS = False
    call_command("work")
    assert started == []


def test_the_worker_preloads_its_models_when_the_operator_asks(started, settings):
    settings.WORKER_PRELOAD_MODELS = True
    call_command("work")
    assert started == ["for_worker"]


def test_no_preloading_anywhere_wins_over_the_workers_own_setting(started, settings, monkeypatch):
    settings.WORKER_PRELOAD_MODELS = True
    monkeypatch.setenv("DEARLY_PRELOAD_MODELS", "0")
    call_command("work")
    assert started == []
