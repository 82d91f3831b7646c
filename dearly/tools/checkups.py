"""/tools/check-up/: the CSI-4, scored, cited, and one's own history of scores."""

from django.contrib import messages
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from dearly.tools import csi, selectors, services
from dearly.tools.access import render_tool, tools_required
from dearly.tools.forms import CheckUpForm
from dearly.tools.models import CheckUp


@tools_required
@require_http_methods(["GET", "POST"])
def check_up(request, member):
    form = CheckUpForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        answers = {item.field: form.cleaned_data[item.field] for item in csi.ITEMS}
        try:
            entry = services.record_check_up(member, answers, share=form.cleaned_data["share"])
        except services.TooManyEntries as exc:
            form.add_error(None, str(exc))
            status = 429
        else:
            messages.success(request, f"Your score is {entry.total} of {csi.HIGHEST}. " + csi.reading(entry.total))
            return redirect("tools:check_up")
    mine = list(selectors.own_entries(member, CheckUp.objects.all())[:52])
    partners = list(selectors.shared_by_partner(member, CheckUp.objects.all())[:52])
    return render_tool(request, "tools/check_up.html", {
        "form": form, "mine": mine, "partners": partners, "latest": mine[0] if mine else None,
        "csi": csi, "reading": csi.reading(mine[0].total) if mine else "",
    }, status=status if status != 200 else (400 if form.errors else 200))
