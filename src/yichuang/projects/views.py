"""Project pages: lists for officers and for organizations, the project page, the agreement PDF."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yichuang.core.forms import run_step
from yichuang.core.pdf import pdf_response, render_pdf
from yichuang.core.uploads import download
from yichuang.kernel.money import Money
from yichuang.programs.models import TrancheTrigger
from yichuang.programs.permissions import can_manage_program
from yichuang.projects import amendments, permissions, queries, services
from yichuang.projects import tranches as money_tranches
from yichuang.projects.forms import AdjustmentForm, AmendmentForm, ExpenditureForm
from yichuang.projects.models import AdjustmentStatus, AmendmentStatus
from yichuang.reviews.permissions import access_readable_program


@login_required
def program_projects(request, program_pk: int):
    program = access_readable_program(request.user, program_pk)
    projects = queries.with_money(permissions.visible_projects(request.user).filter(program=program))
    return render(request, "projects/list.html", {"program": program, "projects": projects, "mine": False,
                                                  "can_manage": can_manage_program(request.user, program)})


@login_required
def my_projects(request):
    if not permissions.organization_ids(request.user, permissions.Role.ORG_MEMBER):
        raise PermissionDenied
    projects = queries.with_money(permissions.own_projects(request.user))
    return render(request, "projects/list.html", {"projects": projects, "mine": True})


def detail_context(request, project, *, expenditure_form=None, adjustment_form=None, amendment_form=None) -> dict:
    lines = project.budget_lines.all()
    ledger = queries.ledger_lines(project)
    officer, grantee = permissions.is_officer(request.user, project), permissions.is_grantee(request.user, project)
    plan = queries.amendments(project)
    return {
        "amendments": plan, "amendment_open": any(a["open"] for a in plan), "amendment_form": _amendment_form(project, plan, officer or grantee, amendment_form),
        "amendment_side": "funder" if officer else "grantee" if grantee else None,
        "project": project, "agreement": project.agreement, "officer": officer, "grantee": grantee,
        "tranches": _with_gates(project.tranches.select_related("proposed_by", "approved_by", "payment")),
        "budget": queries.budget_vs_actual(project),
        "expenditures": list(project.expenditures.select_related("line", "recorded_by")[:50]),
        "adjustments": list(project.adjustments.select_related("source", "target", "requested_by", "decided_by")),
        "expenditure_form": expenditure_form or (ExpenditureForm(lines=lines) if grantee else None),
        "adjustment_form": adjustment_form or (AdjustmentForm(lines=lines) if grantee else None),
        "paid": sum((line["amount"] for line in ledger), Money(0)), "ledger": ledger, "pending": AdjustmentStatus.PENDING, "user_pk": request.user.pk,
    }


def _with_gates(tranches: Iterable) -> list:
    """Each tranche, knowing whether the evaluation it waits for (if any) is recorded as passed."""
    rows = list(tranches)
    for tranche in rows:
        tranche.evaluation_passed = money_tranches.evaluation_passed(tranche)
    return rows


def _amendment_form(project, plan, may_propose: bool, bound):
    """The form to propose an amendment, when one may be proposed now: signed, nothing open, something unpaid."""
    if bound is not None:
        return bound
    if not may_propose or not project.agreement.is_signed or any(a["open"] for a in plan):
        return None
    open_tranches = amendments.amendable_tranches(project)
    return AmendmentForm(tranches=open_tranches) if open_tranches else None


@login_required
def project_detail(request, pk: int):
    project = permissions.access_project(request.user, pk)
    return render(request, "projects/detail.html", detail_context(request, project))


@login_required
def agreement_pdf(request, pk: int):
    project = permissions.access_project(request.user, pk)
    agreement = project.agreement
    terms = agreement.terms
    with translation.override("zh-hans"):  # the agreement is a Chinese legal document
        triggers = dict(TrancheTrigger.choices)
        context = {
            "agreement": agreement, "terms": terms, "grant": Money(terms["grant"]),
            "tranches": [{"n": position + 1, "amount": Money(fen), "capitals": Money(fen).capitals(),
                          "trigger": str(triggers.get(trigger, trigger)), "due_on": due_on}
                         for position, fen, trigger, due_on in terms["tranches"]],
            "budget": [{"category": c, "item": i, "amount": Money(fen)} for c, i, fen in terms["budget"]],
            "amendments": [row for row in reversed(queries.amendments(project)) if row["amendment"].status == AmendmentStatus.APPLIED],
        }
        pdf = render_pdf("projects/agreement_pdf.html", context)
    return pdf_response(f"{agreement.number}.pdf", pdf)


@login_required
@require_POST
def agreement_confirm(request, pk: int):
    project = permissions.access_project(request.user, pk)
    if not request.POST.get("agree"):
        messages.error(request, _("Tick the box to confirm that you have read the agreement."))
        return redirect("projects:detail", pk=project.pk)
    run_step(request, lambda: services.agreement_confirm(actor=request.user, agreement=project.agreement),
             _("Your confirmation of the agreement is recorded."))
    return redirect("projects:detail", pk=project.pk)


@login_required
def voucher(request, pk: int):
    expenditure = permissions.access_expenditure(request.user, pk)
    return download(expenditure.voucher, expenditure.voucher_name or "voucher")



