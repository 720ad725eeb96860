"""Who may see and run programs. Officers run the programs of their areas; everybody sees running calls."""

from __future__ import annotations

import rules
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from yichuang.accounts.roles import Role
from yichuang.accounts.scopes import area_paths, path_within, program_ids, q_path_within
from yichuang.programs.models import Program, ProgramStatus

STAFF_READERS = (Role.PROGRAM_OFFICER, Role.AUDITOR, Role.SUPERVISOR)


def staff_programs(user) -> QuerySet[Program]:
    """The programs of the staff's areas, and those they hold a role for on their own."""
    return Program.objects.filter(q_path_within("area__path", area_paths(user, *STAFF_READERS))
                                  | Q(pk__in=program_ids(user, *STAFF_READERS)))


def public_programs() -> QuerySet[Program]:
    return Program.objects.filter(status__in=[ProgramStatus.RUNNING, ProgramStatus.CLOSED])


def access_staff_program(user, pk) -> Program:
    return get_object_or_404(staff_programs(user).select_related("area", "organizer"), pk=pk)


def access_public_program(pk) -> Program:
    return get_object_or_404(public_programs().select_related("area", "organizer"), pk=pk)


def can_create_program(user) -> bool:
    return bool(area_paths(user, Role.PROGRAM_OFFICER))


@rules.predicate
def is_area_officer(user, program: Program) -> bool:
    return path_within(program.area.path, area_paths(user, Role.PROGRAM_OFFICER))


@rules.predicate
def is_program_officer(user, program: Program) -> bool:
    """An officer for this program alone (a hub organization running it for the bureau)."""
    return program.pk in program_ids(user, Role.PROGRAM_OFFICER)


can_manage_program = is_area_officer | is_program_officer
rules.add_perm("programs.manage_program", can_manage_program)


def can_run_in(user, area) -> bool:
    return path_within(area.path, area_paths(user, Role.PROGRAM_OFFICER))
