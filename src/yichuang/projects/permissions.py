"""Who may see and act on projects. Officers of the program's area run them; members of the
grantee organization see their own; everyone else gets 404, as for a missing project."""

from __future__ import annotations

import rules
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from yichuang.accounts.roles import Role
from yichuang.accounts.scopes import area_paths, organization_ids, program_ids, q_path_within
from yichuang.programs.permissions import STAFF_READERS, can_manage_program  # officers, supervisors, auditors read projects
from yichuang.projects.models import BudgetAdjustment, Expenditure, PlanAmendment, Project, Tranche


def visible_projects(user) -> QuerySet[Project]:
    return Project.objects.filter(
        q_path_within("program__area__path", area_paths(user, *STAFF_READERS))
        | Q(program__in=program_ids(user, *STAFF_READERS))
        | Q(organization__in=organization_ids(user, Role.ORG_MEMBER))
    )


def own_projects(user) -> QuerySet[Project]:
    return Project.objects.filter(organization__in=organization_ids(user, Role.ORG_MEMBER))


def access_project(user, pk) -> Project:
    return get_object_or_404(
        visible_projects(user).select_related("program", "program__area", "program__organizer", "organization",
                                              "application"), pk=pk)


@rules.predicate
def is_officer(user, project: Project) -> bool:
    return can_manage_program(user, project.program)


@rules.predicate
def is_grantee(user, project: Project) -> bool:
    return project.organization_id in organization_ids(user, Role.ORG_MEMBER)


rules.add_perm("projects.run_project", is_officer)  # release money, decide adjustments
rules.add_perm("projects.spend_on_project", is_grantee)  # record spending, ask to move money


def require_officer(user, project: Project) -> None:
    if not is_officer(user, project):
        raise Http404


def require_grantee(user, project: Project) -> None:
    if not is_grantee(user, project):
        raise Http404


# Gateways for the objects under a project: found only among the visible projects' own, so anything
# outside the viewer's scope answers 404 exactly like a missing id.
def _under_visible_project(user, model, pk, **filters):
    return get_object_or_404(model.objects.select_related("project__program__area")
                             .filter(project__in=visible_projects(user), **filters), pk=pk)


def access_tranche(user, pk) -> Tranche:
    return _under_visible_project(user, Tranche, pk)


def access_expenditure(user, pk) -> Expenditure:
    return _under_visible_project(user, Expenditure, pk)


def access_adjustment(user, pk) -> BudgetAdjustment:
    return _under_visible_project(user, BudgetAdjustment, pk)


def access_amendment(user, pk) -> PlanAmendment:
    return _under_visible_project(user, PlanAmendment, pk)
