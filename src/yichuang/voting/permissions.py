"""Who may do what in a resident vote. Officers of the program run it; verified residents of the
vote's area vote once each; officers and community workers over a resident's area may cast a
ballot on a resident's behalf at a service point. Everything else answers 404."""

from __future__ import annotations

import rules
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from yichuang.accounts.models import User
from yichuang.accounts.roles import Role
from yichuang.accounts.scopes import ancestor_paths, area_paths, grants_of, path_within
from yichuang.programs.permissions import can_manage_program, staff_programs
from yichuang.voting.models import Vote, VoteStatus

ASSISTANTS = (Role.PROGRAM_OFFICER, Role.COMMUNITY_WORKER)


@rules.predicate
def can_manage(user, vote: Vote) -> bool:
    return can_manage_program(user, vote.program)


def managed_vote(user, pk) -> Vote:
    vote = get_object_or_404(Vote.objects.select_related("program__area", "area"), pk=pk)
    if not can_manage(user, vote):
        raise Http404
    return vote


def staff_votes(user) -> QuerySet[Vote]:
    return Vote.objects.filter(program__in=staff_programs(user))


def resident_paths(user) -> list[str]:
    """Areas where the user is a verified resident (explicit grants only: the operator is no resident)."""
    return [g.area.path for g in grants_of(user) if g.role == Role.RESIDENT and g.area_id]


def is_resident_of(user, area) -> bool:
    """A verified resident of ``area`` or of a place within it (votes, surveys, topics)."""
    return any(path.startswith(area.path) for path in resident_paths(user))


def resident_area_paths(user) -> set[str]:
    """The paths of the areas a resident's home lies in: their community and every area above it."""
    return {prefix for path in resident_paths(user) for prefix in ancestor_paths(path)}


def is_eligible(user, vote: Vote) -> bool:
    return is_resident_of(user, vote.area)


def resident_votes(user) -> QuerySet[Vote]:
    """Votes open to this user as a resident (their area lies in the vote's area)."""
    ancestors = resident_area_paths(user)
    if not ancestors:
        return Vote.objects.none()
    return Vote.objects.filter(area__path__in=ancestors).exclude(status=VoteStatus.DRAFT)


def ballot_vote(user, pk) -> Vote:
    vote = get_object_or_404(Vote.objects.select_related("program", "area"), pk=pk)
    if vote.status == VoteStatus.DRAFT or not (is_eligible(user, vote) or can_assist_in(user, vote)):
        raise Http404
    return vote


def can_assist_in(user, vote: Vote) -> bool:
    """Whether the user may cast ballots for residents of (part of) the vote's area."""
    return any(path_within(path, [vote.area.path]) or path_within(vote.area.path, [path])
               for path in area_paths(user, *ASSISTANTS))


def can_assist(user, resident: User, vote: Vote) -> bool:
    scopes = area_paths(user, *ASSISTANTS)
    return is_eligible(resident, vote) and any(path_within(p, scopes) for p in resident_paths(resident))


def eligible_residents(vote: Vote) -> QuerySet[User]:
    """The roll: verified residents of the vote's area."""
    return User.objects.filter(grants__role=Role.RESIDENT, grants__area__path__startswith=vote.area.path).distinct()


def assistable_residents(user, vote: Vote) -> QuerySet[User]:
    """Residents on the roll whose community lies in the assistant's own areas: a community worker
    finds only the residents of their own communities."""
    scopes = [path for path in area_paths(user, *ASSISTANTS) if path.startswith(vote.area.path)
              or vote.area.path.startswith(path)]
    if not scopes:
        return User.objects.none()
    within = Q()
    for path in scopes:
        within |= Q(grants__area__path__startswith=path)
    # One filter() call: the same resident grant must lie in the vote's area and in the assistant's.
    return User.objects.filter(Q(grants__role=Role.RESIDENT, grants__area__path__startswith=vote.area.path) & within
                               ).distinct()


rules.add_perm("voting.manage_vote", can_manage)
