"""Writes to users and role grants."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from yichuang.accounts.models import RoleGrant, User
from yichuang.accounts.scopes import forget_grants
from yichuang.core.audit import log_action, snapshot

USER_AUDITED = ["username", "display_name", "email", "phone", "is_active", "is_superuser", "is_staff", "is_sample"]


def _require_operator(actor) -> None:
    # Managing people is the platform operator's job until officers get delegated user management.
    if not getattr(actor, "is_superuser", False):
        raise PermissionDenied


@transaction.atomic
def user_create(
    *,
    actor,
    username: str,
    password: str | None,
    display_name: str = "",
    email: str = "",
    phone: str = "",
    is_superuser: bool = False,
    is_sample: bool = False,
) -> User:
    if actor is not None or User.objects.exists():
        _require_operator(actor)  # only the very first account may be created without an actor
    user = User(
        username=username,
        display_name=display_name,
        email=email,
        phone=phone,
        is_superuser=is_superuser,
        is_staff=is_superuser,
        is_sample=is_sample,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    log_action(actor=actor or user, action="accounts.user.created", obj=user, after=snapshot(user, USER_AUDITED))
    return user


@transaction.atomic
def role_grant_add(*, actor, user: User, role: str, area=None, organization=None) -> RoleGrant:
    _require_operator(actor)
    grant = RoleGrant(user=user, role=role, area=area, organization=organization)
    grant.full_clean()
    grant.save()
    forget_grants(user)
    log_action(
        actor=actor,
        action="accounts.role_grant.added",
        obj=user,
        after={"role": role, "area": area.code if area else None, "organization": organization.pk if organization else None},
        area_path=(area.path if area else organization.area.path if organization else ""),
    )
    return grant


@transaction.atomic
def role_grant_remove(*, actor, grant: RoleGrant, reason: str = "") -> None:
    _require_operator(actor)
    user = grant.user
    before = {"role": grant.role, "area": grant.area.code if grant.area else None, "organization": grant.organization_id}
    path = grant.area.path if grant.area else grant.organization.area.path if grant.organization else ""
    grant.delete()
    forget_grants(user)
    log_action(actor=actor, action="accounts.role_grant.removed", obj=user, before=before, reason=reason, area_path=path)
