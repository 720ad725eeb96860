"""Who may give whom a role, and where: one rule for invitations, grants, revocations and deactivation.

The platform operator grants any role anywhere (and so creates a district's first officer). A program
officer manages the people of their own area subtree: every role except auditor (auditors answer to
the operator, not to the officers they read), within that subtree or for an organization registered
in it. A community worker gives the resident role, after verifying the person at the service point,
in their own communities only; a member of an organization invites colleagues to it. Nobody grants a
role wider than their own scope.
"""

from __future__ import annotations

from yichuang.accounts.roles import ORGANIZATION_SCOPED, PROGRAM_SCOPABLE, Role
from yichuang.accounts.scopes import area_paths, grants_of, organization_ids, path_within

MANAGER_ROLES = (Role.PROGRAM_OFFICER,)
OPERATOR_ONLY = frozenset({Role.AUDITOR})


def manages_people(user) -> bool:
    return getattr(user, "is_superuser", False) or bool(area_paths(user, *MANAGER_ROLES))


def managed_paths(user) -> list[str]:
    """The area subtrees whose people ``user`` manages ("/" for the operator)."""
    return area_paths(user, *MANAGER_ROLES)


def grantable_roles(user) -> list[Role]:
    if getattr(user, "is_superuser", False):
        return list(Role)
    return [role for role in Role if role not in OPERATOR_ONLY] if managed_paths(user) else []


def _scope_path(area=None, organization=None, program=None) -> str | None:
    if area is not None:
        return area.path
    if organization is not None:
        return organization.area.path
    if program is not None:
        return program.area.path
    return None


def verifies_residents(user) -> list[str]:
    """The areas whose residents ``user`` verifies at the service point (community workers)."""
    return area_paths(user, Role.COMMUNITY_WORKER)


def colleague_organizations(user) -> set[int]:
    """Organizations whose members ``user`` may invite: those they administer (a recorded organization is a
    verified one; its registrant is its first administrator)."""
    return organization_ids(user, Role.ORG_ADMIN)


def may_grant(user, role: str, *, area=None, organization=None, program=None) -> bool:
    """A role for one program is given by whoever manages people in the program's area."""
    path = _scope_path(area, organization, program)
    if path is None or (program is not None and role not in PROGRAM_SCOPABLE):
        return False
    if role in ORGANIZATION_SCOPED and organization is not None and organization.pk in colleague_organizations(user):
        return True  # an organization's administrators invite its members and administrators
    if role == Role.RESIDENT and path_within(path, verifies_residents(user)):
        return True  # a community worker verifies the residents of their own communities
    return role in grantable_roles(user) and path_within(path, managed_paths(user))


def may_regrant(user, held) -> bool:
    """May ``user`` give (or take away, or withdraw) the role of ``held``, a grant or an invitation."""
    return may_grant(user, held.role, area=held.area, organization=held.organization, program=held.program)


def grant_path(grant) -> str:
    return _scope_path(grant.area, grant.organization, grant.program) or ""


def may_manage_user(user, person) -> bool:
    """May ``user`` deactivate ``person`` or revoke their roles: every role they hold lies in ``user``'s scope."""
    if person.pk == user.pk or person.is_superuser and not user.is_superuser:
        return False
    paths = managed_paths(user)
    grants = grants_of(person) if person.pk else []
    if getattr(user, "is_superuser", False):
        return True
    # Someone with no role left is the operator's to manage: no officer's scope covers them.
    return bool(paths) and bool(grants) and all(path_within(grant_path(g), paths) for g in grants)
