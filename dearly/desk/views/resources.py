"""Where to get help, in the desk: the expert lists, writes and orders the kinds of help, ways
to find it and books that /resources/ shows and answers link to. Every view is desk_required;
the writes are dearly.resources' own services."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from dearly.column.models import Article
from dearly.desk.access import desk_required
from dearly.resources import selectors, services
from dearly.resources.forms import ResourceForm
from dearly.resources.models import Resource


@desk_required
def resources(request):
    groups = {kind: [] for kind in Resource.Kind.values}
    for resource in Resource.objects.all():
        groups[resource.kind].append(resource)
    return render(request, "desk/resources/list.html", {
        "groups": [(Resource.Kind(kind).label, items) for kind, items in groups.items()],
    })


def _answers_mentioning(resource: Resource):
    """Published answers that name this resource, so the expert sees what its keywords catch."""
    pattern = selectors.pattern_for([resource.name, *resource.keyword_list])
    if pattern is None:
        return []
    articles = Article.objects.visible().only("title", "slug", "answer")
    return [a for a in articles if pattern.search(selectors._normalize(a.answer))]


@desk_required
@require_http_methods(["GET", "POST"])
def resource_edit(request, pk=None):
    resource = get_object_or_404(Resource, pk=pk) if pk else None
    form = ResourceForm(request.POST or None, instance=resource)
    if request.method == "POST" and form.is_valid():
        resource = services.save_resource(form.save(commit=False))
        messages.success(request, f"Saved “{resource.name}”.")
        return redirect("desk:resources")
    return render(request, "desk/resources/edit.html", {
        "form": form, "resource": resource,
        "mentioned_in": _answers_mentioning(resource) if resource else [],
    }, status=400 if form.errors else 200)


@desk_required
@require_POST
def resource_delete(request, pk):
    resource = get_object_or_404(Resource, pk=pk)
    services.delete_resource(resource)
    messages.success(request, f"Deleted “{resource.name}”.")
    return redirect("desk:resources")
