"""Residents sign up with their mobile number; a community worker verifies them at the service point.

Only a verified resident holds the resident role of their community, and so takes part identified
(resident votes now). The mobile number is the user name: residents log in with it.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from yichuang.accounts import granting
from yichuang.accounts.models import User
from yichuang.accounts.roles import Role
from yichuang.accounts.scopes import path_within, q_path_within
from yichuang.accounts.services import role_grant_add, user_register
from yichuang.core.audit import log_action
from yichuang.kernel.identifiers import IdentifierError, validate_cn_phone
from yichuang.people.deciding import record_decision
from yichuang.people.models import RegistrationStatus, ResidentSignup, VerificationMethod
from yichuang.places.models import AreaLevel


def _mobile(text: str) -> tuple[str, str]:
    """The number as stored (E.164) and as the user name (11 digits)."""
    try:
        e164 = validate_cn_phone(text)
    except IdentifierError:
        raise ValidationError({"phone": _("Enter your 11-digit mobile number.")}) from None
    digits = e164.removeprefix("+86")
    if len(digits) != 11 or not digits.startswith("1"):
        raise ValidationError({"phone": _("Enter your 11-digit mobile number.")})
    return e164, digits


@transaction.atomic
def resident_sign_up(*, phone: str, display_name: str, password: str, community, is_sample: bool = False) -> ResidentSignup:
    if community is None or community.level != AreaLevel.COMMUNITY:
        raise ValidationError({"community": _("Choose the community or village where you live.")})
    e164, digits = _mobile(phone)
    if User.objects.filter(phone=e164).exists() or User.objects.filter(username=digits).exists():
        raise ValidationError({"phone": _("An account with this mobile number exists already: log in, or set a new "
                                          "password if you forgot it.")})
    user = user_register(username=digits, password=password, display_name=display_name.strip(), phone=e164,
                         is_sample=is_sample)
    signup = ResidentSignup.objects.create(user=user, community=community)
    log_action(actor=user, action="people.resident.signed_up", obj=signup, after={"community": community.code},
               area_path=community.path)
    return signup


def signups_to_verify(actor):
    """Waiting sign-ups of the communities where ``actor`` verifies residents."""
    return (ResidentSignup.objects.filter(status=RegistrationStatus.WAITING)
            .filter(q_path_within("community__path", granting.verifies_residents(actor)))
            .select_related("user", "community").order_by("requested_at", "id"))


def _locked(actor, signup: ResidentSignup) -> ResidentSignup:
    signup = ResidentSignup.objects.select_for_update(of=("self",)).select_related("user", "community").get(pk=signup.pk)
    if not path_within(signup.community.path, granting.verifies_residents(actor)):
        raise PermissionDenied
    if signup.user_id == actor.pk:
        raise ValidationError(_("Nobody verifies themselves: another community worker verifies you."))
    if signup.status != RegistrationStatus.WAITING:
        raise ValidationError(_("This sign-up has already been decided."))
    return signup


@transaction.atomic
def resident_verify(*, actor, signup: ResidentSignup, method: str, note: str = "") -> ResidentSignup:
    """Seen at the service point: the person becomes a resident of the community (recorded: who, when, how)."""
    signup = _locked(actor, signup)
    if method not in VerificationMethod.values:
        raise ValidationError({"method": _("Say how you verified the person.")})
    role_grant_add(actor=actor, user=signup.user, role=Role.RESIDENT, area=signup.community)
    record_decision(signup, actor=actor, status=RegistrationStatus.VERIFIED, note=note, method=method)
    log_action(actor=actor, action="people.resident.verified", obj=signup, after={"method": method},
               reason=signup.decision_note, area_path=signup.community.path)
    return signup


@transaction.atomic
def resident_reject(*, actor, signup: ResidentSignup, reason: str) -> ResidentSignup:
    signup = _locked(actor, signup)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why; the person reads it on their workspace.")})
    record_decision(signup, actor=actor, status=RegistrationStatus.REJECTED, note=reason)
    log_action(actor=actor, action="people.resident.rejected", obj=signup, reason=signup.decision_note,
               area_path=signup.community.path)
    return signup
