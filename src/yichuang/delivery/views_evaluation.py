"""Evaluation pages: a program's rounds and results, one project's evaluation (sheets, the evaluator's
form, the officer's decision), and an evaluator's own list."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yichuang.core.forms import FAILED, submit
from yichuang.delivery import evaluations, permissions, queries
from yichuang.delivery.forms_evaluation import DecisionForm, EvaluationRoundForm, SheetForm, criterion_label
from yichuang.delivery.models import EvaluationKind
from yichuang.kernel import evaluation as kernel
from yichuang.programs.permissions import can_manage_program
from yichuang.reviews.permissions import access_readable_program


def _round_form(program, data=None):
    open_kinds = set(program.evaluation_rounds.values_list("kind", flat=True))
    kinds = [code for code in EvaluationKind.values if code not in open_kinds]
    if not kinds:
        return None
    return EvaluationRoundForm(data, candidates=evaluations.evaluator_candidates(program), kinds=kinds)


@login_required
def program_evaluations(request, program_pk: int):
    program = access_readable_program(request.user, program_pk)
    manage = can_manage_program(request.user, program)
    form = _round_form(program, request.POST or None) if manage else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid() and submit(form, lambda: evaluations.evaluation_round_open(
                actor=request.user, program=program, **form.cleaned_data)) is not FAILED:
            messages.success(request, _("The evaluation is open: the evaluators find it on their home page."))
            return redirect("delivery:evaluations", program_pk=program.pk)
    return render(request, "delivery/evaluations.html", {
        "program": program, "manage": manage, "form": form, "rounds": queries.evaluation_rounds(program)})


def _context(request, evaluation, *, sheet_form=None, decision_form=None) -> dict:
    round_, project = evaluation.round, evaluation.project
    is_evaluator = round_.evaluators.filter(pk=request.user.pk).exists()
    manage = can_manage_program(request.user, round_.program)
    staff = manage or is_evaluator or queries.is_program_staff(request.user, round_.program)
    sheets = list(evaluation.sheets.select_related("evaluator")) if staff else []
    open_ = evaluation.result in ("", "rectify")
    mine = next((s for s in sheets if s.evaluator_id == request.user.pk), None)
    if sheet_form is None and is_evaluator and open_:
        initial = ({**{f"score_{k}": v for k, v in mine.scores.items()}, "findings": mine.findings,
                    "documents": mine.documents, "recommendation": mine.recommendation} if mine else None)
        sheet_form = SheetForm(criteria=round_.criteria, initial=initial)
    if decision_form is None and manage and open_ and sheets:
        decision_form = DecisionForm(initial={"result": kernel.suggested_result([s.total for s in sheets], round_.criteria)})
    return {
        "evaluation": evaluation, "round": round_, "project": project, "sheets": sheets, "staff": staff,
        "criteria": [(row[0], criterion_label(row)) for row in round_.criteria], "maximum": kernel.maximum(round_.criteria),
        "suggested": kernel.suggested_result([s.total for s in sheets], round_.criteria),
        "sheet_form": sheet_form if is_evaluator and open_ else None, "decision_form": decision_form if manage and open_ else None,
        "indicators": queries.indicators(project), "tally": queries.project_totals(project),
    }


@login_required
def evaluation_detail(request, pk: int):
    evaluation = permissions.access_evaluation(request.user, pk)
    return render(request, "delivery/evaluation.html", _context(request, evaluation))


@login_required
@require_POST
def evaluation_sheet(request, pk: int):
    evaluation = permissions.access_evaluation(request.user, pk)
    if not evaluation.round.evaluators.filter(pk=request.user.pk).exists():
        raise PermissionDenied
    form = SheetForm(request.POST, criteria=evaluation.round.criteria)
    if form.is_valid() and submit(form, lambda: evaluations.evaluation_sheet_save(
            actor=request.user, evaluation=evaluation, scores=form.scores(), findings=form.cleaned_data["findings"],
            documents=form.cleaned_data["documents"], recommendation=form.cleaned_data["recommendation"])) is not FAILED:
        messages.success(request, _("Your evaluation form is saved."))
        return redirect("delivery:evaluation", pk=evaluation.pk)
    return render(request, "delivery/evaluation.html", _context(request, evaluation, sheet_form=form), status=400)


@login_required
@require_POST
def evaluation_decide(request, pk: int):
    evaluation = permissions.access_evaluation(request.user, pk)
    if not can_manage_program(request.user, evaluation.round.program):
        raise PermissionDenied
    form = DecisionForm(request.POST)
    decided = submit(form, lambda: evaluations.evaluation_decide(
        actor=request.user, evaluation=evaluation, **form.cleaned_data)) if form.is_valid() else FAILED
    if decided is not FAILED:
        messages.success(request, _("The result is recorded and its consequence applied to the tranches."))
        if getattr(decided, "release_problem", ""):
            messages.warning(request, _("The tranche it releases is not proposed yet: %(why)s")
                             % {"why": decided.release_problem})
        return redirect("delivery:evaluation", pk=evaluation.pk)
    return render(request, "delivery/evaluation.html", _context(request, evaluation, decision_form=form), status=400)


@login_required
def my_evaluations(request):
    rows = queries.evaluations_for(request.user)
    if not rows and not request.user.evaluation_rounds.exists():
        raise PermissionDenied
    return render(request, "delivery/my_evaluations.html", {"rows": rows})
