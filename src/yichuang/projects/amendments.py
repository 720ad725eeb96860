"""Amending the tranche plan of a signed agreement (补充协议).

The plan both sides signed is changed only by an amendment: one side proposes new amounts or dates
for the unpaid tranches with a reason, the other side confirms the same text, and an officer other
than the funder's confirmer approves it; only that approval changes the tranches. The unpaid
tranches keep their total (the grant never changes here), and no tranche of the amendment can be
released while it is open.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from yichuang.accounts.models import User
from yichuang.accounts.roles import Role
from yichuang.accounts.scopes import ancestor_paths
from yichuang.core.audit import log_action
from yichuang.kernel.money import Money
from yichuang.notifications.messenger import Message, notify
from yichuang.projects import permissions
from yichuang.projects.models import OPEN_AMENDMENT, AmendmentStatus, PlanAmendment, Project, Tranche, TrancheStatus

AMENDABLE = (TrancheStatus.SCHEDULED, TrancheStatus.HELD)


def amendable_tranches(project: Project) -> list[Tranche]:
    return list(project.tranches.filter(status__in=AMENDABLE).order_by("position"))


def open_amendment(project_id: int) -> PlanAmendment | None:
    return PlanAmendment.objects.filter(project_id=project_id, status__in=OPEN_AMENDMENT).first()


def _row(tranche: Tranche) -> list:
    return [tranche.position, tranche.amount.fen, tranche.due_on.isoformat() if tranche.due_on else None]


def _side(actor, project: Project) -> str:
    """Which side of the agreement the actor speaks for."""
    if permissions.is_officer(actor, project):
        return "funder"
    if permissions.is_grantee(actor, project):
        return "grantee"
    raise PermissionDenied


def _log(actor, amendment: PlanAmendment, action: str, **fields) -> None:
    log_action(actor=actor, action=f"projects.amendment.{action}", obj=amendment,
               area_path=amendment.project.program.area.path,
               after={"status": amendment.status, "plan": amendment.plan}, **fields)


def _check_plan(tranches: list[Tranche], plan: dict[int, tuple[Money, datetime.date | None]]) -> list:
    """The new ``[position, fen, due_on]`` rows; a ValidationError naming the tranche otherwise."""
    if set(plan) != {t.position for t in tranches}:
        raise ValidationError(_("The tranches changed while you were writing; open the project again."))
    rows = []
    for tranche in tranches:
        amount, due_on = plan[tranche.position]
        if amount.fen <= 0:
            raise ValidationError({f"amount_{tranche.position}": _(
                "Tranche %(n)s needs an amount above zero; to drop a tranche, cancel it with a reason.")
                % {"n": tranche.position + 1}})
        if tranche.trigger != "date":
            due_on = tranche.due_on
        elif due_on is None:
            raise ValidationError({f"due_{tranche.position}": _("Tranche %(n)s is released on a date: give the date.")
                                   % {"n": tranche.position + 1}})
        rows.append([tranche.position, amount.fen, due_on.isoformat() if due_on else None])
    before, after = sum(t.amount.fen for t in tranches), sum(row[1] for row in rows)
    if after != before:
        raise ValidationError(_(
            "The unpaid tranches add up to %(after)s in your plan but %(before)s in the agreement; they must stay "
            "%(before)s (an amendment moves money between tranches and changes dates, the grant does not change).")
            % {"after": Money(after).format(), "before": Money(before).format()})
    if rows == [_row(t) for t in tranches]:
        raise ValidationError(_("Nothing is changed: give at least one new amount or date."))
    return rows


@transaction.atomic
def amendment_propose(*, actor, project: Project, plan: dict[int, tuple[Money, datetime.date | None]],
                      reason: str) -> PlanAmendment:
    """``plan`` maps each unpaid tranche's position to its new amount and date."""
    project = Project.objects.select_for_update(of=("self",)).select_related("program__area", "agreement").get(pk=project.pk)
    side = _side(actor, project)
    if not project.agreement.is_signed:
        raise ValidationError(_("The agreement is not signed yet: both sides confirm it first, then amend it."))
    if open_amendment(project.pk) is not None:
        raise ValidationError(_("An amendment of this plan is already open; it is decided first."))
    if project.tranches.filter(status=TrancheStatus.PROPOSED).exists():
        raise ValidationError(_("A tranche is proposed for release: it is approved or returned before the plan is amended."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the plan changes; both sides and the approving officer read it.")})
    tranches = amendable_tranches(project)
    if not tranches:
        raise ValidationError(_("No tranche is left to amend: every tranche is paid or cancelled."))
    rows = _check_plan(tranches, plan)
    now = timezone.now()
    amendment = PlanAmendment.objects.create(
        project=project, number=(project.amendments.aggregate(n=Max("number"))["n"] or 0) + 1,
        before=[_row(t) for t in tranches], plan=rows, reason=reason.strip(), proposed_by=actor,
        **({"funder_confirmed_by": actor, "funder_confirmed_at": now} if side == "funder"
           else {"grantee_confirmed_by": actor, "grantee_confirmed_at": now}))
    _log(actor, amendment, "proposed", reason=amendment.reason)
    _tell(amendment, _grantees(project) if side == "funder" else _officers(project),
          lambda: _("Please confirm an amendment of the tranche plan of %(number)s") % {"number": project.number})
    return amendment


def _locked(amendment: PlanAmendment) -> PlanAmendment:
    return (PlanAmendment.objects.select_for_update(of=("self",))
            .select_related("project__program__area", "project__agreement").get(pk=amendment.pk))


@transaction.atomic
def amendment_confirm(*, actor, amendment: PlanAmendment) -> PlanAmendment:
    """The other side confirms the same text; with both confirmations it waits for approval."""
    amendment = _locked(amendment)
    side = _side(actor, amendment.project)
    if amendment.status != AmendmentStatus.WAITING:
        raise ValidationError(_("This amendment is no longer waiting for a confirmation."))
    if getattr(amendment, f"{side}_confirmed_at") is not None:
        raise ValidationError(_("Your side has already confirmed this amendment; the other side confirms it now."))
    setattr(amendment, f"{side}_confirmed_by", actor)
    setattr(amendment, f"{side}_confirmed_at", timezone.now())
    amendment.status = AmendmentStatus.CONFIRMED
    amendment.save()
    _log(actor, amendment, "confirmed")
    _tell(amendment, _officers(amendment.project).exclude(pk=amendment.funder_confirmed_by_id),
          lambda: _("An amendment of the tranche plan of %(number)s waits for your approval") % {"number": amendment.project.number})
    return amendment


@transaction.atomic
def amendment_approve(*, actor, amendment: PlanAmendment) -> PlanAmendment:
    """A second officer's approval puts the new plan in force, if the tranches are still as amended."""
    amendment = _locked(amendment)
    project = amendment.project
    if not permissions.is_officer(actor, project):
        raise PermissionDenied
    if amendment.status != AmendmentStatus.CONFIRMED:
        raise ValidationError(_("Only an amendment confirmed by both sides can be approved."))
    if actor.pk == amendment.funder_confirmed_by_id:
        raise ValidationError(_("You confirmed this amendment for the funder; another officer approves it."))
    tranches = {t.position: t for t in Tranche.objects.select_for_update(of=("self",)).filter(
        project=project, position__in=[row[0] for row in amendment.plan])}
    if [_row(tranches[row[0]]) if row[0] in tranches and tranches[row[0]].status in AMENDABLE else None
            for row in amendment.before] != amendment.before:
        raise ValidationError(_("The tranches changed after this amendment was proposed; reject it and propose a new one."))
    for position, fen, due_on in amendment.plan:
        tranche = tranches[position]
        tranche.amount, tranche.due_on = Money(fen), datetime.date.fromisoformat(due_on) if due_on else None
        tranche.save(update_fields=["amount", "due_on"])
    amendment.status, amendment.decided_by, amendment.decided_at = AmendmentStatus.APPLIED, actor, timezone.now()
    amendment.save(update_fields=["status", "decided_by", "decided_at"])
    _log(actor, amendment, "applied", before={"plan": amendment.before})
    _tell(amendment, _grantees(project), lambda: _("The amended tranche plan of %(number)s is in force") % {"number": project.number})
    return amendment


@transaction.atomic
def amendment_reject(*, actor, amendment: PlanAmendment, note: str) -> PlanAmendment:
    """Either side, or the approving officer, turns an open amendment down with a reason; nothing changes."""
    amendment = _locked(amendment)
    _side(actor, amendment.project)
    if amendment.status not in OPEN_AMENDMENT:
        raise ValidationError(_("This amendment has already been decided."))
    if not note.strip():
        raise ValidationError({"note": _("Say why the amendment is rejected; the other side reads it.")})
    amendment.status, amendment.decided_by, amendment.decided_at = AmendmentStatus.REJECTED, actor, timezone.now()
    amendment.decision_note = note.strip()[:300]
    amendment.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    _log(actor, amendment, "rejected", reason=amendment.decision_note)
    _tell(amendment, User.objects.filter(pk=amendment.proposed_by_id).exclude(pk=actor.pk),
          lambda: _("The amendment of the tranche plan of %(number)s was rejected") % {"number": amendment.project.number})
    return amendment


def _officers(project: Project):
    return User.objects.filter(grants__role=Role.PROGRAM_OFFICER,
                               grants__area__path__in=ancestor_paths(project.program.area.path)).distinct()


def _grantees(project: Project):
    return User.objects.filter(grants__role=Role.ORG_MEMBER, grants__organization=project.organization_id).distinct()


def _tell(amendment: PlanAmendment, users, subject) -> None:
    """``subject()`` is worded in each recipient's language; the body is the amendment's reason."""
    url = reverse("projects:detail", args=[amendment.project_id]) + "#amendments-h"

    def compose(user):
        return Message("project.amendment", subject(), amendment.reason, url)

    notify(users, compose, kind="project.amendment")
