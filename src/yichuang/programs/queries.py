"""Reads for program pages."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from yichuang.programs.models import Outcome, Program, ProgramStatus, Purpose, WorkflowState, WorkflowTransition
from yichuang.programs.permissions import public_programs, staff_programs


def program_list(user) -> QuerySet[Program]:
    return (
        staff_programs(user)
        .select_related("area", "organizer")
        .annotate(submitted=Count("applications", filter=Q(applications__submitted_at__isnull=False)))
        .order_by("-year", "name")
    )


def open_calls() -> QuerySet[Program]:
    now = timezone.now()
    return (
        public_programs()
        .filter(status=ProgramStatus.RUNNING, applications_open_at__lte=now, applications_close_at__gt=now)
        .select_related("area", "organizer")
        .order_by("applications_close_at")
    )


def state_counts(program: Program) -> list[tuple]:
    """(state, count) for every state of the program's workflow, in workflow order, drafts excluded."""
    counts = dict(
        program.applications.filter(submitted_at__isnull=False).values_list("state").annotate(n=Count("pk")).values_list("state", "n")
    )
    return [(state, counts.get(state.pk, 0)) for state in program.workflow_version.states.all()]


def program_rubric(program: Program) -> dict:
    return program.rubric_version.content


def withdrawn_states(program):
    """The states an application reaches by being withdrawn, known by the transitions' outcome type
    (never by a state's name), so a copied and renamed workflow keeps working."""
    return WorkflowState.objects.filter(version=program.workflow_version_id, incoming__outcome=Outcome.WITHDRAW)


def states_after_approval(program) -> set[int]:
    """Ids of the states an application reaches once it has been approved at least once (passed
    screening) and has moved on without being returned, rejected or withdrawn: the applications a
    public notice can list. Found by following the workflow's transitions by outcome type."""
    transitions = list(WorkflowTransition.objects.filter(version=program.workflow_version_id)
                       .values_list("source_id", "target_id", "outcome"))
    frontier = {target for _source, target, outcome in transitions if outcome == Outcome.APPROVE}
    reached = set(frontier)
    while frontier:
        frontier = {target for source, target, outcome in transitions
                    if source in frontier and outcome in (Outcome.ADVANCE, Outcome.APPROVE)} - reached
        reached |= frontier
    return reached


def notice_candidate_states(program, kind: str) -> set[int]:
    """Ids of the states whose applications a notice of ``kind`` may list: a shortlist lists those past
    screening; a funding-decision notice those that can be published for notice, or already were
    (when their earlier notice was withdrawn). Found by following the workflow, not by state names."""
    if kind != "final":
        return states_after_approval(program)
    return {state for pair in _publish_steps(program) for state in pair}


def publishable_states(program) -> set[int]:
    """States from which the workflow's publish-for-notice step starts."""
    return {source for source, _target in _publish_steps(program)}


def _publish_steps(program) -> list[tuple[int, int]]:
    return list(WorkflowTransition.objects.filter(version=program.workflow_version_id, purpose=Purpose.PUBLISH_NOTICE)
                .values_list("source_id", "target_id"))


def applying_organizations(user):
    """Organizations this user may apply for: those they are a member of."""
    from yichuang.accounts.roles import Role
    from yichuang.accounts.scopes import organization_ids
    from yichuang.places.models import Organization

    return Organization.objects.filter(pk__in=organization_ids(user, Role.ORG_MEMBER)).order_by("name_sort")


def states_to_screen(program) -> set[int]:
    """States where an application waits for the officer's screening: those a request-for-information
    step leaves from, and those an officer's step leads into them from (submitted → screening)."""
    from yichuang.accounts.roles import Role
    from yichuang.programs.models import Purpose, WorkflowTransition

    steps = list(WorkflowTransition.objects.filter(version_id=program.workflow_version_id))
    screening = {t.source_id for t in steps if t.purpose == Purpose.REQUEST_INFO}
    return screening | {t.source_id for t in steps if t.target_id in screening and Role.PROGRAM_OFFICER in t.roles
                        and t.purpose != Purpose.RESUBMIT}
