"""The application document against its program's rules (the kernel does the checking)."""

from __future__ import annotations

from yichuang.applications.models import Application
from yichuang.kernel import applications as doc
from yichuang.kernel.chinese import pinyin_search_text, search_key
from yichuang.places.models import ServiceDomain


def program_rules(program) -> dict:
    return {
        "domains": list(program.program_domains.values_list("domain__code", flat=True)),
        "min_grant_fen": program.min_grant.fen if program.min_grant is not None else None,
        "max_grant_fen": program.max_grant.fen if program.max_grant is not None else None,
        "max_grant_ratio_bp": program.max_grant_ratio_bp,
        "max_grant_cap_fen": program.max_grant_cap.fen if program.max_grant_cap is not None else None,
    }


def submission_problems(application: Application) -> list:
    problems = doc.validate_for_submission(application.draft, program_rules(application.program))
    if not application.community_id:
        problems.append(doc.Problem("community", "required", {}))
    return problems


def denormalise(application: Application, document: dict) -> None:
    """Copy what lists and filters need out of the document (the caller saves)."""
    application.title = (document.get("title") or "")[:200]
    code = document.get("domain") or ""
    application.domain = ServiceDomain.objects.filter(code=code).first() if code else None
    totals = doc.budget_totals(document)
    application.grant_requested = totals["grant"]
    application.total_budget = totals["total"]
    text = f"{search_key(application.title)} {pinyin_search_text(application.title)} {application.number.lower()}"
    application.search_text = text[:700]
