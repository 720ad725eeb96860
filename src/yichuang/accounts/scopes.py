"""Who may act where: role grants resolved once per request and matched by area path prefix."""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.db.models import Q

from yichuang.accounts.roles import Role


def grants_of(user) -> list:
    """All grants of ``user``, cached on the user object for the rest of the request."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_yichuang_grants", None)
    if cached is None:
        cached = list(user.grants.select_related("area", "organization", "organization__area", "program__area"))
        user._yichuang_grants = cached
    return cached


def forget_grants(user) -> None:
    if hasattr(user, "_yichuang_grants"):
        del user._yichuang_grants


def roles_of(user) -> set[str]:
    return {grant.role for grant in grants_of(user)}


def has_role(user, *roles: Role) -> bool:
    if getattr(user, "is_superuser", False):
        return True
    return bool(roles_of(user) & set(roles))


def area_paths(user, *roles: Role) -> list[str]:
    """Paths of the area subtrees in which ``user`` holds any of ``roles``.

    The platform operator (superuser) is treated as holding every role everywhere.
    """
    if getattr(user, "is_superuser", False):
        return ["/"]
    return sorted({g.area.path for g in grants_of(user) if g.role in roles and g.area_id})


def organization_ids(user, *roles: Role) -> set[int]:
    """Organizations in which ``user`` holds any of ``roles`` (explicit grants only)."""
    return {g.organization_id for g in grants_of(user) if g.role in roles and g.organization_id}


def program_ids(user, *roles: Role) -> set[int]:
    """Programs for which ``user`` holds any of ``roles`` on their own (not through an area)."""
    return {g.program_id for g in grants_of(user) if g.role in roles and g.program_id}


def path_within(path: str, scope_paths: list[str]) -> bool:
    return any(path.startswith(scope) for scope in scope_paths)


def q_path_within(lookup: str, scope_paths: list[str]) -> Q:
    """A filter matching rows whose ``lookup`` path lies in any scope; matches nothing when there is none."""
    if not scope_paths:
        return Q(pk__in=[])
    return reduce(or_, (Q(**{f"{lookup}__startswith": path}) for path in scope_paths))


def ancestor_paths(path: str) -> list[str]:
    """The paths of an area and of every area above it ("/32/3204/" → ["/32/", "/32/3204/"])."""
    parts = [p for p in path.strip("/").split("/") if p]
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]
