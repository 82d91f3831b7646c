"""/tools/cycle/: the cycle map worksheet, one screen per step, and what it shows at the end.

Views parse the request and render; maps are read through dearly.cyclemap.selectors (the tools'
one sharing rule) and changed through dearly.cyclemap.services. A map someone may not see
answers 404, exactly like a map that does not exist. Works without JavaScript: every step is a
plain form whose buttons say where to go next (the first, "Next", is what Enter presses)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_POST
from django.views.defaults import page_not_found

from dearly.cyclemap import selectors, services
from dearly.cyclemap.forms import StepForm
from dearly.tools import cycle
from dearly.tools import selectors as tools
from dearly.tools.access import render_tool, tools_required
from dearly.tools.services import TooManyEntries


def _not_found(request):
    # Returned, not raised, so that tools_required marks it no-store like every tools answer.
    return page_not_found(request, Http404("No such map."))


def _step_url(cycle_map, number: int) -> str:
    return reverse("cycle:step", args=[cycle_map.pk, number])


def _joint(member) -> dict:
    pair = selectors.joint_maps(member)
    if pair is None:
        return {}
    mine, theirs = pair[0].map, pair[1].map
    pattern = cycle.name_pattern(mine, theirs)
    return {"joint": {
        "mine": pair[0], "theirs": pair[1],
        "svg": mark_safe(cycle.loop_svg(mine, theirs, id_prefix="joint")),  # noqa: S308 (escaped in cycle.loop_svg)
        "text": cycle.text_equivalent(mine, theirs),
        "sentence": cycle.sentence(mine, theirs),
        "pattern": pattern,
        "enemy": cycle.ENEMY,
        "answers": selectors.answers_about(pattern),
    }}


@tools_required
def index(request, member):
    return render_tool(request, "cyclemap/index.html", {
        "maps": selectors.own_maps(member),
        "partners_maps": selectors.partners_maps(member),
        "steps": cycle.STEPS,
        **_joint(member),
    })


@tools_required
@require_POST
def start(request, member):
    try:
        cycle_map = services.start_map(member)
    except TooManyEntries as exc:
        messages.error(request, str(exc))
        return redirect("cycle:index")
    return redirect(_step_url(cycle_map, 1))


@tools_required
@require_http_methods(["GET", "POST"])
def step(request, member, pk, number):
    cycle_map = selectors.own_map(member, pk)
    if cycle_map is None or not 1 <= number <= len(cycle.STEPS):
        return _not_found(request)
    this_step = cycle.step(number)
    if request.method == "POST":
        form = StepForm(this_step, request.POST)
        go = request.POST.get("go", "next")
        if form.is_valid():
            was_paused = tools.is_paused(member)
            try:
                cycle_map, screened = services.save_step(member, cycle_map, this_step.key, form.answer())
            except TooManyEntries as exc:
                form.add_error(None, str(exc))
                return _render_step(request, cycle_map, this_step, form, status=429)
            if screened.paused and not was_paused:
                # The help panel shows on this same step, to this person only; their words are kept.
                # Pressing Next again goes on (privately): the help stays at the top of every page.
                return redirect(_step_url(cycle_map, number))
            if go == "back":
                return redirect(_step_url(cycle_map, number - 1) if number > 1 else reverse("cycle:index"))
            if go == "later":
                messages.success(request, f"Saved. Your map waits for you at step {number}.")
                return redirect("cycle:index")
            if number < len(cycle.STEPS):
                return redirect(_step_url(cycle_map, number + 1))
            services.finish_map(member, cycle_map)
            return redirect("cycle:map", pk=cycle_map.pk)
    else:
        form = StepForm(this_step, initial=StepForm.initial_for(cycle_map.map.get(this_step.key)))
    return _render_step(request, cycle_map, this_step, form, status=400 if form.errors else 200)


def _render_step(request, cycle_map, this_step, form, *, status):
    number = this_step.number
    return render_tool(request, "cyclemap/step.html", {
        "cycle_map": cycle_map, "form": form, "step": this_step, "steps": cycle.STEPS,
        "total": len(cycle.STEPS), "next_step": cycle.step(number + 1) if number < len(cycle.STEPS) else None,
    }, status=status)


@tools_required
def map_page(request, member, pk):
    cycle_map = selectors.visible_map(member, pk)
    if cycle_map is None:
        return _not_found(request)
    m = cycle_map.map
    own = cycle_map.author_id == member.pk
    side_heading, side_text = cycle.what_my_side_suggests(m)
    likely = cycle.likely_patterns(m)
    context = {
        "cycle_map": cycle_map, "entry": cycle_map, "own": own,
        "rows": [(s, m.labels(s.key)) for s in cycle.STEPS],
        "sentence": cycle.sentence(m),
        "svg": mark_safe(cycle.loop_svg(m, id_prefix=f"map{cycle_map.pk}")),  # noqa: S308 (escaped in cycle.loop_svg)
        "text": cycle.text_equivalent(m),
        "side_heading": side_heading, "side_text": side_text, "likely": likely,
        "answers": selectors.answers_about(likely[0] if likely else None),
        "enemy": cycle.ENEMY,
        "complete": m.is_complete,
        "partner_shared": selectors.partners_maps(member).exists() if own else False,
    }
    context.update(_joint(member))
    if not own:
        context["partner_name"] = "Your partner"
    return render_tool(request, "cyclemap/map.html", context)
