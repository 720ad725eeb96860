from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests import factories
from yichuang.accounts.roles import Role
from yichuang.core.models import AuditEvent
from yichuang.kernel.money import Money
from yichuang.programs import defaults
from yichuang.programs.models import Program, ProgramStatus, TemplateKind, TemplateVersion
from yichuang.programs.services import (
    defaults_install,
    program_start,
    template_version_revise,
    workflow_copy,
    workflow_transition_update,
)
from yichuang.programs.validation import check_rubric

pytestmark = pytest.mark.django_db

NOW = timezone.now()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"min_grant": Money.from_yuan(40_000)}, "max_grant"),
        ({"applications_open_at": NOW, "applications_close_at": NOW - datetime.timedelta(days=1)}, "applications_close_at"),
        ({"domains": []}, "domains"),
    ],
    ids=["min-above-max-grant", "deadline-before-opening", "no-domains"],
)
def test_program_create_with_broken_rule_is_refused_keyed_by_field_and_nothing_saved(overrides, field):
    before = Program.objects.count()

    with pytest.raises(ValidationError) as error:
        factories.program(start=False, **overrides)

    assert list(error.value.message_dict) == [field]
    assert Program.objects.count() == before
    assert not AuditEvent.objects.filter(action="programs.program.created").exists()


def test_program_start_freezes_form_rubric_and_workflow_versions():
    program = factories.program(start=False)
    versions = [program.form_version_id, program.rubric_version_id, program.workflow_version_id]

    started = program_start(actor=factories.operator(), program=program)

    assert started.status == ProgramStatus.RUNNING
    assert all(v.frozen_at is not None for v in TemplateVersion.objects.filter(pk__in=versions))
    assert TemplateVersion.objects.filter(pk__in=versions).count() == 3


def test_template_version_revise_of_running_program_is_refused_and_rubric_unchanged():
    program = factories.program()
    content = {**defaults.DEFAULT_RUBRIC, "review_weight_bp": 10000, "roadshow_weight_bp": 0}

    with pytest.raises(ValidationError):
        template_version_revise(actor=factories.operator(), program=program, kind=TemplateKind.RUBRIC, content=content)

    program.refresh_from_db()
    assert program.rubric_version.content == defaults.DEFAULT_RUBRIC
    assert program.rubric_version.template.is_default


def test_template_version_revise_of_shipped_rubric_in_setup_gives_program_its_own_template():
    program = factories.program(start=False)
    shipped = program.rubric_version
    content = {**defaults.DEFAULT_RUBRIC, "review_weight_bp": 10000, "roadshow_weight_bp": 0}
    officer = factories.user_with_role(Role.PROGRAM_OFFICER, area=program.area)

    revised = template_version_revise(actor=officer, program=program, kind=TemplateKind.RUBRIC, content=content)

    program.refresh_from_db()
    shipped.refresh_from_db()
    assert program.rubric_version == revised != shipped
    assert (revised.template.is_default, revised.template.area, revised.number) == (False, program.area, 1)
    assert revised.content["review_weight_bp"] == 10000
    assert shipped.content == defaults.DEFAULT_RUBRIC
    assert shipped.template.versions.count() == 1


def test_check_rubric_with_weights_not_adding_to_100_names_the_total():
    criteria = [
        {"code": "need", "label_zh": "需求", "weight": 50, "max_points": 50},
        {"code": "design", "label_zh": "设计", "weight": 40, "max_points": 50},
    ]

    with pytest.raises(ValidationError) as error:
        check_rubric({"criteria": criteria})

    assert "90" in error.value.messages[0]


def test_template_version_revise_with_weights_not_adding_to_100_keeps_the_rubric():
    program = factories.program(start=False)
    criteria = [{**c, "weight": 10} for c in defaults.DEFAULT_RUBRIC["criteria"]]

    with pytest.raises(ValidationError) as error:
        template_version_revise(
            actor=factories.operator(), program=program, kind=TemplateKind.RUBRIC,
            content={**defaults.DEFAULT_RUBRIC, "criteria": criteria},
        )

    assert "60" in error.value.messages[0]
    program.refresh_from_db()
    assert program.rubric_version.template.is_default


def test_workflow_copy_gives_program_its_own_states_and_transitions():
    program = factories.program(start=False)
    shipped = program.workflow_version

    copy = workflow_copy(actor=factories.operator(), program=program)

    program.refresh_from_db()
    assert program.workflow_version == copy != shipped
    assert not copy.template.is_default
    assert list(copy.states.values_list("code", flat=True)) == list(shipped.states.values_list("code", flat=True))
    assert copy.transitions.count() == shipped.transitions.count() == len(defaults.DEFAULT_TRANSITIONS)
    assert not copy.transitions.filter(source__version=shipped).exists()


def test_workflow_transition_update_on_own_copy_changes_roles_and_leaves_shipped_alone():
    program = factories.program(start=False)
    shipped = program.workflow_version
    copy = workflow_copy(actor=factories.operator(), program=program)
    step = copy.transitions.get(code="start_screening")

    workflow_transition_update(
        actor=factories.operator(), program=program, transition=step,
        roles=[Role.PROGRAM_OFFICER.value, Role.ORG_MEMBER.value], needs_reason=True, label_zh="受理", label_en="Accept",
    )

    step.refresh_from_db()
    assert (step.roles, step.needs_reason, step.label_zh) == (["program_officer", "org_member"], True, "受理")
    assert shipped.transitions.get(code="start_screening").roles == ["program_officer"]
    event = AuditEvent.objects.get(action="programs.workflow.transition_changed")
    assert (event.before["roles"], event.after["roles"]) == (["program_officer"], ["program_officer", "org_member"])


def test_workflow_transition_update_on_shipped_default_is_refused():
    program = factories.program(start=False)
    step = program.workflow_version.transitions.get(code="start_screening")

    with pytest.raises(ValidationError):
        workflow_transition_update(
            actor=factories.operator(), program=program, transition=step,
            roles=[Role.ORG_MEMBER.value], needs_reason=False, label_zh="自助受理", label_en="Self-accept",
        )

    shipped = defaults_install()[TemplateKind.WORKFLOW]
    assert shipped.transitions.get(code="start_screening").roles == ["program_officer"]


def test_workflow_transition_update_on_frozen_shipped_default_is_refused():
    factories.program()  # starting a program freezes the shipped versions it uses
    program = factories.program(start=False)
    step = program.workflow_version.transitions.get(code="start_screening")

    with pytest.raises(ValidationError):
        workflow_transition_update(
            actor=factories.operator(), program=program, transition=step,
            roles=[Role.ORG_MEMBER.value], needs_reason=False, label_zh="自助受理", label_en="Self-accept",
        )

    step.refresh_from_db()
    assert step.roles == ["program_officer"]


def test_program_start_with_step_removed_leaving_state_unreachable_is_refused():
    program = factories.program(start=False)
    copy = workflow_copy(actor=factories.operator(), program=program)
    workflow_transition_update(
        actor=factories.operator(), program=program, transition=copy.transitions.get(code="pass_screening"),
        roles=[], needs_reason=False, label_zh="", label_en="", enabled=False,
    )

    with pytest.raises(ValidationError) as error:
        program_start(actor=factories.operator(), program=program)

    assert "unreachable" not in error.value.messages[0]  # said in words, naming the state by its label
    assert ("资格审查通过" in error.value.messages[0]) or ("Eligible" in error.value.messages[0])
    program.refresh_from_db()
    assert program.status == ProgramStatus.SETUP
    assert TemplateVersion.objects.get(pk=program.workflow_version_id).frozen_at is None
