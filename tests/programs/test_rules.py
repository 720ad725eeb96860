"""Governance rules a program must satisfy: who may organise it, its tranche plan, one list of settings."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests import factories
from yichuang.accounts.roles import Role
from yichuang.places.models import OrganizationType
from yichuang.programs.forms import ProgramForm
from yichuang.programs.models import PROGRAM_SETTINGS, ProgramStatus
from yichuang.programs.services import program_start, program_update

pytestmark = pytest.mark.django_db


def _tranche(percent_bp, trigger="signing"):
    return {"percent_bp": percent_bp, "amount": None, "trigger": trigger, "due_on": None}


def test_program_form_fields_are_exactly_the_program_settings():
    form = ProgramForm(areas=None, organizers=None)

    assert set(form.fields) == {*PROGRAM_SETTINGS, "domains", "version"}


def test_program_edit_page_keeps_the_budget_tolerance(client):
    program = factories.program(start=False, budget_tolerance_bp=2500, notice_min_working_days=7)
    client.force_login(factories.user_with_role(Role.PROGRAM_OFFICER, area=program.area))

    response = client.get(reverse("programs:program-edit", args=[program.pk]))

    initial = response.context["form"].initial
    assert initial["budget_tolerance_bp"] == 2500
    assert initial["notice_min_working_days"] == 7
    assert 'value="25"' in response.content.decode()


def test_program_with_an_applicant_ngo_as_organizer_is_refused():
    where = factories.district()
    ngo = factories.organization(where, org_type=OrganizationType.PRIVATE_NON_ENTERPRISE)

    with pytest.raises(ValidationError) as refused:
        factories.program(where, organizer=ngo)

    assert "organizer" in refused.value.message_dict
    assert ngo.name in refused.value.message_dict["organizer"][0]


def test_program_form_offers_only_organizations_that_may_organise(client):
    where = factories.district()
    ngo = factories.organization(where, org_type=OrganizationType.SOCIAL_GROUP)
    bureau = factories.organization(where, org_type=OrganizationType.GOVERNMENT, uscc=None)
    client.force_login(factories.user_with_role(Role.PROGRAM_OFFICER, area=where))

    response = client.get(reverse("programs:program-create"))

    offered = set(response.context["form"].fields["organizer"].queryset)
    assert bureau in offered
    assert ngo not in offered


def test_program_tranche_plan_below_100_percent_is_refused_with_the_total():
    with pytest.raises(ValidationError) as refused:
        factories.program(start=False, tranches=[_tranche(5000), _tranche(4000, "final_pass")])

    assert "90%" in refused.value.messages[0]


def test_program_without_tranche_plan_cannot_start():
    program = factories.program(start=False, tranches=[])

    with pytest.raises(ValidationError) as refused:
        program_start(actor=factories.operator(), program=program)

    program.refresh_from_db()
    assert program.status == ProgramStatus.SETUP
    assert refused.value.error_list[0].code == "tranche_plan_missing"


def test_program_tranche_plan_of_fixed_amounts_only_is_refused():
    from yichuang.kernel.money import Money

    with pytest.raises(ValidationError):
        factories.program(start=False, tranches=[{"percent_bp": None, "amount": Money.from_yuan(5000), "trigger": "signing", "due_on": None}])


def test_program_tranche_plan_of_100_percent_starts():
    program = factories.program(start=False, tranches=[_tranche(6000), _tranche(4000, "final_pass")])

    started = program_start(actor=factories.operator(), program=program)

    assert started.status == ProgramStatus.RUNNING


def test_program_update_with_wrong_plan_changes_nothing():
    program = factories.program(start=False, tranches=[_tranche(10000)])

    with pytest.raises(ValidationError):
        program_update(
            actor=factories.operator(), program=program, data={"name": "改过的名字"}, expected_version=program.version,
            tranches=[_tranche(3000)],
        )

    program.refresh_from_db()
    assert program.name != "改过的名字"
    assert [rule.percent_bp for rule in program.tranche_rules.all()] == [10000]


def test_program_start_refuses_a_workflow_without_an_approval_step_naming_it():
    from yichuang.programs.models import Purpose, WorkflowTransition
    from yichuang.programs.services import workflow_copy, workflow_transition_update

    program = factories.program(start=False)
    operator = factories.operator()
    workflow_copy(actor=operator, program=program)
    program.refresh_from_db()
    for step in WorkflowTransition.objects.filter(version=program.workflow_version, purpose=Purpose.APPROVE):
        workflow_transition_update(actor=operator, program=program, transition=step, roles=step.roles,
                                   needs_reason=False, label_zh=step.label_zh, label_en=step.label_en, enabled=False)

    with pytest.raises(ValidationError) as refused:
        program_start(actor=operator, program=program)

    assert refused.value.error_list[0].code == "purpose_missing"
    assert str(Purpose.APPROVE.label) in refused.value.messages[0]
    program.refresh_from_db()
    assert program.status == ProgramStatus.SETUP


def test_pipeline_finds_steps_by_purpose_when_a_copied_workflow_renames_them():
    from django.utils import timezone

    from yichuang.applications.engine import application_transition
    from yichuang.applications.models import Application, NoticeKind
    from yichuang.applications.notices import notice_create, notice_publish
    from yichuang.demo import timeline
    from yichuang.programs.models import WorkflowTransition
    from yichuang.programs.services import workflow_copy

    program = factories.program(start=False)
    operator = factories.operator()
    workflow_copy(actor=operator, program=program)
    program.refresh_from_db()
    # The district calls its steps differently (a copy is the program's own, editable until it starts).
    WorkflowTransition.objects.filter(version=program.workflow_version, code="publish").update(code="gongshi")
    WorkflowTransition.objects.filter(version=program.workflow_version, code="decide").update(code="zizhu")
    program = program_start(actor=operator, program=program)
    application = factories.submitted_application(program, factories.organization(program.area))
    for code in ("start_screening", "pass_screening", "start_review", "zizhu"):
        application = application_transition(actor=operator, application=application, code=code)
    opens_at, closes_at = timeline.notice_period(program)

    notice = notice_create(actor=operator, program=program, kind=NoticeKind.FINAL, title="拟资助项目公示", body="",
                           opens_at=opens_at, closes_at=closes_at, applications=[application])
    notice_publish(actor=operator, notice=notice)

    assert Application.objects.get(pk=application.pk).state.code == "public_notice"
    assert timezone.now() >= notice.opens_at
