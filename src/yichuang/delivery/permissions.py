"""Who may see and record delivery. Whoever sees a project sees its records (the grantee, the
program's officers, supervisors and auditors); the grantee's members record and ask for corrections;
the program's officers decide corrections. Names of people served are never shown to the public."""

from __future__ import annotations

import rules
from django.db.models import Q
from django.shortcuts import get_object_or_404

from yichuang.accounts.roles import Role
from yichuang.accounts.scopes import area_paths, path_within, program_ids, q_path_within
from yichuang.delivery.models import (
    Activity,
    ActivityCorrection,
    ActivityPhoto,
    ProjectEvaluation,
    SupervisionVisit,
    VisitIssue,
    VisitPhoto,
)
from yichuang.projects.models import Project, ProjectStatus
from yichuang.projects.permissions import is_grantee, is_officer, visible_projects


@rules.predicate
def is_open(user, project) -> bool:
    return project.status != ProjectStatus.CLOSED


can_record = is_grantee & is_open
can_decide_correction = is_officer & is_open

rules.add_perm("delivery.record_activity", can_record)


@rules.predicate
def is_supervisor(user, project: Project) -> bool:
    return (path_within(project.program.area.path, area_paths(user, Role.SUPERVISOR))
            or project.program_id in program_ids(user, Role.SUPERVISOR))


rules.add_perm("delivery.supervise_project", is_supervisor)


def supervised_projects(user):
    """The projects a supervisor follows (for their to-do list)."""
    return Project.objects.filter(q_path_within("program__area__path", area_paths(user, Role.SUPERVISOR))
                                  | Q(program__in=program_ids(user, Role.SUPERVISOR)))

rules.add_perm("delivery.decide_correction", can_decide_correction)


def access_activity(user, pk) -> Activity:
    return get_object_or_404(Activity.objects.select_related("project__program__area", "project__organization",
                                                             "project__application", "recorded_by")
                             .filter(project__in=visible_projects(user)), pk=pk)


def access_photo(user, pk) -> ActivityPhoto:
    return get_object_or_404(ActivityPhoto.objects.filter(activity__project__in=visible_projects(user)), pk=pk)


def access_correction(user, pk) -> ActivityCorrection:
    return get_object_or_404(ActivityCorrection.objects.select_related("activity__project__program__area")
                             .filter(activity__project__in=visible_projects(user)), pk=pk)


def access_evaluation(user, pk) -> ProjectEvaluation:
    """A project's evaluation: for its evaluators and for whoever sees the project; 404 otherwise."""
    return get_object_or_404(ProjectEvaluation.objects.select_related(
        "round__program__area", "project__organization", "project__program", "decided_by")
        .filter(Q(round__evaluators=user) | Q(project__in=visible_projects(user))).distinct(), pk=pk)


def access_visit(user, pk) -> SupervisionVisit:
    return get_object_or_404(SupervisionVisit.objects.select_related("project__program__area", "project__organization",
                                                                     "supervisor")
                             .filter(project__in=visible_projects(user)), pk=pk)


def access_issue(user, pk) -> VisitIssue:
    return get_object_or_404(VisitIssue.objects.select_related("visit__project__program__area")
                             .filter(visit__project__in=visible_projects(user)), pk=pk)


def access_visit_photo(user, pk) -> VisitPhoto:
    return get_object_or_404(VisitPhoto.objects.filter(visit__project__in=visible_projects(user)), pk=pk)
