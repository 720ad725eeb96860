"""The funding decision page of a program."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yichuang.applications.models import Application
from yichuang.core.forms import FAILED, run_step, submit
from yichuang.funding import services
from yichuang.funding.forms import DecisionForm, GrantsForm, QuotaForm
from yichuang.funding.messages import reason_text
from yichuang.funding.models import Decision
from yichuang.funding.queries import community_names
from yichuang.kernel.money import Money
from yichuang.kernel.numbers import parse_whole
from yichuang.programs.models import DecisionMethod
from yichuang.reviews.permissions import access_managed_program


def _domains(program):
    return [pd.domain for pd in program.program_domains.select_related("domain")]


def _rows(decision: Decision, domains) -> dict:
    names = {d.code: str(d) for d in domains}
    ids = [pk for pk, _a in decision.result["funded"]] + [pk for pk, *_r in decision.result["unfunded"]]
    applications = Application.objects.in_bulk(ids)
    communities = community_names(applications.values())
    funded = [{"application": applications[pk], "amount": amount} for pk, amount in decision.result["funded"] if pk in applications]
    unfunded = [{"application": applications[pk], "reason": reason_text(code, params, names, communities)}
                for pk, code, params in decision.result["unfunded"] if pk in applications]
    total = sum(row["amount"] for row in funded)
    return {"funded": funded, "unfunded": unfunded, "total": total, "left": decision.parameters["budget"] - total}


def _initial(program, latest: Decision | None) -> dict:
    """The rules of the last computation, so the officer adjusts rather than retypes them."""
    if latest is None:
        return {"budget": program.total_budget, "organization_cap": 1 if program.one_application_per_org else None}
    rules = latest.parameters
    initial = {"budget": Money(rules["budget"]), "objective": rules.get("objective", "rank"),
               "organization_cap": rules.get("organization_cap")}
    coverage = list((rules.get("community_quotas") or {}).values())
    if coverage:
        initial["cover_communities"] = bool(coverage[0].get("min_count"))
        initial["community_max_count"] = coverage[0].get("max_count")
    return initial


def _ranked(program, latest: Decision | None) -> list:
    """The ranked applications: read from the last decision when there is one (computing the review
    ranking with its calibration on every page view would be wasted; compute does it afresh)."""
    if latest is None:
        return [row["application"] for row in services.ranked_applications(program)]
    ids = [pk for pk, _a in latest.result["funded"]] + [pk for pk, *_r in latest.result["unfunded"]]
    found = Application.objects.in_bulk(ids)
    return sorted((found[pk] for pk in ids if pk in found), key=lambda a: a.number)


@login_required
def decision_page(request, program_pk: int):
    program = access_managed_program(request.user, program_pk)
    domains = _domains(program)
    history = list(Decision.objects.filter(program=program).select_related("created_by")[:20])
    latest = history[0] if history else None
    form = DecisionForm(request.POST or None, domains=domains, initial=_initial(program, latest))
    quota_form = QuotaForm(request.POST or None, domains=domains,
                           initial=QuotaForm.initial_from(latest.parameters) if latest else None)
    ranked = _ranked(program, latest)
    grants = GrantsForm(request.POST or None, applications=ranked, program=program,
                        offers=(latest.parameters.get("grants") if latest else None))
    if request.method == "POST" and all([form.is_valid(), quota_form.is_valid(), grants.is_valid()]):
        data = form.cleaned_data
        decision = submit(form, lambda: services.decision_compute(
            actor=request.user, program=program, budget=data["budget"].fen, objective=data["objective"],
            organization_cap=data["organization_cap"], quotas=quota_form.quotas(),
            community_quotas=form.community_quotas({a.community_id for a in ranked if a.community_id}),
            grants=grants.offers()))
        if decision is not FAILED:
            messages.success(request, _("The allocation is computed."))
            return redirect("funding:decision", program_pk=program.pk)
    context = {"program": program, "form": form, "quota_form": quota_form, "grants": grants, "latest": latest, "history": history,
               "by_vote": program.decided_by == DecisionMethod.VOTE,
               "ranked": ranked if latest is None else None,
               **(_rows(latest, domains) if latest else {})}
    return render(request, "funding/decision.html", context)


@login_required
@require_POST
def decision_override(request, program_pk: int, pk: int):
    program = access_managed_program(request.user, program_pk)
    decision = get_object_or_404(Decision, program=program, pk=pk)
    funded = [pk for pk in map(parse_whole, request.POST.getlist("funded")) if pk is not None]
    run_step(request, lambda: services.decision_override(
        actor=request.user, decision=decision, funded_ids=funded, reason=request.POST.get("reason", "")),
        _("Your change is recorded next to the computed result."))
    return redirect("funding:decision", program_pk=program.pk)


@login_required
@require_POST
def decision_apply(request, program_pk: int, pk: int):
    program = access_managed_program(request.user, program_pk)
    decision = get_object_or_404(Decision, program=program, pk=pk)
    run_step(request, lambda: services.decision_apply(actor=request.user, decision=decision),
             _("Applied: the funded applications await the public notice, the others are declined with their reason."))
    return redirect("funding:decision", program_pk=program.pk)
