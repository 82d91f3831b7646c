import json

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.utils.safestring import mark_safe

from dearly.column import paywall, selectors
from dearly.column.models import Article, Topic
from dearly.column.page_cache import cache_for_anonymous
from dearly.column.search import same_theme, search_articles
from dearly.lib.fulltext import CANDIDATES

PER_PAGE = 10


def _page(request, queryset):
    paginator = Paginator(queryset, PER_PAGE)
    try:
        return paginator.page(request.GET.get("page", 1))
    except (PageNotAnInteger, EmptyPage):
        raise Http404("No such page.") from None


@cache_for_anonymous
def home(request):
    return render(
        request,
        "column/home.html",
        {"articles": selectors.latest_articles(7), "topics": selectors.topics_with_counts()},
    )


@cache_for_anonymous
def archive(request):
    page = _page(request, Article.objects.visible().prefetch_related("topics"))
    return render(request, "column/archive.html", {"page": page, "topics": selectors.topics_with_counts()})


@cache_for_anonymous
def topic(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    page = _page(request, topic.articles.visible().prefetch_related("topics"))
    return render(request, "column/topic.html", {"topic": topic, "page": page, "quick_exit": topic.sensitive})


def _json_ld(data: dict) -> str:
    text = json.dumps(data, ensure_ascii=False)
    # Inside <script>, these could end the element or start a comment: escape them.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(text)


def _structured_data(article: Article) -> str:
    """schema.org Article: Google keeps QAPage for pages where readers post answers, and here
    one expert answers. A members-only article marks its hidden part as not free to read."""
    url = settings.SITE_URL + article.get_absolute_url()
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": article.title[:110],
        "description": article.excerpt,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": article.published_at.isoformat(),
        "dateModified": article.updated_at.isoformat(),
        "author": {"@type": "Person", "name": settings.EXPERT_NAME},
        "publisher": {"@type": "Organization", "name": settings.SITE_NAME, "url": settings.SITE_URL + "/"},
        "image": settings.SITE_URL + static("dearly/social.png"),
        "keywords": [t.name for t in article.topics.all()],
        "isAccessibleForFree": not article.is_members_only,
    }
    if not article.is_members_only:
        data["articleBody"] = paywall.public_text(article)
    else:
        data["hasPart"] = {"@type": "WebPageElement", "isAccessibleForFree": False, "cssSelector": ".members-only"}
    return _json_ld(data)


@cache_for_anonymous
def article(request, slug):
    article = selectors.visible_article(slug)
    full = paywall.can_read_in_full(request.user, article)
    context = {
        "article": article,
        "answer_html": article.answer_html if full else article.teaser_html,
        "is_teaser": not full,
        "related": selectors.related_articles(article),
        "json_ld": _structured_data(article),
        "canonical_url": settings.SITE_URL + article.get_absolute_url(),
        "quick_exit": any(t.sensitive for t in article.topics.all()),
    }
    return render(request, "column/article.html", context)


@cache_for_anonymous
def search(request):
    query = request.GET.get("q", "").strip()[:200]
    try:
        page_number = int(request.GET.get("page", 1))
    except ValueError:
        page_number = 1
    if not 1 <= page_number <= max(1, CANDIDATES // PER_PAGE):  # no more are ever ranked
        raise Http404("No such page.")
    results, total = search_articles(query, page=page_number, per_page=PER_PAGE) if query else ([], 0)
    pages = (total + PER_PAGE - 1) // PER_PAGE
    # Answers that say it in other words ("stonewalling" for "he shuts down"), on the first page.
    theme = same_theme(query, exclude_ids=[a.pk for a in results]) if query and page_number == 1 else []
    return render(
        request,
        "column/search.html",
        {
            "query": query,
            "results": results,
            "theme": theme,
            "total": total,
            "total_is_capped": total >= CANDIDATES,
            "page_number": page_number,
            "has_next": page_number < pages,
            "has_previous": page_number > 1,
        },
    )
