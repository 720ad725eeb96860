"""Writes to users and role grants."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from yichuang.accounts import granting
from yichuang.accounts.models import RoleGrant, User
from yichuang.accounts.roles import Role
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


def _require_granter(actor, role: str, area=None, organization=None, program=None) -> None:
    if not granting.may_grant(actor, role, area=area, organization=organization, program=program):
        raise ValidationError(_("You may give roles only within the areas you manage; ask the platform operator for "
                                "this one."))


@transaction.atomic
def user_register(*, username: str, password: str, display_name: str, email: str = "", phone: str = "",
                  is_sample: bool = False) -> User:
    """An account a person opens for themselves, on a path that vouches for them (an invitation, later
    a resident's sign-up); the person is the actor of their own account's history."""
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("This user name is taken; choose another.")})
    user = User(username=username, display_name=display_name, email=email, phone=phone, is_sample=is_sample)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    log_action(actor=user, action="accounts.user.registered", obj=user, after=snapshot(user, USER_AUDITED))
    return user


@transaction.atomic
def role_grant_add(*, actor, user: User, role: str, area=None, organization=None, program=None) -> RoleGrant:
    _require_granter(actor, role, area, organization, program)
    if RoleGrant.objects.filter(user=user, role=role, area=area, organization=organization, program=program).exists():
        raise ValidationError(_("%(person)s already has this role there.") % {"person": user})
    grant = RoleGrant(user=user, role=role, area=area, organization=organization, program=program)
    grant.full_clean()
    grant.save()
    if role == Role.ORG_ADMIN:  # an administrator is a member too: every member's page and step is theirs
        RoleGrant.objects.get_or_create(user=user, role=Role.ORG_MEMBER, organization=organization)
    forget_grants(user)
    log_action(
        actor=actor,
        action="accounts.role_grant.added",
        obj=user,
        after={"role": role, "area": area.code if area else None, "organization": organization.pk if organization else None,
               "program": program.code if program else None},
        area_path=granting.grant_path(grant),
    )
    return grant


@transaction.atomic
def role_grant_remove(*, actor, grant: RoleGrant, reason: str = "") -> None:
    if not granting.may_regrant(actor, grant):
        raise PermissionDenied
    if grant.user_id == actor.pk:
        raise ValidationError(_("You cannot take away your own role; another officer or the operator can."))
    user = grant.user
    before = {"role": grant.role, "area": grant.area.code if grant.area else None, "organization": grant.organization_id,
              "program": grant.program.code if grant.program else None}
    path = granting.grant_path(grant)
    if grant.role == Role.ORG_MEMBER:  # an administrator is always a member: leaving the one ends the other
        administrator = RoleGrant.objects.filter(user=user, role=Role.ORG_ADMIN, organization=grant.organization).first()
        if administrator is not None:
            administrator.delete()
            log_action(actor=actor, action="accounts.role_grant.removed", obj=user, reason=reason, area_path=path,
                       before={**before, "role": Role.ORG_ADMIN.value})
    grant.delete()
    forget_grants(user)
    log_action(actor=actor, action="accounts.role_grant.removed", obj=user, before=before, reason=reason, area_path=path)


@transaction.atomic
def user_set_active(*, actor, user: User, active: bool, reason: str) -> User:
    """Deactivate (never delete: history keeps its names) or reactivate an account, with a reason."""
    if not granting.may_manage_user(actor, user):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason; it is kept in the account's history.")})
    if user.is_active == active:
        raise ValidationError(_("The account is already active.") if active else _("The account is already deactivated."))
    before = snapshot(user, USER_AUDITED)
    user.is_active = active
    user.save(update_fields=["is_active"])
    log_action(actor=actor, action="accounts.user.activated" if active else "accounts.user.deactivated", obj=user,
               before=before, after=snapshot(user, USER_AUDITED), reason=reason.strip())
    return user


@transaction.atomic
def user_language_set(*, actor, language: str) -> None:
    """The interface language a person chose, kept for their next visits and their notifications."""
    if language not in dict(settings.LANGUAGES) or actor.language == language:
        return
    actor.language = language
    actor.save(update_fields=["language"])


@transaction.atomic
def user_password_set(*, actor, user: User, password: str, how: str) -> None:
    """A new password (after a reset link, or changed by the person themselves); ``how`` is recorded."""
    if actor.pk != user.pk:
        raise PermissionDenied
    user.set_password(password)
    user.save(update_fields=["password"])
    log_action(actor=actor, action="accounts.user.password_set", obj=user, after={"how": how})


def password_reset_request(*, address: str, link_for) -> int:
    """Send a reset link to every active account with this e-mail address or mobile number.

    The page answers the same whether or not an account matched (nobody learns who has one);
    ``link_for(user)`` builds the expiring, single-use link. Returns how many were sent, for tests.
    """
    from yichuang.core.delivery import deliver
    from yichuang.kernel.identifiers import IdentifierError, validate_cn_phone

    address = address.strip()
    if "@" in address:
        users = User.objects.filter(email__iexact=address, is_active=True)
    else:
        try:
            users = User.objects.filter(phone=validate_cn_phone(address), is_active=True)
        except IdentifierError:
            return 0
    sent = 0
    for user in users:
        if not user.has_usable_password():
            continue
        deliver(to=address, kind="password_reset", subject=_("Set a new password for Yichuang"),
                body=_("Someone asked to set a new password for the account %(username)s. If it was you, open this "
                       "link within %(hours)s hours; it works once:\n%(link)s\nIf it was not you, ignore this message: "
                       "your password stays as it is.") % {"username": user.username, "link": link_for(user),
                                                           "hours": settings.PASSWORD_RESET_TIMEOUT // 3600})
        log_action(actor=user, action="accounts.user.password_reset_requested", obj=user, after={"to": address})
        sent += 1
    return sent
