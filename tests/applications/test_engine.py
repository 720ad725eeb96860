"""The workflow engine: the stored default workflow, the kernel's decision and the one transition service."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests import factories
from yichuang.accounts.roles import Role
from yichuang.applications.engine import TransitionRefused, application_transition
from yichuang.applications.models import Application, TransitionLog
from yichuang.core.models import AuditEvent
from yichuang.kernel import workflow as wf
from yichuang.programs import defaults
from yichuang.programs.models import TemplateKind
from yichuang.programs.services import defaults_install, workflow_definition

pytestmark = pytest.mark.django_db


def _shipped() -> wf.WorkflowDef:
    return workflow_definition(defaults_install()[TemplateKind.WORKFLOW])


def _screening(program=None):
    """A submitted application the officer has started screening, with that officer."""
    program = program or factories.program()
    application = factories.submitted_application(program, factories.organization(program.area))
    officer = factories.user_with_role(Role.PROGRAM_OFFICER, area=program.area)
    return application_transition(actor=officer, application=application, code="start_screening"), officer


def test_shipped_workflow_as_stored_has_no_problems():
    workflow = _shipped()

    found = wf.problems(workflow, known_guards=defaults.KNOWN_GUARDS, known_effects=defaults.KNOWN_EFFECTS)

    assert found == []
    assert workflow.initial == "draft"


@pytest.mark.parametrize(
    ("state", "code", "roles", "facts", "reason", "failures"),
    [
        ("screening", "pass_screening", {"org_member"}, {}, "", ("role",)),
        ("screening", "reject_screening", {"program_officer"}, {}, "  ", ("reason",)),
        ("draft", "submit", {"org_member"}, {"before_deadline": True, "document_complete": False}, "",
         ("document_complete",)),
    ],
    ids=["missing-role", "missing-reason", "failing-guard"],
)
def test_decide_on_shipped_transition_refuses_with_failure_code(state, code, roles, facts, reason, failures):
    transition = _shipped().transition(state, code)

    decision = wf.decide(transition, roles=roles, facts=facts, reason=reason)

    assert not decision.allowed
    assert decision.failures == failures


def test_application_transition_pass_screening_by_org_member_is_refused_for_role():
    application, _officer = _screening()
    member = factories.applicant(application.organization)

    with pytest.raises((PermissionDenied, TransitionRefused)) as error:
        application_transition(actor=member, application=application, code="pass_screening")

    assert isinstance(error.value, PermissionDenied) or error.value.failures == ("role",)
    assert Application.objects.get(pk=application.pk).state.code == "screening"


def test_application_transition_by_member_of_another_organization_is_denied():
    program = factories.program()
    application = factories.submitted_application(program, factories.organization(program.area))
    stranger = factories.applicant(factories.organization(program.area))

    with pytest.raises(PermissionDenied):
        application_transition(actor=stranger, application=application, code="withdraw", reason="不想做了")

    assert Application.objects.get(pk=application.pk).state.code == "submitted"


def test_application_transition_from_wrong_state_names_the_state_and_writes_no_log():
    program = factories.program()
    application = factories.submitted_application(program, factories.organization(program.area))
    officer = factories.user_with_role(Role.PROGRAM_OFFICER, area=program.area)
    logs = TransitionLog.objects.filter(application=application).count()

    with pytest.raises(ValidationError) as error:
        application_transition(actor=officer, application=application, code="pass_screening")

    assert f"“{application.state.staff_label}”" in error.value.messages[0]
    assert TransitionLog.objects.filter(application=application).count() == logs == 1
    assert Application.objects.get(pk=application.pk).state.code == "submitted"


def test_application_transition_needing_reason_without_one_is_refused():
    application, officer = _screening()

    with pytest.raises(TransitionRefused) as error:
        application_transition(actor=officer, application=application, code="reject_screening", reason=" ")

    assert error.value.failures == ("reason",)
    assert not TransitionLog.objects.filter(application=application, transition="reject_screening").exists()


@pytest.mark.parametrize(
    ("code", "reason", "target"),
    [("reject_screening", "组织类型不符合", "ineligible"), ("request_info", "请补充资质证明。", "more_info"),
     ("pass_screening", "", "eligible")],
)
def test_application_transition_writes_one_log_and_one_audit_event(code, reason, target):
    application, officer = _screening()
    logs_before = set(TransitionLog.objects.values_list("pk", flat=True))
    events_before = set(AuditEvent.objects.values_list("pk", flat=True))

    application_transition(actor=officer, application=application, code=code, reason=reason)

    log = TransitionLog.objects.exclude(pk__in=logs_before).get()
    assert (log.transition, log.from_state.code, log.to_state.code, log.actor, log.reason) == (
        code, "screening", target, officer, reason
    )
    event = AuditEvent.objects.exclude(pk__in=events_before).get(action="applications.application.transition")
    assert (event.object_id, event.before, event.after["state"], event.reason, event.actor) == (
        str(application.pk), {"state": "screening"}, target, reason, officer
    )
