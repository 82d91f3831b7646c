from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache

from dearly.column.page_cache import cache_for_anonymous
from dearly.resources import selectors, services
from dearly.resources.models import Resource
from dearly.safety.resources import emergency_number, resources_for


def _crisis_context():
    country = settings.DEFAULT_COUNTRY
    return {"crisis_lines": resources_for(country), "emergency_number": emergency_number(country)}


@cache_for_anonymous
def index(request):
    return render(request, "resources/index.html", {"groups": selectors.by_kind(), **_crisis_context()})


@cache_for_anonymous
def detail(request, slug):
    resource = get_object_or_404(Resource, slug=slug, published=True)
    return render(request, "resources/detail.html", {"resource": resource, **_crisis_context()})


@never_cache
def go(request, slug):
    """A counted link: one more on the resource's count, then on to the link. Only resources
    whose count the expert turned on (and the page discloses) have this address."""
    resource = get_object_or_404(Resource, slug=slug, published=True)
    if not (resource.count_clicks and resource.link):
        raise Http404("This link is not counted.")
    services.count_click(resource)
    response = HttpResponseRedirect(resource.link)
    response["Referrer-Policy"] = "no-referrer"
    return response
