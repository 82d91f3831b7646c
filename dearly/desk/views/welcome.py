"""The welcome sequence in the desk: the steps, in order of their day, and their editor.
Writes are dearly.welcome.services'; every view is desk_required."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from dearly.desk.access import desk_required
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
