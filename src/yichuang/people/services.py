"""Inviting people: an officer (or the operator) invites someone to a role in a scope; the link opens
an account with that role, or adds the role to the account of whoever is logged in."""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from yichuang.accounts import granting
from yichuang.accounts.models import RoleGrant
from yichuang.accounts.roles import ORGANIZATION_SCOPED, Role
from yichuang.accounts.services import role_grant_add, user_register
from yichuang.core.audit import log_action
from yichuang.core.delivery import deliver
from yichuang.kernel.identifiers import IdentifierError, validate_cn_phone
from yichuang.people.models import Invitation, token_digest


def normalized_address(text: str) -> str:
    """An e-mail address as given, or a mobile number in its one canonical form; else a clear error."""
    text = text.strip()
    if "@" in text:
        local, _at, domain = text.partition("@")
        if not local or "." not in domain:
            raise ValidationError({"address": _("Enter an e-mail address such as name@example.org or an 11-digit mobile number.")})
        return text
    try:
        return validate_cn_phone(text)
    except IdentifierError:
        raise ValidationError({"address": _("Enter an e-mail address such as name@example.org or an 11-digit mobile number.")}) from None


# Purpose → hook(invitation=…, user=…), run when such an invitation is accepted, in its transaction.
# Higher apps register theirs at start-up (the reviews app: "expert" links the pool entry).
ACCEPT_HOOKS: dict = {}


def on_accept(purpose: str, hook) -> None:
    ACCEPT_HOOKS[purpose] = hook


def open_invitation_for(purpose: str, subject_id: int) -> Invitation | None:
    now = timezone.now()
    return Invitation.objects.filter(purpose=purpose, subject_id=subject_id, accepted_at=None, revoked_at=None,
                                     expires_at__gt=now).first()


def invitation_link(token: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("people:join", args=[token])


@transaction.atomic
def invitation_create(*, actor, display_name: str, address: str, role: str, area=None, organization=None,
                      program=None, purpose: str = "", subject_id: int | None = None) -> tuple[Invitation, str]:
    """The invitation and its link's secret (shown once to the inviter, sent to ``address``)."""
    if not (granting.manages_people(actor) or granting.colleague_organizations(actor)):
        raise PermissionDenied
    if (role in ORGANIZATION_SCOPED) != (organization is not None) or [area, organization, program].count(None) != 2:
        raise ValidationError(_("An organization member is invited to an organization; every other role to an area "
                                "(or, for officers, supervisors and auditors, to a single program)."))
    if not granting.may_grant(actor, role, area=area, organization=organization, program=program):
        raise ValidationError(_("You may give roles only within the areas you manage; ask the platform operator for "
                                "this one."))
    if not display_name.strip():
        raise ValidationError({"display_name": _("Give the person's name.")})
    token = secrets.token_urlsafe(24)
    invitation = Invitation.objects.create(
        digest=token_digest(token), display_name=display_name.strip()[:50], address=normalized_address(address), role=role,
        area=area, organization=organization, program=program, invited_by=actor, purpose=purpose, subject_id=subject_id,
        expires_at=timezone.now() + datetime.timedelta(days=settings.INVITATION_DAYS))
    scope = organization or program or area
    log_action(actor=actor, action="people.invitation.created", obj=invitation,
               after={"role": role, "address": invitation.address, "scope": str(scope)},
               area_path=granting.grant_path(invitation))
    deliver(to=invitation.address, kind="invitation",
            subject=_("Invitation to Yichuang: %(role)s, %(scope)s") % {"role": Role(role).label, "scope": scope},
            body=_("%(inviter)s invites you to Yichuang as %(role)s (%(scope)s). Open this link to set your password "
                   "and start; it works once, until %(until)s:\n%(link)s") % {
                "inviter": actor, "role": Role(role).label, "scope": scope, "link": invitation_link(token),
                "until": timezone.localtime(invitation.expires_at).strftime("%Y-%m-%d %H:%M")})
    return invitation, token


def invitation_for(token: str) -> Invitation:
    """The open invitation behind a link; a ValidationError saying why a link no longer works."""
    invitation = (Invitation.objects.select_related("area", "organization", "organization__area", "program__area", "invited_by")
                  .filter(digest=token_digest(token)).first())
    if invitation is None:
        raise ValidationError(_("This invitation link is not valid. Check that it was copied whole."))
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation has already been used. Log in with the account it opened."))
    if invitation.revoked_at is not None:
        raise ValidationError(_("This invitation was withdrawn. Ask the person who invited you for a new one."))
    if invitation.expires_at <= timezone.now():
        raise ValidationError(_("This invitation has expired. Ask the person who invited you for a new one."))
    return invitation


def _claim(token: str) -> Invitation:
    invitation = invitation_for(token)
    claimed = Invitation.objects.filter(pk=invitation.pk, accepted_at=None).update(accepted_at=timezone.now())
    if not claimed:  # two tabs, one link
        raise ValidationError(_("This invitation has already been used. Log in with the account it opened."))
    return invitation


def _grant(invitation: Invitation, user) -> None:
    # The inviter's right to grant was checked when inviting; the grant is theirs, made now.
    scope = {"area": invitation.area, "organization": invitation.organization, "program": invitation.program}
    if not RoleGrant.objects.filter(user=user, role=invitation.role, **scope).exists():
        role_grant_add(actor=invitation.invited_by, user=user, role=invitation.role, **scope)
    Invitation.objects.filter(pk=invitation.pk).update(accepted_by=user)
    if invitation.purpose:
        ACCEPT_HOOKS[invitation.purpose](invitation=invitation, user=user)
    log_action(actor=user, action="people.invitation.accepted", obj=invitation, after={"user": user.username},
               area_path=granting.grant_path(invitation))


@transaction.atomic
def invitation_accept(*, token: str, username: str, password: str, display_name: str = ""):
    """A new account with the invited role; the person is logged in by the caller."""
    invitation = _claim(token)
    email, phone = (invitation.address, "") if "@" in invitation.address else ("", invitation.address)
    user = user_register(username=username.strip(), password=password, display_name=(display_name or invitation.display_name).strip(),
                         email=email, phone=phone)
    _grant(invitation, user)
    return user


@transaction.atomic
def invitation_accept_existing(*, actor, token: str) -> None:
    """The invited role added to the account of the person logged in (one person, one account)."""
    if not actor.is_authenticated:
        raise PermissionDenied
    _grant(_claim(token), actor)


@transaction.atomic
def invitation_revoke(*, actor, invitation: Invitation) -> None:
    if not granting.may_regrant(actor, invitation):
        raise PermissionDenied
    if not invitation.is_open:
        raise ValidationError(_("This invitation is no longer open."))
    Invitation.objects.filter(pk=invitation.pk).update(revoked_at=timezone.now())
    log_action(actor=actor, action="people.invitation.revoked", obj=invitation, area_path=granting.grant_path(invitation))
