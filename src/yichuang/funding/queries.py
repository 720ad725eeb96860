"""Reading funding decisions."""

from __future__ import annotations

from yichuang.funding.models import Decision, DecisionKind


def applied_decision(program) -> Decision | None:
    """The decision the officer applied to the applications (the last one, if applied twice)."""
    return Decision.objects.filter(program=program, kind=DecisionKind.APPLIED).first()


def approved_grant(application) -> int:
    """The grant in fen the applied decision gave this application, else what it requested."""
    decision = applied_decision(application.program)
    if decision is not None:
        for pk, amount in decision.result.get("funded", []):
            if pk == application.pk:
                return amount
    return application.grant_requested.fen


def community_names(applications) -> dict[str, str]:
    """Names of the applications' communities by id (as the allocation's reasons name them)."""
    from yichuang.places.models import Area

    ids = {a.community_id for a in applications if a.community_id}
    return {str(pk): name for pk, name in Area.objects.filter(pk__in=ids).values_list("pk", "name")}
