"""Spending against budget lines, with vouchers, and moving money between lines.

A line may be overspent by at most the program's tolerance (flagged in budget vs actual); a single
voucher above the whole line is refused. Moving money within the tolerance of the source line's
planned amount applies at once; larger moves wait for an officer's approval."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from yichuang.core.audit import log_action
from yichuang.core.uploads import check_upload
from yichuang.kernel.money import Money
from yichuang.projects import permissions
from yichuang.projects.models import AdjustmentStatus, BudgetAdjustment, BudgetLine, Expenditure, ProjectStatus
from yichuang.projects.queries import tolerance

VOUCHER_TYPES = {"application/pdf", "image/jpeg", "image/png"}
VOUCHER_TYPES = ("pdf", "jpg", "jpeg", "png")


def spent(line: BudgetLine) -> int:
    total = Expenditure.objects.filter(line=line).aggregate(t=Sum("amount"))["t"]
    return int(getattr(total, "fen", total or 0))


def _check_voucher(voucher, max_mb: int) -> None:
    if voucher is None:
        raise ValidationError({"voucher": _("Attach the voucher (receipt or invoice) as PDF, JPG or PNG.")})
    check_upload(voucher, allowed=VOUCHER_TYPES, max_mb=max_mb, field="voucher")


@transaction.atomic
def expenditure_record(*, actor, line: BudgetLine, amount: Money, spent_on: datetime.date, description: str,
                       voucher) -> Expenditure:
    line = BudgetLine.objects.select_for_update(of=("self",)).select_related("project__program__area").get(pk=line.pk)
    project = line.project
    if not permissions.is_grantee(actor, project):
        raise PermissionDenied
    if project.status != ProjectStatus.ACTIVE:
        raise ValidationError(_("Spending can only be recorded while the project is under way."))
    if amount.fen <= 0:
        raise ValidationError({"amount": _("Enter an amount above zero.")})
    if spent_on > timezone.localdate():
        raise ValidationError({"spent_on": _("The date cannot be in the future.")})
    if not description.strip():
        raise ValidationError({"description": _("Say what was bought or paid.")})
    _check_voucher(voucher, project.program.attachment_max_mb)
    if amount.fen > line.budget.fen:
        raise ValidationError({"amount": _("This voucher (%(amount)s) is more than the whole budget of the line "
                                           "“%(line)s” (%(budget)s).")
                               % {"amount": amount.format(), "line": line.item, "budget": line.budget.format()}})
    after = spent(line) + amount.fen
    if after > line.budget.fen + tolerance(line):
        raise ValidationError({"amount": _("With this voucher the line “%(line)s” would be %(over)s over its budget, "
                                           "beyond the tolerance. Ask for a budget adjustment first.")
                               % {"line": line.item, "over": Money(after - line.budget.fen).format()}})
    expenditure = Expenditure.objects.create(
        project=project, line=line, amount=amount, spent_on=spent_on, description=description.strip()[:300],
        voucher=voucher, voucher_name=voucher.name[:200], recorded_by=actor)
    log_action(actor=actor, action="projects.expenditure.recorded", obj=expenditure,
               after={"line": line.pk, "amount": amount.fen, "voucher": expenditure.voucher_name},
               area_path=project.program.area.path)
    return expenditure


@transaction.atomic
def adjustment_request(*, actor, project, source: BudgetLine, target: BudgetLine, amount: Money,
                       reason: str) -> BudgetAdjustment:
    if not permissions.is_grantee(actor, project):
        raise PermissionDenied
    if project.status != ProjectStatus.ACTIVE:
        raise ValidationError(_("The budget can only be adjusted while the project is under way."))
    lines = {line.pk: line for line in BudgetLine.objects.select_for_update(of=("self",)).filter(project=project)}
    if source.pk not in lines or target.pk not in lines or source.pk == target.pk:
        raise ValidationError(_("Choose two different lines of this project's budget."))
    source, target = lines[source.pk], lines[target.pk]
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the money is needed on the other line.")})
    free = source.budget.fen - spent(source)
    if not 0 < amount.fen <= free:
        raise ValidationError({"amount": _("Enter an amount above zero and at most the %(free)s not yet spent on "
                                           "“%(line)s”.") % {"free": Money(free).format(), "line": source.item}})
    within = amount.fen <= tolerance(source)
    adjustment = BudgetAdjustment.objects.create(
        project=project, source=source, target=target, amount=amount, reason=reason.strip(), requested_by=actor,
        status=AdjustmentStatus.APPLIED if within else AdjustmentStatus.PENDING)
    if within:
        _move(source, target, amount.fen)
    log_action(actor=actor, action="projects.adjustment.requested", obj=adjustment,
               after={"amount": amount.fen, "status": adjustment.status}, area_path=project.program.area.path)
    return adjustment


def _move(source: BudgetLine, target: BudgetLine, fen: int) -> None:
    source.budget, target.budget = Money(source.budget.fen - fen), Money(target.budget.fen + fen)
    source.save(update_fields=["budget"])
    target.save(update_fields=["budget"])


@transaction.atomic
def adjustment_decide(*, actor, adjustment: BudgetAdjustment, approve: bool, note: str = "") -> BudgetAdjustment:
    adjustment = BudgetAdjustment.objects.select_for_update(of=("self",)).select_related(
        "project__program__area").get(pk=adjustment.pk)
    if not permissions.is_officer(actor, adjustment.project):
        raise PermissionDenied
    if adjustment.requested_by_id == actor.pk:
        raise ValidationError(_("You asked for this adjustment; another person must decide on it."))
    if adjustment.status != AdjustmentStatus.PENDING:
        raise ValidationError(_("This adjustment has already been decided."))
    if not approve and not note.strip():
        raise ValidationError({"note": _("Say why the adjustment is rejected; the organization sees it.")})
    if approve:
        source, target = (BudgetLine.objects.select_for_update(of=("self",)).get(pk=pk)
                          for pk in (adjustment.source_id, adjustment.target_id))
        if adjustment.amount.fen > source.budget.fen - spent(source):
            raise ValidationError(_("The line “%(line)s” no longer has that much unspent.") % {"line": source.item})
        _move(source, target, adjustment.amount.fen)
    adjustment.status = AdjustmentStatus.APPROVED if approve else AdjustmentStatus.REJECTED
    adjustment.decided_by, adjustment.decided_at, adjustment.decision_note = actor, timezone.now(), note.strip()[:300]
    adjustment.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    log_action(actor=actor, action="projects.adjustment.decided", obj=adjustment, reason=note,
               after={"status": adjustment.status}, area_path=adjustment.project.program.area.path)
    return adjustment
