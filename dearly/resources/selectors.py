"""Reads of the resources: the published list, and which resources a text mentions.

An article page asks which resources its answer mentions on every uncached render. The
answer is found with one compiled pattern per published resource, built once per process per
version of the column's pages (any article, topic or resource change bumps it), and the
result for a given text is remembered, so a render costs a dictionary look-up once warm."""

import hashlib
import re
import threading
from collections import OrderedDict

from dearly.column import page_cache
from dearly.lib.markdown import plain_text
from dearly.resources.models import Resource

MAX_SHOWN = 4
REMEMBERED_TEXTS = 512

_lock = threading.Lock()
_state = {"matchers": None, "built_for": None}
_remembered: OrderedDict = OrderedDict()

# Typographic forms that Markdown's "smarty" makes, and what a keyword is typed with.
_PLAIN = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\xa0": " "})


_KIND_ORDER = {kind: i for i, kind in enumerate(Resource.Kind.values)}


def _in_order(resources) -> list[Resource]:
    return sorted(resources, key=lambda r: (_KIND_ORDER[r.kind], r.position, r.name.casefold()))


def published() -> list[Resource]:
    """Kinds of help first, then finding help, then books; the expert's order within each."""
    return _in_order(Resource.objects.filter(published=True))


def by_kind() -> list[tuple[str, list[Resource]]]:
    """[(kind label, resources)] in the order of Resource.Kind, empty kinds left out."""
    groups = {kind: [] for kind in Resource.Kind.values}
    for resource in published():
        groups[resource.kind].append(resource)
    return [(Resource.Kind(kind).label, items) for kind, items in groups.items() if items]


def _version():
    # The anonymous page cache's version: bumped by every article, topic and resource change
    # (dearly/resources/signals.py), read from the shared cache at most once a second per process.
    return page_cache._version()


def _normalize(text: str) -> str:
    return text.translate(_PLAIN)


def pattern_for(terms: list[str]) -> re.Pattern | None:
    """Whole words or phrases, any case, any run of spaces between the words of a phrase."""
    parts = []
    for term in terms:
        words = _normalize(term).split()
        if words:
            parts.append(r"\s+".join(re.escape(w) for w in words))
    if not parts:
        return None
    parts.sort(key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


def _matchers(version):
    if _state["built_for"] == version and _state["matchers"] is not None:
        return _state["matchers"]
    matchers = []
    fields = ("pk", "kind", "name", "slug", "author", "summary", "keywords", "position")
    for resource in _in_order(Resource.objects.filter(published=True).only(*fields)):
        pattern = pattern_for([resource.name, *resource.keyword_list])
        if pattern is not None:
            matchers.append((pattern, resource))
    with _lock:
        _state.update(matchers=matchers, built_for=version)
    return matchers


def mentioned_in(text: str, *, limit: int = MAX_SHOWN) -> list[Resource]:
    """The published resources a text names (by name or keyword), kinds of help first, then ways
    to find it, then books; at most `limit`. The text may be HTML: tags are ignored."""
    if not text:
        return []
    version = _version()
    key = (version, limit, hashlib.blake2b(text.encode(), digest_size=16).digest())
    found = _remembered.get(key)
    if found is not None:
        return found
    plain = _normalize(plain_text(text) if "<" in text else text)
    found = [resource for pattern, resource in _matchers(version) if pattern.search(plain)][:limit]
    with _lock:
        _remembered[key] = found
        while len(_remembered) > REMEMBERED_TEXTS:
            _remembered.popitem(last=False)
    return found
