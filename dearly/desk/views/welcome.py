"""The welcome sequence in the desk: the steps, in order of their day, and their editor.
Writes are dearly.welcome.services'; every view is desk_required."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from dearly.desk.access import desk_required
from dearly.desk.views.newsletter import TESTS_PER_HOUR
from dearly.lib import ratelimit
from dearly.welcome import selectors, services
from dearly.welcome.forms import WelcomeStepForm
from dearly.welcome.models import WelcomeStep


@desk_required
def steps(request):
    return render(request, "desk/welcome/steps.html", {"steps": selectors.steps_with_counts()})


@desk_required
@require_http_methods(["GET", "POST"])
def step_edit(request, pk=None):
    step = get_object_or_404(WelcomeStep, pk=pk) if pk else None
    form = WelcomeStepForm(request.POST or None, instance=step)
    if request.method == "POST" and form.is_valid():
        step = services.save_step(form.save(commit=False))
        messages.success(request, f"Saved day {step.day}: “{step.subject}”.")
        return redirect("desk:welcome")
    return render(request, "desk/welcome/step_form.html", {"form": form, "step": step},
                  status=400 if form.errors else 200)


@desk_required
@require_POST
def send_test(request, pk):
    """The step as it stands, to the signed-in expert, through the outbox (like an issue's test)."""
    step = get_object_or_404(WelcomeStep, pk=pk)
    back = redirect("desk:welcome_edit", pk=step.pk) if request.POST.get("back") == "step" else redirect("desk:welcome")
    to = request.user.email or settings.EXPERT_EMAIL
    if ratelimit.count("welcome-test", str(request.user.pk), window=ratelimit.HOUR) > TESTS_PER_HOUR:
        messages.error(request, f"That is {TESTS_PER_HOUR} tests this hour: please wait a little before the next.")
        return back
    try:
        services.send_test(step, to, name=request.user.first_name)
    except ValueError as exc:
        messages.error(request, f"No test was sent: {exc}")
    else:
        messages.success(request, f"A test of day {step.day} is on its way to {to}; it arrives within a few seconds.")
    return back
