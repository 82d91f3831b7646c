"""The web archive of issues: /newsletter/ and /newsletter/<id>-<slug>/.

Only issues that went out and that the expert kept in the archive are shown. An issue made from
a members-only article shows its hidden part only to those the paywall (column/paywall.py)
lets read it; these pages are therefore never cached whole for anyone."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify

from dearly.column import paywall
from dearly.newsletter import rendering, selectors
from dearly.newsletter.models import Broadcast

PAGE_SIZE = 20


def slug_for(broadcast: Broadcast) -> str:
    return slugify(broadcast.subject)[:80] or "issue"


def url_for(broadcast: Broadcast) -> str:
    from django.urls import reverse

    return reverse("issues:issue", args=[broadcast.pk, slug_for(broadcast)])


def archive(request):
    page = Paginator(selectors.archived_issues(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "issues/archive.html", {
        "page": page, "issues": [(issue, url_for(issue)) for issue in page.object_list]})


def issue(request, pk, slug):
    broadcast = get_object_or_404(selectors.archived_issues(), pk=pk)
    if slug != slug_for(broadcast):
        return redirect(url_for(broadcast), permanent=True)
    full = broadcast.article is None or paywall.can_read_in_full(request.user, broadcast.article)
    body_html, _ = rendering.bodies(broadcast)["full" if full else "teaser"]
    if not body_html:
        raise Http404
    return render(request, "issues/issue.html", {"issue": broadcast, "body_html": body_html, "full": full})
