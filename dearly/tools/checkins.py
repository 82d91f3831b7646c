"""/tools/check-in/: the connection check-in, its chart, and the weekly reminder setting."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods

from dearly.tools import charts, selectors, services
from dearly.tools.access import render_tool, tools_required
from dearly.tools.forms import CheckInForm
from dearly.tools.models import CheckIn

PERIODS = (4, 12, 26, 52)


def _weeks(request) -> int:
    try:
        weeks = int(request.GET.get("weeks", 12))
    except ValueError:
        return 12
    return weeks if weeks in PERIODS else 12


@tools_required
@require_http_methods(["GET", "POST"])
def check_in(request, member):
    form = CheckInForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            entry, screened = services.record_check_in(member, need=data["need"], connected=data["connected"],
                                                       note=data["note"], share=data["share"])
        except services.TooManyEntries as exc:
            form.add_error(None, str(exc))
            status = 429
        else:
            if not screened.paused:  # when paused, the page itself says what matters
                messages.success(request, "Thank you. Your check-in is saved" +
                                 (" and shared with your partner." if entry.is_shared else ", for you only."))
            return redirect("tools:check_in")
    weeks = _weeks(request)
    data = selectors.check_in_chart_data(member, weeks=weeks)
    svg = charts.check_in_chart(data["series"], start=data["start"], end=data["end"])
    state = selectors.tools_state(member)
    return render_tool(request, "tools/check_in.html", {
        "form": form, "chart": mark_safe(svg), "periods": PERIODS, **data,  # noqa: S308 (built escaped in charts)
        "mine": selectors.own_entries(member, CheckIn.objects.all())[:20],
        "partners": selectors.shared_by_partner(member, CheckIn.objects.all())[:20],
        "weekly_reminder": bool(state and state.weekly_reminder),
    }, status=status if status != 200 else (400 if form.errors else 200))
