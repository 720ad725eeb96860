"""Automatic eligibility checks for the latest version, stored as results the officer sees."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from yichuang.applications.documents import program_rules
from yichuang.applications.models import Application, NearDuplicate, ScreeningResult
from yichuang.kernel import applications as doc
from yichuang.kernel import screening as checks
from yichuang.programs.queries import withdrawn_states

FUNDED_STATES = ("approved",)


def screen(application: Application) -> list[ScreeningResult]:
    version = application.versions.order_by("-number").first()
    program = application.program
    totals = doc.budget_totals(version.document)
    organization = application.organization
    rules = {
        **program_rules(program),
        "allow_unregistered": program.allow_unregistered,
        "allowed_org_types": program.allowed_org_types or None,
        "one_application_per_org": program.one_application_per_org,
        "credit_lookback_days": program.credit_lookback_days or {},  # the kernel's defaults fill the rest
    }
    results = checks.run_checks(
        application={
            "domain": version.document.get("domain", ""),
            "grant_fen": totals["grant"].fen,
            "own_fen": totals["own"].fen,
            "matched_fen": totals["matched"].fen,
        },
        organization={
            "registered": organization.is_registered,
            "org_type": organization.org_type,
            "credit_flags": [
                {"kind": f.kind, "listed_on": f.listed_on, "removed_on": f.removed_on}
                for f in organization.credit_flags.all()
            ],
        },
        rules=rules,
        context={
            "other_applications_in_program": _others_in_program(application),
            "double_funding": _double_funding(version),
        },
        today=timezone.localdate(),
    )
    version.checks.all().delete()
    application.failed_checks = sum(1 for r in results if r.outcome == "fail")
    application.save(update_fields=["failed_checks"])
    return ScreeningResult.objects.bulk_create(
        [
            ScreeningResult(version=version, code=r.code, outcome=r.outcome, params=r.params, position=i)
            for i, r in enumerate(results)
        ]
    )


def _others_in_program(application: Application) -> int:
    return (
        Application.objects.filter(program=application.program, organization=application.organization)
        .exclude(pk=application.pk)
        .exclude(state__in=withdrawn_states(application.program))
        .filter(submitted_at__isnull=False)
        .count()
    )


def _double_funding(version) -> list[dict]:
    """Funded applications elsewhere that look like this project: money must not pay twice."""
    matches = NearDuplicate.objects.filter(version=version).filter(
        Q(other__application__state__code__in=FUNDED_STATES)
    ).select_related("other__application__program")
    return [
        {
            "program": m.other.application.program.name,
            "title": m.other.application.title,
            "similarity_bp": m.similarity_bp,
        }
        for m in matches
    ]
