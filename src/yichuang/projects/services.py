"""Approval (立项) and the agreement: a funded application becomes a project with its budget lines,
tranche plan, ledger account and agreement, and both sides confirm the agreement."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yichuang.core.audit import log_action
from yichuang.funding.queries import approved_grant
from yichuang.kernel import tranches as tranche_kernel
from yichuang.kernel.applications import grant_lines
from yichuang.kernel.money import Money
from yichuang.ledger import accounts
from yichuang.programs.permissions import can_manage_program
from yichuang.projects import permissions
from yichuang.projects.models import Agreement, BudgetLine, Project, Tranche


@transaction.atomic
def project_create(*, actor, application) -> Project:
    """Called by the workflow when an application is approved; the grant is the applied decision's."""
    program = application.program
    if not can_manage_program(actor, program):
        raise PermissionDenied
    if Project.objects.filter(application=application).exists():
        raise ValidationError(_("This application is already a project."))
    grant = approved_grant(application)
    project = Project.objects.create(
        application=application, program=program, organization=application.organization, number=application.number,
        title=application.title, grant=Money(grant), created_by=actor,
    )
    _create_budget_lines(project, grant)
    rules = list(program.tranche_rules.all())
    amounts = tranche_kernel.plan(grant, [(r.percent_bp, r.amount.fen if r.amount is not None else None) for r in rules])
    Tranche.objects.bulk_create([
        Tranche(project=project, position=index, amount=Money(fen), trigger=rule.trigger if rule else "signing",
                due_on=rule.due_on if rule else None)
        for index, (rule, fen) in enumerate(zip(rules or [None], amounts))
    ])
    accounts.grant_account_open(actor=actor, project=project)
    Agreement.objects.create(project=project, number=f"XY-{project.number}", terms=agreement_terms(project))
    log_action(actor=actor, action="projects.project.created", obj=project,
               after={"grant": grant, "tranches": amounts}, area_path=program.area.path)
    return project


def _create_budget_lines(project: Project, grant: int) -> None:
    """The grant column of the submitted budget; a grant cut below the request scales every line down."""
    document = project.application.latest_version.document if project.application.latest_version_id else {}
    rows = grant_lines(document) or [("other", _("Grant"), grant)]
    requested = sum(fen for _c, _i, fen in rows)
    amounts = [fen for _c, _i, fen in rows] if requested == grant else [
        m.fen for m in Money(grant).allocate([fen for _c, _i, fen in rows])]
    BudgetLine.objects.bulk_create([
        BudgetLine(project=project, position=index, category=category[:40], item=item[:200], planned=Money(fen),
                   budget=Money(fen))
        for index, ((category, item, _requested), fen) in enumerate(zip(rows, amounts))
    ])


def agreement_terms(project: Project) -> dict:
    """What the agreement says, frozen when it is generated (names and amounts may change later)."""
    program, organization = project.program, project.organization
    document = project.application.latest_version.document if project.application.latest_version_id else {}
    return {
        "program": program.name,
        "funder": program.organizer.name,
        "grantee": organization.name,
        "grantee_code": organization.uscc or "",
        "project": project.title,
        "number": project.number,
        "grant": project.grant.fen,
        "tranches": [[t.position, t.amount.fen, t.trigger, t.due_on.isoformat() if t.due_on else None]
                     for t in project.tranches.all()],
        "indicators": [[row.get("kind", ""), row.get("name", ""), row.get("target", ""), row.get("unit", "")]
                       for row in document.get("indicators") or [] if isinstance(row, dict)],
        "budget": [[line.category, line.item, line.planned.fen] for line in project.budget_lines.all()],
    }


@transaction.atomic
def agreement_confirm(*, actor, agreement: Agreement) -> Agreement:
    """The funder's officer or the grantee's member confirms; each side once, each for their own side."""
    agreement = Agreement.objects.select_for_update(of=("self",)).select_related("project__program__area").get(pk=agreement.pk)
    project = agreement.project
    now = timezone.now()
    if permissions.is_officer(actor, project) and not agreement.funder_confirmed_at:
        agreement.funder_confirmed_by, agreement.funder_confirmed_at, side = actor, now, "funder"
    elif permissions.is_grantee(actor, project) and not agreement.grantee_confirmed_at:
        agreement.grantee_confirmed_by, agreement.grantee_confirmed_at, side = actor, now, "grantee"
    elif permissions.is_officer(actor, project) or permissions.is_grantee(actor, project):
        raise ValidationError(_("Your side has already confirmed this agreement."))
    else:
        raise PermissionDenied
    agreement.save(update_fields=[f"{side}_confirmed_by", f"{side}_confirmed_at"])
    log_action(actor=actor, action="projects.agreement.confirmed", obj=agreement, after={"side": side},
               area_path=project.program.area.path)
    return agreement
