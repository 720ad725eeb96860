"""The final report page: the organization writes and submits it, the officer accepts it (closing the
project) or sends it back."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yichuang.core.forms import FAILED, run_step, submit
from yichuang.delivery import closing, queries
from yichuang.delivery.forms import FinalReportForm
from yichuang.delivery.models import FinalReport, ReportStatus
from yichuang.kernel.money import Money
from yichuang.projects.permissions import access_project, is_grantee, is_officer


@login_required
def final_report(request, pk: int):
    project = access_project(request.user, pk)
    report = FinalReport.objects.filter(project=project).select_related("submitted_by", "decided_by").first()
    grantee = is_grantee(request.user, project)
    if report is not None and report.status == ReportStatus.DRAFT and not grantee:
        report = None  # a draft is the organization's own until it is submitted
    editable = grantee and (report is None or report.status in closing.EDITABLE) and project.status != "closed"
    initial = ({"narrative": report.narrative, "lessons": report.lessons, "leftover_handling": report.leftover_handling,
                "leftover_note": report.leftover_note} if report else {"leftover_handling": "none"})
    form = FinalReportForm(request.POST or None, initial=initial) if editable else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        sending = request.POST.get("action") == "submit"
        if form.is_valid() and submit(form, lambda: closing.final_report_save(
                actor=request.user, project=project, submit=sending, **form.cleaned_data)) is not FAILED:
            messages.success(request, _("The final report is sent to the officer.") if sending
                             else _("The draft is saved."))
            return redirect("delivery:final-report", pk=project.pk)
    amounts = closing.money(project)
    return render(request, "delivery/final_report.html", {
        "project": project, "report": report, "form": form, "grantee": grantee,
        "officer": is_officer(request.user, project) and report is not None and report.status == ReportStatus.SUBMITTED,
        "indicators": queries.indicators(project), "tally": queries.project_totals(project),
        "paid": Money(amounts["paid"]), "spent": Money(amounts["spent"]), "leftover": Money(amounts["leftover"]),
        "frozen_budget": [(item, Money(budget), Money(spent)) for item, budget, spent in (report.figures.get("budget", [])
                                                                                       if report else [])],
    })


@login_required
@require_POST
def final_report_decide(request, pk: int):
    project = access_project(request.user, pk)
    report = FinalReport.objects.filter(project=project).first()
    if report is None or not is_officer(request.user, project):
        raise PermissionDenied
    accept = request.POST.get("decision") == "accept"
    run_step(request, lambda: closing.final_report_decide(actor=request.user, report=report, accept=accept,
                                                          note=request.POST.get("note", "")),
             _("The final report is accepted and the project is closed.") if accept
             else _("The final report is sent back to the organization."))
    return redirect("delivery:final-report", pk=project.pk)
