"""When the language models were last used, and letting them go when the worker is idle.

The web processes keep their models for good: the letter form screens as people type. The
worker needs its models (the encoder and the entity model, about 55 MB) only to prepare a
letter for the desk, a few times a day in a small practice. When it has not used them for
`WORKER_MODELS_IDLE_SECONDS` (10 minutes by default) it drops them and gives the memory back;
the next letter loads them again, a couple of seconds that nobody waits for (the crisis screen
runs in the web process when the letter is sent, not here). bench/memory measures both states.
"""

import gc
import time

_last_use = time.monotonic()


def touch() -> None:
    global _last_use
    _last_use = time.monotonic()


def idle_for() -> float:
    return time.monotonic() - _last_use


def release_if_idle(idle_seconds: float) -> bool:
    """Drop the loaded models if none was used for `idle_seconds`; True if any was dropped."""
    if idle_seconds <= 0 or idle_for() < idle_seconds:
        return False
    from dearly.language import encoder, entities, memory

    dropped = encoder.release() | entities.release()
    if dropped:
        gc.collect()
        memory.give_back()
    return dropped
