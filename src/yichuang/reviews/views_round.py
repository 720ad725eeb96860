"""The officer's pages of a review round: settings and panel, assignment, results."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yichuang.core.forms import FAILED, flash_errors, submit
from yichuang.programs import permissions as program_permissions
from yichuang.reviews import permissions, queries, scores, services
from yichuang.reviews import results as results_module
from yichuang.reviews.forms import AssignForm, PairRuleForm, ReopenForm, RoundForm
from yichuang.reviews.models import ReviewRound, RoundState


def _round(program) -> ReviewRound:
    """The program's round, or an unsaved one with the defaults until the first save or entry."""
    return ReviewRound.objects.filter(program=program).first() or ReviewRound(program=program)


def _no_round(request, program, tab: str):
    """The review pages of a program with nothing under review yet say so (and what to do)."""
    return render(request, "reviews/no_round.html", {
        "program": program, "tab": tab, "can_manage": program_permissions.can_manage_program(request.user, program)})


@login_required
def round_page(request, program_pk: int):
    program = permissions.access_managed_program(request.user, program_pk)
    review_round = _round(program)
    experts = permissions.pool_experts(request.user).filter(available=True)
    if review_round.pk:
        experts = experts | review_round.panel.all()
    form = RoundForm(request.POST or None, instance=review_round, experts=experts.distinct().order_by("name_sort"))
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        call = lambda: services.round_update(actor=request.user, review_round=review_round, version=form.cleaned_data["version"], **fields)  # noqa: E731
        if submit(form, call) is not FAILED:
            messages.success(request, _("The round's settings are saved."))
            return redirect("reviews:round", program_pk=program.pk)
    context = {
        "program": program, "round": review_round, "form": form, "assign_form": AssignForm(),
        "summary": queries.round_summary(review_round) if review_round.pk else None,
    }
    return render(request, "reviews/round.html", context)


@login_required
@require_POST
def round_assign(request, program_pk: int):
    program = permissions.access_managed_program(request.user, program_pk)
    form = AssignForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a method; a seed is a whole number."))
        return redirect("reviews:round", program_pk=program.pk)
    try:
        solution = services.round_assign(actor=request.user, review_round=_round(program), method=form.cleaned_data["method"],
                                         seed=form.cleaned_data.get("seed"))
    except ValidationError as error:
        flash_errors(request, error)
        return redirect("reviews:round", program_pk=program.pk)
    messages.success(request, _("%(pairs)s reviews assigned.") % {"pairs": solution["pairs"]})
    return redirect("reviews:round-assignments", program_pk=program.pk)


@login_required
@require_POST
def round_step(request, program_pk: int):
    program = permissions.access_managed_program(request.user, program_pk)
    step = {"open": services.round_open, "close": services.round_close}.get(request.POST.get("step", ""))
    if step is None:
        messages.error(request, _("Unknown step."))
        return redirect("reviews:round", program_pk=program.pk)
    try:
        review_round = step(actor=request.user, review_round=_round(program))
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("The round is now: %(state)s.") % {"state": review_round.get_state_display()})
    return redirect("reviews:round", program_pk=program.pk)


@login_required
def assignments(request, program_pk: int):
    program = permissions.access_managed_program(request.user, program_pk)
    review_round = _round(program)
    if review_round.pk is None:
        return _no_round(request, program, "assignments")
    context = {"program": program, "round": review_round, "rows": queries.assignment_rows(review_round),
               "rule_form": PairRuleForm(review_round=review_round), "summary": queries.round_summary(review_round)}
    return render(request, "reviews/assignments.html", context)


@login_required
@require_POST
def pair_rule(request, program_pk: int):
    program = permissions.access_managed_program(request.user, program_pk)
    review_round = _round(program)
    form = PairRuleForm(request.POST, review_round=review_round)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.pair_rule_set(actor=request.user, review_round=review_round, expert=data["expert"], application=data["application"],
                                   rule=data["rule"], reason=data["reason"])
        except ValidationError as error:
            flash_errors(request, error)
        else:
            messages.success(request, _("The rule is saved. Assign again to apply it."))
    else:
        messages.error(request, _("Choose an application and an expert of this round."))
    return redirect("reviews:round-assignments", program_pk=program.pk)


@login_required
def results(request, program_pk: int):
    program = permissions.access_readable_program(request.user, program_pk)
    review_round = _round(program)
    if review_round.pk is None:
        return _no_round(request, program, "results")
    context = {"program": program, "round": review_round, **results_module.round_results(review_round),
               "can_manage": program_permissions.can_manage_program(request.user, program)}
    return render(request, "reviews/results.html", context)


@login_required
def explain(request, program_pk: int, application_pk: int):
    program = permissions.access_readable_program(request.user, program_pk)
    review_round = get_object_or_404(ReviewRound, program=program)
    detail = results_module.explain(review_round, application_pk)
    if detail is None:
        return render(request, "404.html", status=404)
    context = {"program": program, "round": review_round, **detail, "reopen_form": ReopenForm(),
               "can_manage": program_permissions.can_manage_program(request.user, program)
               and review_round.state != RoundState.CLOSED}
    return render(request, "reviews/explain.html", context)


@login_required
@require_POST
def review_reopen(request, pk: int):
    review = permissions.access_managed_review(request.user, pk)
    program = review.assignment.round.program
    form = ReopenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a reason for reopening the review."))
    else:
        try:
            scores.review_reopen(actor=request.user, review=review, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            flash_errors(request, error)
        else:
            messages.success(request, _("The review is open again; the expert has been told."))
    return redirect("reviews:round-explain", program_pk=program.pk, application_pk=review.assignment.application_id)
