"""Mid-term and final evaluations: the officer opens a round for a program, evaluators (experts of the
pool with an account, supervisors) fill a sheet for each project, and the officer decides each
project's result. The decision's consequence is applied to the money through the tranche services:
a pass releases (proposes, for four-eyes approval) the tranche the evaluation triggers; "rectify"
holds the next unpaid tranche until a later pass; a fail cancels, reduces or claws back, and bars the
organization from applying for the program's bar period (a credit flag that screening checks)."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yichuang.accounts.models import User
from yichuang.accounts.roles import Role
from yichuang.accounts.scopes import ancestor_paths
from yichuang.core.audit import log_action
from yichuang.delivery.models import (
    Consequence,
    EvaluationKind,
    EvaluationRound,
    EvaluationSheet,
    ProjectEvaluation,
)
from yichuang.kernel import evaluation as forms_kernel
from yichuang.kernel.money import Money
from yichuang.places.models import CreditFlagKind
from yichuang.places.services import credit_flag_add
from yichuang.programs.permissions import can_manage_program
from yichuang.projects import tranches
from yichuang.projects.models import EvaluationResult, ProjectStatus, Tranche, TrancheStatus

TRIGGER = {EvaluationKind.MIDTERM: "midterm_pass", EvaluationKind.FINAL: "final_pass"}
# The consequences an officer may choose for each result (the first is the default).
ALLOWED = {
    EvaluationResult.PASS: (Consequence.RELEASE, Consequence.NONE),
    EvaluationResult.RECTIFY: (Consequence.HOLD, Consequence.NONE),
    EvaluationResult.FAIL: (Consequence.CANCEL, Consequence.REDUCE, Consequence.CLAW_BACK),
}


def evaluator_candidates(program) -> list[User]:
    """Supervisors whose area covers the program (or who hold a role for it) and pool experts with an account."""
    from django.db.models import Q

    from yichuang.accounts.models import RoleGrant
    from yichuang.reviews.models import Expert

    paths = ancestor_paths(program.area.path)
    supervisors = RoleGrant.objects.filter(Q(area__path__in=paths) | Q(program=program), role=Role.SUPERVISOR)
    experts = Expert.objects.filter(user__isnull=False, area__path__in=paths)
    ids = set(supervisors.values_list("user_id", flat=True)) | set(experts.values_list("user_id", flat=True))
    return list(User.objects.filter(pk__in=ids, is_active=True).order_by("display_name"))


@transaction.atomic
def evaluation_round_open(*, actor, program, kind: str, due_on: datetime.date, evaluators: list[User]) -> EvaluationRound:
    if not can_manage_program(actor, program):
        raise PermissionDenied
    if kind not in EvaluationKind.values:
        raise ValidationError({"kind": _("Choose the mid-term or the final evaluation.")})
    if EvaluationRound.objects.filter(program=program, kind=kind).exists():
        raise ValidationError({"kind": _("This program's %(kind)s is already open.")
                               % {"kind": EvaluationKind(kind).label}})
    allowed = {user.pk for user in evaluator_candidates(program)}
    if not evaluators or any(user.pk not in allowed for user in evaluators):
        raise ValidationError({"evaluators": _("Choose one or more evaluators among the program's supervisors and experts.")})
    if due_on < timezone.localdate():
        raise ValidationError({"due_on": _("The sheets cannot be due before today.")})
    projects = list(program.projects.exclude(status=ProjectStatus.CLOSED))
    if not projects:
        raise ValidationError(_("This program has no project under way to evaluate."))
    round_ = EvaluationRound.objects.create(program=program, kind=kind, due_on=due_on, opened_by=actor,
                                            criteria=[list(row) for row in forms_kernel.DEFAULT_CRITERIA])
    round_.evaluators.set(evaluators)
    ProjectEvaluation.objects.bulk_create([ProjectEvaluation(round=round_, project=p) for p in projects])
    log_action(actor=actor, action="delivery.evaluation_round.opened", obj=round_,
               after={"kind": kind, "due_on": due_on.isoformat(), "evaluators": sorted(allowed & {u.pk for u in evaluators}),
                      "projects": len(projects)}, area_path=program.area.path)
    return round_


@transaction.atomic
def evaluation_sheet_save(*, actor, evaluation: ProjectEvaluation, scores: dict, findings: str, documents: str,
                          recommendation: str) -> EvaluationSheet:
    evaluation = ProjectEvaluation.objects.select_for_update(of=("self",)).select_related(
        "round__program__area", "project").get(pk=evaluation.pk)
    if not evaluation.round.evaluators.filter(pk=actor.pk).exists():
        raise PermissionDenied
    if evaluation.result and evaluation.result != EvaluationResult.RECTIFY:
        raise ValidationError(_("This evaluation is decided: sheets can no longer change."))
    problems = forms_kernel.sheet_problems(evaluation.round.criteria, scores, recommendation)
    errors = {}
    for problem in problems:
        errors[problem.path] = (_("Give a whole number from 0 to %(max)s.") % problem.params if problem.path != "recommendation"
                                else _("Choose the result you recommend."))
    if not findings.strip():
        errors["findings"] = _("Write what you found.")
    if not documents.strip():
        errors["documents"] = _("List the documents you reviewed.")
    if errors:
        raise ValidationError(errors)
    sheet, _created = EvaluationSheet.objects.update_or_create(
        evaluation=evaluation, evaluator=actor,
        defaults={"scores": scores, "findings": findings.strip(), "documents": documents.strip(),
                  "recommendation": recommendation})
    log_action(actor=actor, action="delivery.evaluation_sheet.saved", obj=evaluation,
               after={"scores": scores, "recommendation": recommendation}, area_path=evaluation.round.program.area.path)
    return sheet


def _evaluation_tranche(project, kind: str) -> Tranche | None:
    return project.tranches.filter(trigger=TRIGGER[kind]).order_by("position").first()


def _next_unpaid(project) -> Tranche | None:
    return project.tranches.filter(status__in=(TrancheStatus.SCHEDULED, TrancheStatus.PROPOSED, TrancheStatus.HELD)
                                   ).order_by("position").first()


@transaction.atomic
def evaluation_decide(*, actor, evaluation: ProjectEvaluation, result: str, conclusion: str, actions: str = "",
                      rectify_by: datetime.date | None = None, consequence: str = "", amount: Money | None = None
                      ) -> ProjectEvaluation:
    """Decide (or, after a "rectify", decide again) one project's result and apply its consequence."""
    evaluation = ProjectEvaluation.objects.select_for_update(of=("self",)).select_related(
        "round__program__area", "project__organization__area", "project__program").get(pk=evaluation.pk)
    program = evaluation.round.program
    if not can_manage_program(actor, program):
        raise PermissionDenied
    if evaluation.result in (EvaluationResult.PASS, EvaluationResult.FAIL):
        raise ValidationError(_("This evaluation is decided."))
    if result not in ALLOWED:
        raise ValidationError({"result": _("Choose pass, rectify or fail.")})
    if not evaluation.sheets.exists():
        raise ValidationError(_("No evaluator has filled the form for this project yet."))
    consequence = consequence or ALLOWED[result][0]
    if consequence not in ALLOWED[result]:
        raise ValidationError({"consequence": _("This consequence does not go with the result.")})
    errors = {}
    if not conclusion.strip():
        errors["conclusion"] = _("Write the conclusion the organization will read.")
    if result == EvaluationResult.RECTIFY:
        if not actions.strip():
            errors["actions"] = _("List the actions the organization must take.")
        if rectify_by is None or rectify_by <= timezone.localdate():
            errors["rectify_by"] = _("Give a deadline after today.")
    if errors:
        raise ValidationError(errors)
    before = {"result": evaluation.result, "consequence": evaluation.consequence}
    evaluation.result, evaluation.conclusion, evaluation.consequence = result, conclusion.strip(), consequence
    evaluation.actions = actions.strip() if result == EvaluationResult.RECTIFY else evaluation.actions
    evaluation.rectify_by = rectify_by if result == EvaluationResult.RECTIFY else evaluation.rectify_by
    evaluation.decided_by, evaluation.decided_at = actor, timezone.now()
    evaluation.save()
    log_action(actor=actor, action="delivery.evaluation.decided", obj=evaluation, before=before,
               after={"result": result, "consequence": consequence}, reason=evaluation.conclusion,
               area_path=program.area.path)
    _apply(actor, evaluation, consequence, amount)
    return evaluation


def _apply(actor, evaluation: ProjectEvaluation, consequence: str, amount: Money | None) -> None:
    project, kind = evaluation.project, evaluation.round.kind
    reason = _("%(evaluation)s: %(result)s") % {"evaluation": evaluation.round.get_kind_display(),
                                                "result": EvaluationResult(evaluation.result).label}
    if consequence == Consequence.RELEASE:
        evaluation.release_problem = _release(actor, project, kind, reason)
    elif consequence == Consequence.HOLD:
        tranche = _next_unpaid(project)
        if tranche is not None and tranche.status != TrancheStatus.HELD:
            tranches.tranche_hold(actor=actor, tranche=tranche, reason=reason)
    elif consequence == Consequence.CANCEL:
        for tranche in project.tranches.filter(status__in=(TrancheStatus.SCHEDULED, TrancheStatus.PROPOSED,
                                                            TrancheStatus.HELD)):
            tranches.tranche_cancel(actor=actor, tranche=tranche, reason=reason)
    elif consequence == Consequence.REDUCE:
        tranche = _next_unpaid(project)
        if tranche is None or amount is None:
            raise ValidationError({"amount": _("Give the reduced amount of the next unpaid tranche.")})
        if tranche.status == TrancheStatus.PROPOSED:
            tranches.tranche_return(actor=actor, tranche=tranche, reason=reason)
        tranches.tranche_reduce(actor=actor, tranche=tranche, amount=amount, reason=reason)
    elif consequence == Consequence.CLAW_BACK:
        paid = project.tranches.filter(status=TrancheStatus.PAID).order_by("-position").first()
        if paid is None or amount is None:
            raise ValidationError({"amount": _("Give the amount to claw back from the last paid tranche.")})
        tranches.tranche_claw_back(actor=actor, tranche=paid, amount=amount, reason=reason)
    if evaluation.result == EvaluationResult.FAIL:
        _bar(actor, evaluation)


def _release(actor, project, kind: str, reason: str) -> str:
    """Propose the tranche this evaluation triggers (lifting a hold a "rectify" put on it); another
    officer approves the payment, as for every release. Returns why it could not be proposed yet
    (an earlier tranche or an open amendment comes first), or "" — the officer proposes it later."""
    tranche = _evaluation_tranche(project, kind)
    if tranche is None:
        return ""
    if tranche.status == TrancheStatus.HELD:
        tranches.tranche_resume(actor=actor, tranche=tranche, reason=reason)
        tranche.refresh_from_db()
    if tranche.status == TrancheStatus.SCHEDULED:
        try:
            tranches.tranche_propose(actor=actor, tranche=tranche, note=reason)
        except ValidationError as error:
            return " ".join(error.messages)
    return ""


def _bar(actor, evaluation: ProjectEvaluation) -> None:
    program, organization = evaluation.round.program, evaluation.project.organization
    today = timezone.localdate()
    try:
        until = today.replace(year=today.year + program.fail_bar_years)
    except ValueError:  # 29 February
        until = today.replace(year=today.year + program.fail_bar_years, day=28)
    credit_flag_add(actor=actor, organization=organization, kind=CreditFlagKind.FAILED_EVALUATION, listed_on=today,
                    removed_on=until, authority=program.name[:100],
                    note=_("%(evaluation)s of %(number)s failed") % {"evaluation": evaluation.round.get_kind_display(),
                                                                   "number": evaluation.project.number})


def passed(tranche: Tranche) -> bool:
    """The gate the tranche services ask: is the evaluation this tranche waits for recorded as passed?"""
    kind = next((k for k, trigger in TRIGGER.items() if trigger == tranche.trigger), None)
    return kind is not None and ProjectEvaluation.objects.filter(
        project_id=tranche.project_id, round__kind=kind, result=EvaluationResult.PASS).exists()
