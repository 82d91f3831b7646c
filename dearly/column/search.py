"""Search over the column: only text a reader may see is indexed, only due articles are found."""

from django.utils import timezone

from dearly.column import paywall
from dearly.column.models import Article
from dearly.lib.fulltext import FullTextIndex

index = FullTextIndex(
    "column_search",
    join_sql=(
        "JOIN column_article a ON a.id = s.id "
        "AND a.status = 'published' AND a.published_at <= %s"
    ),
    join_params_fn=lambda: [timezone.now()],
)


def index_article(article: Article) -> None:
    index.upsert(article.pk, article.title, paywall.public_text(article))


def unindex_article(article_id: int) -> None:
    index.delete(article_id)


def rebuild() -> int:
    index.clear()
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


def similar_articles(text: str, *, limit: int = 5, exclude: Article | None = None) -> list[Article]:
    """Published articles most like `text` (a letter, say), ranked over its rarest words."""
    ids = index.similar(text, limit=limit, exclude_id=exclude.pk if exclude else None)
    articles = Article.objects.in_bulk(ids)
    return [articles[i] for i in ids if i in articles]
