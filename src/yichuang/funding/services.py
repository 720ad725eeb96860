"""Funding decisions: compute the allocation from the review ranking, or change it with a reason."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from yichuang.applications.models import Application
from yichuang.core.audit import log_action
from yichuang.funding.messages import infeasible_text, yuan
from yichuang.funding.models import Decision, DecisionKind
from yichuang.kernel import allocation
from yichuang.programs import permissions as program_permissions
from yichuang.reviews.models import ReviewRound
from yichuang.reviews.results import round_results


def _require_officer(actor, program) -> None:
    if not program_permissions.can_manage_program(actor, program):
        raise PermissionDenied


def ranked_applications(program) -> list[dict]:
    """The review ranking: rank, final score and the application, best first."""
    round = ReviewRound.objects.filter(program=program).first()
    if round is None:
        return []
    rows = round_results(round)["rows"]
    return [row for row in rows if row.get("rank") is not None]


@transaction.atomic
def decision_compute(*, actor, program, budget: int, objective: str = "rank", organization_cap: int | None = None,
                     quotas: dict | None = None) -> Decision:
    _require_officer(actor, program)
    ranked = ranked_applications(program)
    if not ranked:
        raise ValidationError(_("No application has a review score yet: finish the expert review first."))
    parameters = {"budget": budget, "objective": objective, "organization_cap": organization_cap,
                  "domain_quotas": quotas or {}}
    data = {**parameters, "applications": [
        {"id": str(row["application"].pk), "score": row["final"], "request": int(row["application"].grant_requested.fen),
         "domain": row["application"].domain.code if row["application"].domain_id else "",
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
