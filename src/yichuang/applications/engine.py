"""The one transition service: every change of an application's state goes through here.

The workflow is data (programs.WorkflowState / WorkflowTransition rows). This module finds the
transition, evaluates its guard codes into facts, asks the kernel whether it may fire, applies
its effect codes, moves the state and writes the structured history row, all in one transaction.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yichuang.applications import effects, permissions
from yichuang.applications.locking import locked_application
from yichuang.applications.models import Application, InfoRequest, TransitionLog
from yichuang.core.audit import log_action
from yichuang.kernel import workflow as wf
from yichuang.programs.models import WorkflowTransition

GUARD_MESSAGES = {
    "role": lambda: _("Your role cannot take this step."),
    "reason": lambda: _("Please give a reason for this step."),
    "before_deadline": lambda: _("The application deadline has passed."),
    "document_complete": lambda: _("The application is not complete yet; the missing parts are marked."),
    "notice_period_over": lambda: _("The public notice period has not ended yet."),
    "objections_answered": lambda: _("Every objection must be answered first."),
}


class TransitionRefused(ValidationError):
    def __init__(self, failures: tuple[str, ...]):
        self.failures = failures
        super().__init__([GUARD_MESSAGES.get(code, lambda c=code: c)() for code in failures], code="refused")


def available_transitions(user, application: Application) -> list[WorkflowTransition]:
    """The steps this user could try from the current state (guards are checked when taken)."""
    roles = permissions.roles_on(user, application)
    return [
        t
        for t in WorkflowTransition.objects.filter(source=application.state).order_by("position")
        if set(t.roles) & roles
    ]


def _facts(application: Application, transition: WorkflowTransition) -> dict[str, bool]:
    from yichuang.applications import guards

    return {code: guards.evaluate(code, application) for code in transition.guards}


@transaction.atomic
def application_transition(*, actor, application: Application, code: str, reason: str = "", answer: str = "") -> Application:
    # Lock the row: two clicks or two officers resolve to one transition, the second sees the new state.
    application = locked_application(application.pk, "program__area", "state")
    roles = permissions.roles_on(actor, application)
    if not roles:  # people with no part in the application learn nothing about it
        raise PermissionDenied
    transition = (
        WorkflowTransition.objects.select_related("source", "target")
        .filter(source=application.state, code=code)
        .first()
    )
    if transition is None:
        raise ValidationError(
            _("This step is not possible while the application is “%(state)s”.") % {"state": application.state.staff_label},
            code="state",
        )
    definition = wf.TransitionDef(
        transition.code, transition.source.code, transition.target.code, transition.outcome,
        frozenset(transition.roles), tuple(transition.guards), tuple(transition.effects), transition.needs_reason,
    )
    decision = wf.decide(definition, roles=roles, facts=_facts(application, transition), reason=reason)
    if not decision.allowed:
        raise TransitionRefused(decision.failures)
    source = application.state
    application.state = transition.target
    application.save(update_fields=["state", "updated_at"])
    TransitionLog.objects.create(
        application=application, transition=transition.code, outcome=transition.outcome, from_state=source,
        to_state=transition.target, actor=actor, reason=reason,
    )
    answered = _info_loop(actor, application, transition, reason, answer)
    for effect in transition.effects:
        effects.run(effect, actor=actor, application=application, transition=transition, reason=reason)
    if answered is not None and application.latest_version_id:
        answered.answer_version_id = application.latest_version_id
        answered.save(update_fields=["answer_version"])
    log_action(
        actor=actor, action="applications.application.transition", obj=application,
        before={"state": source.code}, after={"state": transition.target.code, "transition": transition.code},
        reason=reason, area_path=application.program.area.path,
    )
    return application


def _info_loop(actor, application: Application, transition: WorkflowTransition, reason: str, answer: str):
    """A 'return' opens a request for information; the applicant's next advance answers it.
    Returns the request answered now, so the new version can be linked to it."""
    if transition.outcome == "return":
        InfoRequest.objects.create(application=application, message=reason, requested_by=actor)
    elif transition.outcome == "advance" and permissions.is_applicant(actor, application):
        open_request = application.info_requests.filter(answered_at=None).last()
        if open_request is not None:
            open_request.answer = answer
            open_request.answered_at = timezone.now()
            open_request.save(update_fields=["answer", "answered_at"])
            return open_request
    return None


def step_for(application: Application, purpose: str) -> WorkflowTransition | None:
    """The step from the application's current state that serves ``purpose`` (programs.models.Purpose)."""
    return WorkflowTransition.objects.filter(source=application.state_id, purpose=purpose).order_by("position").first()


def application_step(*, actor, application: Application, purpose: str, reason: str = "", answer: str = "") -> Application:
    """Take the step that serves ``purpose`` from the current state: the pipeline's way of moving an
    application, whatever the program's workflow calls its states and steps."""
    application = Application.objects.select_related("state").get(pk=application.pk)
    step = step_for(application, purpose)
    if step is None:
        raise ValidationError(
            _("This step is not possible while the application is “%(state)s”.") % {"state": application.state.staff_label},
            code="state",
        )
    return application_transition(actor=actor, application=application, code=step.code, reason=reason, answer=answer)
