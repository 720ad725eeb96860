"""Closing (结项): the organization writes its final report (achievements, final indicators as the
records add them up, spending against the budget, what happens to money left over) and submits it;
an officer accepts it, which returns left-over money through the ledger when the report says so and
closes the project, or sends it back with a note."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yichuang.core.audit import log_action
from yichuang.delivery import queries
from yichuang.delivery.models import FinalReport, LeftoverHandling, ReportStatus
from yichuang.kernel.money import Money
from yichuang.projects import closing, tranches
from yichuang.projects.models import Project, ProjectStatus, TrancheStatus
from yichuang.projects.permissions import is_grantee, is_officer
from yichuang.projects.queries import budget_vs_actual, with_money

EDITABLE = (ReportStatus.DRAFT, ReportStatus.RETURNED)


def money(project: Project) -> dict:
    counted = with_money(Project.objects.filter(pk=project.pk))[0]
    paid, spent = counted.paid.fen, counted.spent.fen
    return {"paid": paid, "spent": spent, "leftover": max(paid - spent, 0)}


def _figures(project: Project) -> dict:
    """What the report says in numbers, frozen when it is submitted."""
    return {
        "indicators": [[row.kind, row.name, row.unit, row.target, row.achieved] for row in queries.indicators(project)],
        "budget": [[row["line"].item, row["line"].budget.fen, row["spent"]] for row in budget_vs_actual(project)],
        **money(project),
    }


@transaction.atomic
def final_report_save(*, actor, project: Project, narrative: str, lessons: str, leftover_handling: str,
                      leftover_note: str, submit: bool) -> FinalReport:
    project = Project.objects.select_for_update(of=("self",)).select_related("program__area").get(pk=project.pk)
    if not is_grantee(actor, project):
        raise PermissionDenied
    if project.status == ProjectStatus.CLOSED:
        raise ValidationError(_("This project is closed: its delivery records can no longer change."))
    report = FinalReport.objects.filter(project=project).first() or FinalReport(project=project)
    if report.status not in EDITABLE:
        raise ValidationError(_("The final report is with the officer: it can change only if it is sent back."))
    if leftover_handling not in LeftoverHandling.values:
        raise ValidationError({"leftover_handling": _("Say what happens to the money left over.")})
    report.narrative, report.lessons = narrative.strip(), lessons.strip()
    report.leftover_handling, report.leftover_note = leftover_handling, leftover_note.strip()
    if submit:
        _check_submission(report, money(project))
        report.figures, report.status = _figures(project), ReportStatus.SUBMITTED
        report.submitted_by, report.submitted_at = actor, timezone.now()
    report.version += 1 if report.pk else 0
    report.save()
    log_action(actor=actor, action="delivery.final_report.submitted" if submit else "delivery.final_report.saved",
               obj=report, after={"status": report.status, "leftover_handling": leftover_handling},
               area_path=project.program.area.path)
    return report


def _check_submission(report: FinalReport, amounts: dict) -> None:
    errors = {}
    if not report.narrative:
        errors["narrative"] = _("Describe what the project achieved.")
    if amounts["leftover"] and report.leftover_handling == LeftoverHandling.NONE:
        errors["leftover_handling"] = _("%(left)s of the money paid is not spent: say how it is handled.") % {
            "left": Money(amounts["leftover"]).format()}
    if report.leftover_handling == LeftoverHandling.KEEP and not report.leftover_note:
        errors["leftover_note"] = _("Say what the money left over will be used for.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def final_report_decide(*, actor, report: FinalReport, accept: bool, note: str = "") -> FinalReport:
    report = FinalReport.objects.select_for_update(of=("self",)).select_related("project__program__area").get(pk=report.pk)
    project = report.project
    if not is_officer(actor, project):
        raise PermissionDenied
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted final report can be accepted or sent back."))
    if not accept and not note.strip():
        raise ValidationError({"note": _("Say what must change in the report.")})
    if accept:
        # project_close refuses unsettled tranches; it runs last, in this transaction, so a refusal
        # also undoes the claw-back of the money left over.
        _return_leftover(actor, report)
    report.status = ReportStatus.ACCEPTED if accept else ReportStatus.RETURNED
    report.decided_by, report.decided_at, report.decision_note = actor, timezone.now(), note.strip()
    report.save()
    log_action(actor=actor, action="delivery.final_report.decided", obj=report, after={"status": report.status},
               reason=report.decision_note, area_path=project.program.area.path)
    if accept:
        closing.project_close(actor=actor, project=project, reason=_("Final report accepted"))
    return report


def _return_leftover(actor, report: FinalReport) -> None:
    """Money the report returns goes back through the ledger, as a claw-back of the last paid tranche(s)."""
    if report.leftover_handling != LeftoverHandling.RETURN:
        return
    left = money(report.project)["leftover"]
    for tranche in report.project.tranches.filter(status=TrancheStatus.PAID).order_by("-position"):
        if left <= 0:
            break
        take = min(left, tranche.amount.fen - tranches.clawed_back(tranche))
        if take > 0:
            tranches.tranche_claw_back(actor=actor, tranche=tranche, amount=Money(take),
                                       reason=_("Money left over, returned with the final report"))
            left -= take
