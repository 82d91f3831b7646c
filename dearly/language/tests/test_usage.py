"""The worker lets its language models go when it has not used them for a while, and loads them
again for the next letter; the web processes never do (only the worker loop asks)."""

import time

import pytest

from dearly.language import encoder, entities, usage


def pretend_unused_for(monkeypatch, seconds):
    monkeypatch.setattr(usage, "_last_use", time.monotonic() - seconds)


def test_models_unused_for_long_enough_are_dropped_and_come_back_on_next_use(monkeypatch):
    encoder.get_encoder()
    entities.get_pipeline()
    pretend_unused_for(monkeypatch, 700)
    assert usage.release_if_idle(600)
    assert encoder._encoder is None and entities._nlp is None
    vector = encoder.encode_one("We have not talked in weeks.")
    assert vector.shape == (encoder.DIMENSIONS,) and encoder._encoder is not None
    assert not usage.release_if_idle(600)  # just used


def test_models_in_use_are_kept(monkeypatch):
    encoder.get_encoder()
    pretend_unused_for(monkeypatch, 100)
    assert not usage.release_if_idle(600)
    assert not usage.release_if_idle(0)  # 0: keep them for good
    assert encoder._encoder is not None


@pytest.mark.django_db(transaction=True)
def test_an_idle_worker_loop_drops_its_models(monkeypatch, settings):
    from dearly.work import loop

    settings.WORKER_MODELS_IDLE_SECONDS = 60
    encoder.get_encoder()
    pretend_unused_for(monkeypatch, 120)
    ticks = iter(range(2))
    loop.run(interval=0, should_stop=lambda: next(ticks, None) is None)
    assert encoder._encoder is None
