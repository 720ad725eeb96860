"""Organizations register themselves: the public form, the officer's verification or rejection.

The form runs the same checks as an officer's record (credit code, its authority and type characters
against the type, a duplicate pointed at the existing record), so a verification cannot fail on data
the organization could have fixed itself.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from yichuang.accounts import granting
from yichuang.accounts.models import User
from yichuang.accounts.roles import Role
from yichuang.accounts.scopes import ancestor_paths, path_within
from yichuang.accounts.services import role_grant_add, user_register
from yichuang.core.audit import log_action
from yichuang.core.uploads import check_upload
from yichuang.notifications.messenger import Message, notify
from yichuang.people.deciding import record_decision
from yichuang.people.models import OrganizationRegistration, RegistrationStatus
from yichuang.places.models import Organization
from yichuang.places.services import duplicate_message, organization_create
from yichuang.places.validation import check_organization, clean_phone, clean_uscc

CERTIFICATE_TYPES = ("pdf", "jpg", "jpeg", "png")
CERTIFICATE_MAX_MB = 10


def _checked(data: dict) -> dict:
    """The organization's data as it will be recorded; a ValidationError keyed by field otherwise."""
    data = dict(data)
    try:
        data["uscc"] = clean_uscc(data.get("uscc")) or ""
    except ValidationError as error:
        raise ValidationError({"uscc": error.messages}) from error
    try:
        data["contact_phone"] = clean_phone(data.get("contact_phone", ""))
    except ValidationError as error:
        raise ValidationError({"contact_phone": error.messages}) from error
    check_organization(org_type=data["org_type"], uscc=data["uscc"] or None, area=data["area"])
    if data["uscc"]:
        existing = Organization.objects.filter(uscc=data["uscc"]).select_related("area").first()
        if existing is not None:
            raise ValidationError({"uscc": duplicate_message(existing)})
        if OrganizationRegistration.objects.filter(uscc=data["uscc"], status=RegistrationStatus.WAITING).exists():
            raise ValidationError({"uscc": _("A registration with this code is already waiting for verification.")})
    return data


@transaction.atomic
def registration_submit(*, actor=None, account: dict | None = None, data: dict, certificate) -> OrganizationRegistration:
    """From the public site: a logged-in person registers for themselves; anyone else opens an account
    (``account``: username, password, display_name) with the registration."""
    data = _checked(data)
    check_upload(certificate, allowed=CERTIFICATE_TYPES, max_mb=CERTIFICATE_MAX_MB, field="certificate")
    if actor is None or not actor.is_authenticated:
        actor = user_register(username=account["username"], password=account["password"],
                              display_name=account["display_name"], phone=data["contact_phone"],
                              is_sample=account.get("is_sample", False))
    registration = OrganizationRegistration.objects.create(
        name=data["name"].strip(), org_type=data["org_type"], uscc=data["uscc"], area=data["area"],
        legal_representative=data["legal_representative"].strip(), contact_phone=data["contact_phone"],
        address=data.get("address", "").strip(), certificate=certificate, certificate_name=certificate.name[:200],
        requested_by=actor)
    log_action(actor=actor, action="people.registration.submitted", obj=registration,
               after={"name": registration.name, "uscc": registration.uscc, "type": registration.org_type},
               area_path=registration.area.path)
    officers = User.objects.filter(grants__role=Role.PROGRAM_OFFICER,
                                   grants__area__path__in=ancestor_paths(registration.area.path)).distinct()
    url = reverse("people:registration", args=[registration.pk])
    notify(officers, lambda user: Message("people.registration", _("“%(name)s” asks to be registered") % {
        "name": registration.name}, _("Check it against its registration certificate, then verify or reject it."), url),
        kind="people.registration")
    return registration


def may_decide(actor, registration: OrganizationRegistration) -> bool:
    return path_within(registration.area.path, granting.managed_paths(actor))


def _locked(registration: OrganizationRegistration, actor) -> OrganizationRegistration:
    registration = (OrganizationRegistration.objects.select_for_update(of=("self",)).select_related("area", "requested_by")
                    .get(pk=registration.pk))
    if not may_decide(actor, registration):
        raise PermissionDenied
    if registration.status != RegistrationStatus.WAITING:
        raise ValidationError(_("This registration has already been decided."))
    return registration


def _tell_requester(registration: OrganizationRegistration, subject, body) -> None:
    notify([registration.requested_by], lambda user: Message("people.registration", subject(), body(),
                                                             reverse("portal:home")), kind="people.registration")


@transaction.atomic
def registration_verify(*, actor, registration: OrganizationRegistration) -> Organization:
    """The officer checked the certificate: the organization is recorded and its registrant becomes a member."""
    registration = _locked(registration, actor)
    organization = organization_create(actor=actor, data={
        "name": registration.name, "org_type": registration.org_type, "uscc": registration.uscc or None,
        "area": registration.area, "legal_representative": registration.legal_representative,
        "contact_name": str(registration.requested_by), "contact_phone": registration.contact_phone,
        "address": registration.address})
    # The registrant is the organization's first administrator (and so a member): they invite colleagues.
    role_grant_add(actor=actor, user=registration.requested_by, role=Role.ORG_ADMIN, organization=organization)
    record_decision(registration, actor=actor, status=RegistrationStatus.VERIFIED, organization=organization)
    log_action(actor=actor, action="people.registration.verified", obj=registration,
               after={"organization": organization.pk}, area_path=registration.area.path)
    _tell_requester(registration, lambda: _("“%(name)s” is registered") % {"name": registration.name},
                    lambda: _("Your organization is verified; you can now apply to open calls."))
    return organization


@transaction.atomic
def registration_reject(*, actor, registration: OrganizationRegistration, reason: str) -> OrganizationRegistration:
    registration = _locked(registration, actor)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why; the organization reads it and can register again.")})
    record_decision(registration, actor=actor, status=RegistrationStatus.REJECTED, note=reason)
    log_action(actor=actor, action="people.registration.rejected", obj=registration, reason=registration.decision_note,
               area_path=registration.area.path)
    _tell_requester(registration, lambda: _("The registration of “%(name)s” was not accepted") % {"name": registration.name},
                    lambda: registration.decision_note)
    return registration
