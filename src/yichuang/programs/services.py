"""Every write to programs and their templates: one transaction, permission checked, audited."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yichuang.core.audit import log_action, snapshot
from yichuang.core.errors import StaleEditError
from yichuang.kernel import workflow as wf
from yichuang.programs import defaults, permissions
from yichuang.programs.models import (
    EDITABLE_WHILE_RUNNING,
    PROGRAM_SETTINGS,
    REQUIRED_PURPOSES,
    Program,
    ProgramDomain,
    ProgramStage,
    ProgramStatus,
    Template,
    TemplateKind,
    TemplateVersion,
    TrancheRule,
    WorkflowState,
    WorkflowTransition,
)
from yichuang.programs.validation import check_program, check_rubric, check_tranche_plan

PROGRAM_AUDITED = [*PROGRAM_SETTINGS, "form_version", "rubric_version", "workflow_version", "status"]


def _audit_program(actor, action: str, program: Program, before=None, reason: str = "") -> None:
    log_action(
        actor=actor, action=action, obj=program, before=before, after=snapshot(program, PROGRAM_AUDITED),
        reason=reason, area_path=program.area.path,
    )


# --- shipped defaults ---------------------------------------------------------------------------


@transaction.atomic
def defaults_install() -> dict[str, TemplateVersion]:
    """Create the platform's default form, rubric and workflow once; later calls return them."""
    installed = {}
    for kind, name, content in (
        (TemplateKind.FORM, "标准申报表", defaults.DEFAULT_FORM),
        (TemplateKind.RUBRIC, "标准评分表", defaults.DEFAULT_RUBRIC),
        (TemplateKind.WORKFLOW, "标准流程", {}),
    ):
        template, created = Template.objects.get_or_create(kind=kind, is_default=True, area=None, defaults={"name": name})
        version = template.versions.order_by("-number").first()
        if version is None:
            version = TemplateVersion.objects.create(template=template, number=1, content=content)
            if kind == TemplateKind.WORKFLOW:
                _install_workflow_rows(version, defaults.DEFAULT_STATES, defaults.DEFAULT_TRANSITIONS)
        installed[kind] = version
    return installed


def _install_workflow_rows(version: TemplateVersion, states, transitions, purposes=defaults.DEFAULT_PURPOSES) -> None:
    by_code = {}
    for position, (code, s_zh, s_en, a_zh, a_en, initial, terminal, editable) in enumerate(states):
        by_code[code] = WorkflowState.objects.create(
            version=version, code=code, staff_label_zh=s_zh, staff_label_en=s_en, applicant_label_zh=a_zh,
            applicant_label_en=a_en, initial=initial, terminal=terminal, applicant_editable=editable, position=position,
        )
    for position, (code, source, target, outcome, roles, guards, effects, reason, l_zh, l_en) in enumerate(transitions):
        WorkflowTransition.objects.create(
            version=version, code=code, source=by_code[source], target=by_code[target], outcome=outcome,
            roles=list(roles), guards=list(guards), effects=list(effects), needs_reason=reason,
            label_zh=l_zh, label_en=l_en, position=position, purpose=purposes.get(code, ""),
        )


def workflow_definition(version: TemplateVersion) -> wf.WorkflowDef:
    """The kernel's view of a stored workflow version."""
    states = {
        s.code: wf.StateDef(s.code, s.initial, s.terminal, s.applicant_editable) for s in version.states.all()
    }
    transitions = [
        wf.TransitionDef(
            t.code, t.source.code, t.target.code, t.outcome, frozenset(t.roles), tuple(t.guards), tuple(t.effects),
            t.needs_reason,
        )
        for t in version.transitions.select_related("source", "target")
    ]
    return wf.WorkflowDef(states, transitions)


# --- programs -----------------------------------------------------------------------------------


@transaction.atomic
def program_create(
    *, actor, data: dict[str, Any], domains: list, stages: list[dict] | None = None, tranches: list[dict] | None = None
) -> Program:
    if not permissions.can_run_in(actor, data["area"]):
        raise PermissionDenied
    shipped = defaults_install()
    program = Program(
        created_by=actor,
        form_version=data.pop("form_version", None) or shipped[TemplateKind.FORM],
        rubric_version=data.pop("rubric_version", None) or shipped[TemplateKind.RUBRIC],
        workflow_version=data.pop("workflow_version", None) or shipped[TemplateKind.WORKFLOW],
        **data,
    )
    check_program(program, domains=domains)
    program.full_clean()
    program.save()
    _set_domains(program, domains)
    _set_plan(program, stages or [], tranches or [])
    _audit_program(actor, "programs.program.created", program)
    return program


def _set_domains(program: Program, domains: list) -> None:
    ProgramDomain.objects.filter(program=program).delete()
    ProgramDomain.objects.bulk_create(
        [ProgramDomain(program=program, domain=domain, position=i) for i, domain in enumerate(domains)]
    )


def _set_plan(program: Program, stages: list[dict], tranches: list[dict]) -> None:
    check_tranche_plan(tranches, required=False)
    program.stages.all().delete()
    for stage in stages:
        row = ProgramStage(program=program, **stage)
        row.full_clean(exclude=["program"])
        row.save()
    program.tranche_rules.all().delete()
    for position, tranche in enumerate(tranches):
        row = TrancheRule(program=program, position=position, **tranche)
        row.full_clean(exclude=["program"])
        row.save()


@transaction.atomic
def program_update(
    *, actor, program: Program, data: dict[str, Any], expected_version: int, domains: list | None = None,
    stages: list[dict] | None = None, tranches: list[dict] | None = None, reason: str = "",
) -> Program:
    if not permissions.can_manage_program(actor, program):
        raise PermissionDenied
    if program.status != ProgramStatus.SETUP:
        frozen = set(data) - EDITABLE_WHILE_RUNNING
        changed = {name for name in frozen if getattr(program, name) != data[name]}
        if changed or domains is not None or stages is not None or tranches is not None:
            raise ValidationError(
                _("This program is running: its rules are fixed. Only the description, the deadline and the at-risk margin can change.")
            )
    before = snapshot(program, PROGRAM_AUDITED)
    if not Program.objects.filter(pk=program.pk, version=expected_version).update(version=expected_version + 1):
        raise StaleEditError()
    program.version = expected_version + 1
    for name, value in data.items():
        setattr(program, name, value)
    check_program(program, domains=domains if domains is not None else list(program.domains.all()))
    program.full_clean()
    program.save()
    if domains is not None:
        _set_domains(program, domains)
    if stages is not None or tranches is not None:
        _set_plan(program, stages or [], tranches or [])
    _audit_program(actor, "programs.program.updated", program, before=before, reason=reason)
    return program


@transaction.atomic
def program_start(*, actor, program: Program) -> Program:
    """Open the program: its form, rubric and workflow versions freeze so later edits cannot reach it."""
    if not permissions.can_manage_program(actor, program):
        raise PermissionDenied
    program = Program.objects.select_for_update(of=("self",)).get(pk=program.pk)
    if program.status != ProgramStatus.SETUP:
        raise ValidationError(_("This program has already started."))
    check_rubric(program.rubric_version.content)
    check_tranche_plan(
        [{"percent_bp": rule.percent_bp, "amount": rule.amount} for rule in program.tranche_rules.all()], required=True
    )
    present = set(program.workflow_version.transitions.values_list("purpose", flat=True))
    missing = [str(purpose.label) for purpose in REQUIRED_PURPOSES if purpose not in present]
    if missing:
        raise ValidationError(_("The workflow has no step to: %(missing)s. Add them before starting the program.")
                              % {"missing": _(", ").join(missing)}, code="purpose_missing")
    issues = wf.problems(
        workflow_definition(program.workflow_version),
        known_guards=defaults.KNOWN_GUARDS, known_effects=defaults.KNOWN_EFFECTS,
    )
    if issues:
        raise ValidationError(_("The workflow is not sound: %(issues)s")
                              % {"issues": _("; ").join(_workflow_problem(program, issue) for issue in issues)})
    before = snapshot(program, PROGRAM_AUDITED)
    now = timezone.now()
    TemplateVersion.objects.filter(
        pk__in=[program.form_version_id, program.rubric_version_id, program.workflow_version_id], frozen_at=None
    ).update(frozen_at=now)
    program.status = ProgramStatus.RUNNING
    program.save(update_fields=["status"])
    _audit_program(actor, "programs.program.started", program, before=before)
    return program


def _workflow_problem(program: Program, issue: str) -> str:
    """A kernel workflow problem ("unreachable:approved") in words, naming states and steps by label."""
    kind, *parts = issue.split(":")
    states = {s.code: s.staff_label for s in program.workflow_version.states.all()}
    steps = {t.code: t.label for t in program.workflow_version.transitions.all()}
    name = parts[0] if parts else ""
    if kind == "unreachable":
        return _("no step leads to the state “%(state)s”") % {"state": states.get(name, name)}
    if kind == "initial_states":
        return _("it needs exactly one starting state")
    if kind == "no_roles":
        return _("nobody may take the step “%(step)s”") % {"step": steps.get(name, name)}
    if kind == "leaves_terminal":
        return _("the step “%(step)s” leaves a final state") % {"step": steps.get(name, name)}
    return _("the step “%(step)s” is not set up correctly") % {"step": steps.get(name, name)}


# --- templates ----------------------------------------------------------------------------------


@transaction.atomic
def template_version_revise(*, actor, program: Program, kind: str, content: dict) -> TemplateVersion:
    """Change a program's form or rubric. A frozen version is never edited: a new one is made."""
    if not permissions.can_manage_program(actor, program):
        raise PermissionDenied
    if program.status != ProgramStatus.SETUP:
        raise ValidationError(_("This program is running: its templates are frozen."))
    if kind == TemplateKind.RUBRIC:
        check_rubric(content)
    field = {TemplateKind.FORM: "form_version", TemplateKind.RUBRIC: "rubric_version"}[kind]
    current: TemplateVersion = getattr(program, field)
    before = {"version": current.pk, "content": current.content}
    if current.is_frozen or current.template.is_default:
        template = current.template
        if template.is_default:  # never change the shipped template: the program gets its own copy
            template = Template.objects.create(kind=kind, name=f"{program.name} · {template.name}", area=program.area)
        number = (template.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
        current = TemplateVersion.objects.create(template=template, number=number, content=content)
        setattr(program, field, current)
        program.save(update_fields=[field])
    else:
        current.content = content
        current.save(update_fields=["content"])
    log_action(
        actor=actor, action=f"programs.{kind}.revised", obj=program, before=before,
        after={"version": current.pk, "content": content}, area_path=program.area.path,
    )
    return current


@transaction.atomic
def workflow_copy(*, actor, program: Program) -> TemplateVersion:
    """Give the program its own editable copy of its workflow."""
    if not permissions.can_manage_program(actor, program):
        raise PermissionDenied
    if program.status != ProgramStatus.SETUP:
        raise ValidationError(_("This program is running: its workflow is frozen."))
    source = program.workflow_version
    template = Template.objects.create(kind=TemplateKind.WORKFLOW, name=f"{program.name} · 流程", area=program.area)
    copy = TemplateVersion.objects.create(template=template, number=1, content=source.content)
    states = [
        (s.code, s.staff_label_zh, s.staff_label_en, s.applicant_label_zh, s.applicant_label_en, s.initial, s.terminal,
         s.applicant_editable)
        for s in source.states.all()
    ]
    transitions = [
        (t.code, t.source.code, t.target.code, t.outcome, t.roles, t.guards, t.effects, t.needs_reason, t.label_zh,
         t.label_en)
        for t in source.transitions.select_related("source", "target")
    ]
    purposes = {t.code: t.purpose for t in source.transitions.all()}
    _install_workflow_rows(copy, states, transitions, purposes)
    program.workflow_version = copy
    program.save(update_fields=["workflow_version"])
    log_action(
        actor=actor, action="programs.workflow.copied", obj=program, before={"version": source.pk},
        after={"version": copy.pk}, area_path=program.area.path,
    )
    return copy


@transaction.atomic
def workflow_transition_update(
    *, actor, program: Program, transition: WorkflowTransition, roles: list[str], needs_reason: bool,
    label_zh: str, label_en: str, enabled: bool = True,
) -> None:
    if not permissions.can_manage_program(actor, program):
        raise PermissionDenied
    version = program.workflow_version
    if transition.version_id != version.pk or version.is_frozen or version.template.is_default:
        raise ValidationError(_("Only the program's own, unfrozen workflow can be changed. Make a copy first."))
    before = {"roles": transition.roles, "needs_reason": transition.needs_reason, "label_zh": transition.label_zh}
    if not enabled:
        transition.delete()
        after = None
    else:
        if not roles:
            raise ValidationError(_("Choose at least one role that may take this step."))
        transition.roles, transition.needs_reason = roles, needs_reason
        transition.label_zh, transition.label_en = label_zh, label_en
        transition.full_clean()
        transition.save()
        after = {"roles": roles, "needs_reason": needs_reason, "label_zh": label_zh}
    log_action(
        actor=actor, action="programs.workflow.transition_changed", obj=program, before=before, after=after,
        reason=transition.code, area_path=program.area.path,
    )
