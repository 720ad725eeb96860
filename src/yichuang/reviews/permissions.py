"""Who may see what in expert review. Every rule of this app lives here.

An expert sees only the applications assigned to them and free of conflict; everything else, by
URL or in a list, answers exactly like a missing page (404). Officers manage the pool of their
areas and the rounds of the programs they run.
"""

from __future__ import annotations

import rules
from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from yichuang.accounts.roles import Role
from yichuang.accounts.scopes import area_paths, has_role, path_within, q_path_within
from yichuang.programs import permissions as program_permissions
from yichuang.reviews.models import Assignment, Conflict, Expert, Review, RoadshowSession

POOL_READERS = (Role.PROGRAM_OFFICER, Role.AUDITOR)


def pool_experts(user) -> QuerySet[Expert]:
    return Expert.objects.filter(q_path_within("area__path", area_paths(user, *POOL_READERS)))


def access_pool_expert(user, pk) -> Expert:
    return get_object_or_404(pool_experts(user).select_related("area", "user"), pk=pk)


def can_manage_pool(user) -> bool:
    return bool(area_paths(user, Role.PROGRAM_OFFICER))


@rules.predicate
def can_manage_expert(user, expert: Expert) -> bool:
    return path_within(expert.area.path, area_paths(user, Role.PROGRAM_OFFICER))


def access_managed_program(user, pk):
    """A program whose review the user runs; a program they may only read answers 404 as well."""
    program = program_permissions.access_staff_program(user, pk)
    if not program_permissions.can_manage_program(user, program):
        raise Http404
    return program


def access_managed_review(user, pk) -> Review:
    """A review in a program whose review the user runs (404 otherwise, as for the program)."""
    review = get_object_or_404(Review.objects.select_related("assignment__round__program"), pk=pk)
    access_managed_program(user, review.assignment.round.program_id)
    return review


def access_readable_program(user, pk):
    """Officers, supervisors and auditors of the area read the results of a program's review."""
    return program_permissions.access_staff_program(user, pk)


def expert_of(user) -> Expert | None:
    if not has_role(user, Role.EXPERT) or not getattr(user, "is_authenticated", False):
        return None
    return Expert.objects.filter(user=user).first()


def conflicted() -> Exists:
    """True for an assignment whose expert has any conflict with its application."""
    return Exists(Conflict.objects.filter(
        round=OuterRef("round"), expert=OuterRef("expert"), application=OuterRef("application"),
    ))


def my_assignments(user) -> QuerySet[Assignment]:
    """The user's assignments without any conflict (a declared conflict hides one at once)."""
    expert = expert_of(user)
    if expert is None:
        return Assignment.objects.none()
    return Assignment.objects.filter(expert=expert).exclude(conflicted())


def access_my_assignment(user, pk) -> Assignment:
    queryset = my_assignments(user).select_related(
        "round__program__rubric_version", "application__organization", "application__latest_version",
        "application__domain", "application__community", "expert",
    )
    return get_object_or_404(queryset, pk=pk)


def my_roadshows(user) -> QuerySet[RoadshowSession]:
    expert = expert_of(user)
    if expert is None:
        return RoadshowSession.objects.none()
    return RoadshowSession.objects.filter(panel=expert)


rules.add_perm("reviews.manage_expert", can_manage_expert)
