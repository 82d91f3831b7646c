"""The expert's side of membership, in the desk: members with their tier and state, monthly
recurring revenue, the tiers and questions of /join/, and complimentary memberships. Every view
is desk_required; the writes are dearly.members' own services."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from dearly.desk.access import desk_required
from dearly.members import selectors, services, signin
from dearly.members.forms import ComplimentaryForm, QuestionForm, TierForm
from dearly.members.models import Membership, Question, Tier


@desk_required
@require_http_methods(["GET", "POST"])
def members(request):
    form = ComplimentaryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        member = signin.member_for_email(form.cleaned_data["email"])
        services.grant_complimentary(member, form.cleaned_data["tier"], until=form.cleaned_data["until"])
        messages.success(request, f"{member.email} has a complimentary membership.")
        return redirect("desk:members")
    context = selectors.desk_overview(query=request.GET.get("q", "").strip()[:254], page=request.GET.get("page"))
    context.update(form=form, tiers=Tier.objects.all(), questions=Question.objects.all())
    return render(request, "desk/members/members.html", context, status=400 if form.errors else 200)


@desk_required
@require_POST
def end_complimentary(request, pk):
    membership = get_object_or_404(Membership, pk=pk, complimentary=True)
    services.end_complimentary(membership)
    messages.success(request, f"Ended the complimentary membership of {membership.member.email}.")
    return redirect("desk:members")


@desk_required
@require_http_methods(["GET", "POST"])
def tier_edit(request, pk=None):
    tier = get_object_or_404(Tier, pk=pk) if pk else None
    form = TierForm(request.POST or None, instance=tier)
    if request.method == "POST" and form.is_valid():
        tier = services.save_tier(form.save(commit=False))
        messages.success(request, f"Saved the tier “{tier.name}”.")
        return redirect("desk:members")
    return render(request, "desk/members/edit.html", {"form": form, "title": tier.name if tier else "New tier"},
                  status=400 if form.errors else 200)


@desk_required
@require_http_methods(["GET", "POST"])
def question_edit(request, pk=None):
    question = get_object_or_404(Question, pk=pk) if pk else None
    form = QuestionForm(request.POST or None, instance=question)
    if request.method == "POST" and form.is_valid():
        services.save_question(form.save(commit=False))
        messages.success(request, "Saved the question.")
        return redirect("desk:members")
    return render(request, "desk/members/edit.html",
                  {"form": form, "title": question.question if question else "New question"},
                  status=400 if form.errors else 200)
