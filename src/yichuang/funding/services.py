"""Funding decisions: compute the allocation from the review ranking, or change it with a reason."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from yichuang.applications.engine import application_step, step_for
from yichuang.applications.models import Application
from yichuang.core.audit import log_action
from yichuang.funding.messages import infeasible_text, reason_text, yuan
from yichuang.funding.models import Decision, DecisionKind
from yichuang.funding.queries import community_names
from yichuang.kernel import allocation
from yichuang.programs import permissions as program_permissions
from yichuang.programs.models import DecisionMethod, Purpose
from yichuang.reviews.models import ReviewRound
from yichuang.reviews.results import round_results


def _require_officer(actor, program) -> None:
    if not program_permissions.can_manage_program(actor, program):
        raise PermissionDenied


def ranked_applications(program) -> list[dict]:
    """The review ranking: rank, final score and the application, best first."""
    review_round = ReviewRound.objects.filter(program=program).first()
    if review_round is None:
        return []
    rows = round_results(review_round)["rows"]
    return [row for row in rows if row.get("rank") is not None]


@transaction.atomic
def decision_compute(*, actor, program, budget: int, objective: str = "rank", organization_cap: int | None = None,
                     quotas: dict | None = None, community_quotas: dict | None = None,
                     grants: dict[str, int] | None = None) -> Decision:
    """``grants`` offers an application less than it asked (application id → fen), within the program's rules."""
    _require_officer(actor, program)
    if program.decided_by == DecisionMethod.VOTE:
        raise ValidationError(_("This program is decided by its resident vote: the published result of the vote is "
                                "the funding decision (take it from the vote's page)."))
    ranked = ranked_applications(program)
    if not ranked:
        raise ValidationError(_("No application has a review score yet: finish the expert review first."))
    grants = grants or {}
    _check_grants(program, [row["application"] for row in ranked], grants)
    parameters = {"budget": budget, "objective": objective, "organization_cap": organization_cap,
                  "domain_quotas": quotas or {}, "community_quotas": community_quotas or {}, "grants": grants}
    data = {**parameters, "applications": [
        {"id": str(row["application"].pk), "score": row["final"],
         "request": grants.get(str(row["application"].pk), int(row["application"].grant_requested.fen)),
         "domain": row["application"].domain.code if row["application"].domain_id else "",
         "community": str(row["application"].community_id or ""),
         "organization": str(row["application"].organization_id)} for row in ranked]}
    try:
        result = allocation.allocate(allocation.parse_instance(data))
    except allocation.AllocationError as problem:
        raise ValidationError(str(problem)) from problem
    except allocation.Infeasible as problem:
        raise ValidationError(infeasible_text(problem)) from problem
    decision = Decision.objects.create(
        program=program, kind=DecisionKind.COMPUTED, parameters=parameters, created_by=actor,
        result={"funded": [[int(pk), amount] for pk, amount in result.funded.items()],
                "unfunded": [[int(pk), r.code, r.params] for pk, r in result.unfunded.items()],
                "optimal": result.optimal, "seconds": round(result.seconds, 3)},
    )
    log_action(actor=actor, action="funding.decision.computed", obj=decision, after=decision.result,
               area_path=program.area.path)
    return decision


@transaction.atomic
def decision_record(*, actor, program, parameters: dict, funded: list[list], unfunded: list[list],
                    action: str) -> Decision:
    """A decision computed elsewhere (the published tally of a resident vote): funded [[id, fen], …] and
    unfunded [[id, reason code, params], …], shown and applied like a computed allocation."""
    _require_officer(actor, program)
    decision = Decision.objects.create(
        program=program, kind=DecisionKind.COMPUTED, parameters=parameters, created_by=actor,
        result={"funded": funded, "unfunded": unfunded, "optimal": False, "seconds": 0})
    log_action(actor=actor, action=action, obj=decision, after=decision.result, area_path=program.area.path)
    return decision


def _check_grants(program, applications, grants: dict[str, int]) -> None:
    requests = {str(a.pk): a.grant_requested.fen for a in applications}
    for pk, fen in grants.items():
        if pk not in requests:
            raise ValidationError(_("Some of the chosen applications are not in this decision. Reload the page."))
        if isinstance(fen, bool) or not isinstance(fen, int) or not program.min_grant.fen <= fen <= requests[pk]:
            raise ValidationError(_("Each grant must be between the program's smallest grant of %(min)s and the "
                                    "amount requested.") % {"min": yuan(program.min_grant.fen)})


@transaction.atomic
def decision_override(*, actor, decision: Decision, funded_ids: list[int], reason: str) -> Decision:
    """The officer's own funded set (each with its request, or the computed amount it had), with a reason."""
    _require_officer(actor, decision.program)
    if not reason.strip():
        raise ValidationError({"reason": _("Write why you change the computed result; it is published with it.")})
    computed = dict((pk, amount) for pk, amount in decision.result.get("funded", []))
    ranked = [pk for pk, _a in decision.result.get("funded", [])] + [pk for pk, *_r in decision.result.get("unfunded", [])]
    unknown = set(funded_ids) - set(ranked)
    if unknown:
        raise ValidationError(_("Some of the chosen applications are not in this decision. Reload the page."))
    requests = dict(Application.objects.filter(pk__in=funded_ids).values_list("pk", "grant_requested"))
    funded = [[pk, computed.get(pk, int(requests[pk].fen))] for pk in ranked if pk in set(funded_ids)]
    total, budget = sum(amount for _pk, amount in funded), decision.parameters.get("budget", 0)
    if total > budget:
        raise ValidationError(_("These grants add up to %(total)s, more than the budget of %(budget)s.")
                              % {"total": yuan(total), "budget": yuan(budget)})
    override = Decision.objects.create(
        program=decision.program, kind=DecisionKind.OVERRIDE, based_on=decision, parameters=decision.parameters,
        result={"funded": funded, "unfunded": [[pk, "officer", {}] for pk in ranked if pk not in set(funded_ids)],
                "optimal": False, "seconds": 0},
        reason=reason.strip(), created_by=actor,
    )
    log_action(actor=actor, action="funding.decision.overridden", obj=override, reason=reason,
               before=decision.result, after=override.result, area_path=decision.program.area.path)
    return override


@transaction.atomic
def decision_apply(*, actor, decision: Decision) -> Decision:
    """Act on a decision: funded applications move to "decided", the others are declined with their
    reason. The applied decision is recorded; approval after the public notice reads its amounts."""
    _require_officer(actor, decision.program)
    if decision.kind == DecisionKind.APPLIED:
        raise ValidationError(_("This decision has already been applied."))
    program = decision.program
    names = {pd.domain.code: str(pd.domain) for pd in program.program_domains.select_related("domain")}
    applications = Application.objects.in_bulk([pk for pk, _a in decision.result["funded"]]
                                               + [pk for pk, *_r in decision.result["unfunded"]])
    communities = community_names(applications.values())
    moved = 0
    for pk, _amount in decision.result["funded"]:
        moved += _move(actor, applications[pk], Purpose.DECIDE, "")
    for pk, code, params in decision.result["unfunded"]:
        reason = decision.reason if code == "officer" else reason_text(code, params, names, communities)
        moved += _move(actor, applications[pk], Purpose.DECLINE, reason)
    if not moved:
        raise ValidationError(_("None of these applications is waiting for a funding decision any more."))
    applied = Decision.objects.create(
        program=program, kind=DecisionKind.APPLIED, based_on=decision, parameters=decision.parameters,
        result=decision.result, reason=decision.reason, created_by=actor)
    log_action(actor=actor, action="funding.decision.applied", obj=applied, after={"moved": moved},
               area_path=program.area.path)
    return applied


def _move(actor, application, purpose: str, reason: str) -> int:
    """1 when the application could take the step; applications already past it are left alone."""
    if step_for(application, purpose) is None:
        return 0
    application_step(actor=actor, application=application, purpose=purpose, reason=reason)
    return 1
