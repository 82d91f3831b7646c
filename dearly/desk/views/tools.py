"""/desk/tools/: what the expert sees of the couples' tools. Aggregates only (read through
dearly.tools.selectors.desk_aggregates): never an entry, a name, or a group of fewer than five
people."""

from django.shortcuts import render
from django.utils.safestring import mark_safe

from dearly.desk.access import desk_required
from dearly.tools import charts, selectors


@desk_required
def overview(request):
    data = selectors.desk_aggregates()
    histograms = {}
    for key, title in (("need", "Need for closeness, latest check-in per person"),
                       ("felt", "Feeling connected, latest check-in per person")):
        if data[key] is not None:
            histograms[key] = mark_safe(charts.histogram(data[key], title=title, chart_id=f"hist-{key}"))  # noqa: S308
    return render(request, "desk/tools.html", {**data, "histograms": histograms})
