"""Search over the column: only text a reader may see is indexed, only due articles are found.

Two indexes follow every article: full-text (`lib/fulltext.py`, for words) and sentence-embedding
vectors (`lib/vectors.py`, for meaning). "This may already help" and related answers fuse both
(`dearly/lib/retrieval.py`) and show nothing when no answer is close: a letter about something
the column never answered is told so, not shown five unrelated articles.
"""

import logging

from django.utils import timezone

from dearly.column import paywall
from dearly.column.models import Article
from dearly.lib import retrieval
from dearly.lib.fulltext import FullTextIndex
from dearly.lib.markdown import plain_text
from dearly.lib.vectors import VectorIndex

index = FullTextIndex(
    "column_search",
    join_sql=(
        "JOIN column_article a ON a.id = s.id "
        "AND a.status = 'published' AND a.published_at <= %s"
    ),
    join_params_fn=lambda: [timezone.now()],
)
vectors = VectorIndex("column_vectors")
logger = logging.getLogger(__name__)

# The search box's answers "on the same theme": a query's closest answers by meaning, shown
# beneath the answers that hold its words. A few words are less alike anything than a letter is,
# so each must stand out from the query's mean similarity to every answer by THEME_STANDOUT and
# be close in itself (THEME_MIN_COSINE).
THEME_STANDOUT = 0.15
THEME_MIN_COSINE = 0.35
THEMES = 2


def vector_text(article: Article) -> str:
    """What an article's vector is made of: its title and the reader's letter (always public).
    A new letter is most like the letter an answer was written for."""
    return f"{article.title}.\n{plain_text(article.letter_html)}"


def index_article(article: Article) -> None:
    index.upsert(article.pk, article.title, paywall.public_text(article))
    retrieval.store_vector(vectors, article.pk, vector_text(article))


def unindex_article(article_id: int) -> None:
    index.delete(article_id)
    vectors.delete([article_id])


def rebuild() -> int:
    index.clear()
    vectors.clear()
    count = 0
    for article in Article.objects.all().iterator():
        index_article(article)
        count += 1
    return count


def search_articles(query: str, *, page: int = 1, per_page: int = 10):
    """(results, total): each result is an article with .snippet_html and .title_hit set."""
    hits, total = index.search(query, limit=per_page, offset=(page - 1) * per_page)
    articles = Article.objects.in_bulk([h.id for h in hits])
    results = []
    for hit in hits:
        if article := articles.get(hit.id):
            article.snippet_html = hit.snippet_html
            article.title_hit = hit.title_hit
            results.append(article)
    return results, total


def same_theme(query: str, *, exclude_ids=(), limit: int = THEMES) -> list[Article]:
    """Published answers about what `query` means, in other words than its own (those already
    found by full text are left out); [] when none stands out or the encoder cannot run."""
    if not query.strip():
        return []
    try:
        vector = retrieval.embed(query)
    except Exception as exc:  # the language model is missing or broken: full text still answers
        logger.error("search by meaning unavailable", extra={"dearly_error": type(exc).__name__})
        return []
    # Above the in-memory limit only rows sharing a word are compared (lib/vectors.py); below it
    # that full-text query is never run.
    def candidates():
        return [hit.id for hit in index.search(query, limit=retrieval.CANDIDATES, any_word=True)[0]]

    scanned = vectors.similarities(vector, retrieval.model_name(), candidates=candidates)
    baseline = scanned.mean() if scanned.count >= retrieval.MIN_ROWS_FOR_BASELINE else retrieval.TYPICAL_BASELINE
    excluded = set(exclude_ids)
    close = [(i, c) for i, c in scanned.top(limit * 4)
             if i not in excluded and c >= THEME_MIN_COSINE and c - baseline >= THEME_STANDOUT]
    due = _due_ids([i for i, _ in close])
    articles = Article.objects.in_bulk([i for i, _ in close if i in due])
    return [articles[i] for i, _ in close if i in articles][:limit]


def _due_ids(ids) -> set[int]:
    return set(
        Article.objects.filter(pk__in=ids, status=Article.Status.PUBLISHED, published_at__lte=timezone.now())
        .values_list("pk", flat=True)
    )


def suggest_topics(text: str, *, limit: int = 3):
    """Topics of the answers closest to `text`, weighted by how close each answer is."""
    from dearly.column.models import Topic

    ranked = retrieval.hybrid(text, full_text=index, vectors=vectors, limit=8, allowed=_due_ids)
    if not ranked:
        return []
    weight: dict[int, float] = {}
    through = Article.topics.through.objects.filter(article_id__in=[i for i, _ in ranked])
    score = dict(ranked)
    for article_id, topic_id in through.values_list("article_id", "topic_id"):
        weight[topic_id] = weight.get(topic_id, 0.0) + score[article_id]
    best = sorted(weight, key=lambda t: (-weight[t], t))[:limit]
    topics = Topic.objects.in_bulk(best)
    return [topics[t] for t in best if t in topics]


def similar_articles(text: str, *, limit: int = 5, exclude: Article | None = None) -> list[Article]:
    """Published articles that answer something close to `text` (a letter, say), best first;
    empty when none is close enough to help."""
    ranked = retrieval.hybrid(
        text, full_text=index, vectors=vectors, limit=limit,
        exclude_id=exclude.pk if exclude else None, allowed=_due_ids,
    )
    articles = Article.objects.in_bulk([i for i, _ in ranked])
    return [articles[i] for i, _ in ranked if i in articles]
