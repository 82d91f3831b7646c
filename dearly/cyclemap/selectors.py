"""Reads of cycle maps, every one through the tools' sharing rule (dearly.tools.selectors):
a person's own maps, what their partner shared, the joint loop, and the column's answers
about a pattern."""

import logging

from django.core.cache import cache

from dearly.column import page_cache
from dearly.column.models import Article
from dearly.cyclemap.models import CycleMap
from dearly.tools import cycle
from dearly.tools import selectors as tools

logger = logging.getLogger(__name__)
ANSWERS_PER_PATTERN = 3


def own_maps(viewer):
    return tools.own_entries(viewer, CycleMap.objects.all())


def own_map(viewer, pk: int) -> CycleMap | None:
    """One of the viewer's own maps (what they may change), or None."""
    return own_maps(viewer).filter(pk=pk).first()


def visible_map(viewer, pk: int) -> CycleMap | None:
    """A map the viewer may look at: their own, or one their partner shared with them."""
    return tools.visible_entries(viewer, CycleMap.objects.filter(pk=pk)).select_related("author").first()


def partners_maps(viewer):
    return tools.shared_by_partner(viewer, CycleMap.objects.all())


def joint_maps(viewer) -> tuple[CycleMap, CycleMap] | None:
    """(mine, theirs) when both partners have shared a map: the latest each shared. None while
    either has not, or while the viewer's own couple exercise is paused."""
    if tools.is_paused(viewer):
        return None
    partnership = tools.partnership_of(viewer)
    if partnership is None:
        return None
    shared = tools.visible_entries(viewer, CycleMap.objects.filter(shared_in=partnership))
    mine = shared.filter(author=tools._member(viewer)).order_by("-shared_at", "-id").first()
    theirs = shared.exclude(author=tools._member(viewer)).order_by("-shared_at", "-id").first()
    return (mine, theirs) if mine and theirs else None


def answers_about(pattern: cycle.Pattern | None) -> list[Article]:
    """The column's published answers about a pattern: those filed under its topic first, then
    the closest found by the column's own search (similar_articles: full text and meaning).
    Kept per pattern until the column changes."""
    if pattern is None:
        return []
    key = f"cyclemap:answers:{pattern.key}:{page_cache._version()}"
    ids = cache.get(key)
    if ids is None:
        ids = list(Article.objects.visible().filter(topics__slug__in=pattern.topic_slugs)
                   .order_by("-published_at").values_list("pk", flat=True).distinct()[:ANSWERS_PER_PATTERN])
        if len(ids) < ANSWERS_PER_PATTERN:
            try:
                from dearly.column.search import similar_articles

                for article in similar_articles(pattern.search_text, limit=ANSWERS_PER_PATTERN * 2):
                    if article.pk not in ids and len(ids) < ANSWERS_PER_PATTERN:
                        ids.append(article.pk)
            except Exception as exc:  # the search is a nicety here; the map stands without it
                logger.warning("column search failed for a cycle pattern", extra={"dearly_error": type(exc).__name__})
        cache.set(key, ids, 3600)
    found = Article.objects.visible().in_bulk(ids)
    return [found[i] for i in ids if i in found]
