"""Load the models a process will need before its first request or job, and say so if one fails.

A web process screens letters and finds similar answers (the encoder and the screen's head); the
worker also anonymizes (the named-entity model). A failure here is logged and the process goes
on: the screen falls back to its rules, and the anonymizer's rules still run.
"""

import logging
import threading

logger = logging.getLogger(__name__)


def in_background(load) -> threading.Thread:
    """Load in a daemon thread: the process answers (and stops on a signal) meanwhile; a caller
    that needs a model first simply waits for it (each loader holds a lock)."""
    thread = threading.Thread(target=load, name="dearly-preload", daemon=True)
    thread.start()
    return thread


def for_web() -> None:
    try:
        from dearly.language.encoder import get_encoder
        from dearly.safety.classifier import get_head

        get_encoder()
        get_head()
    except Exception as exc:
        logger.error("language models not loaded", extra={"dearly_error": type(exc).__name__})


def for_worker() -> None:
    for_web()
    try:
        from dearly.language.entities import get_pipeline

        get_pipeline()
    except Exception as exc:
        logger.error("entity model not loaded", extra={"dearly_error": type(exc).__name__})
