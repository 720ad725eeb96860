"""Registering volunteers (Art. 5), their consents, revealing and exporting their data, and erasing it.

An ID number is normalised, checked against the typed birth date and gender, encrypted, and found
again by its keyed hash: the same person cannot be registered twice, and a raw read of the database
shows neither the number nor anything from which it can be computed.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yichuang.accounts.roles import Role
from yichuang.core import crypto
from yichuang.core.audit import log_action
from yichuang.core.identifier_messages import as_validation_error
from yichuang.kernel import volunteers as rules
from yichuang.kernel.chinese import pinyin_sort_key as sort_key
from yichuang.kernel.identifiers import IdentifierError, validate_cn_phone
from yichuang.places.models import Area, Organization
from yichuang.volunteers import permissions
from yichuang.volunteers.consent import CONSENT_VERSION
from yichuang.volunteers.models import Consent, IdKind, ServiceRecord, Volunteer

LOOKUP_PURPOSE = "volunteer-id-lookup"


@dataclass
class Registration:
    """What the registration form collected (Art. 5), and the consents given."""

    name: str
    gender: str
    birth_date: dt.date
    id_kind: str
    id_number: str
    area: Area
    phone: str
    skills: list[str]
    categories: list[str]
    skills_note: str = ""
    sensitive_consent: bool = False
    guardian_name: str = ""
    guardian_phone: str = ""


def id_lookup(kind: str, number: str) -> str:
    return rules.keyed_hash(crypto.purpose_key(LOOKUP_PURPOSE), kind, number)


def _clean_document(data: Registration) -> str:
    try:
        number = rules.normalise_document(data.id_kind, data.id_number)
    except IdentifierError as error:
        raise as_validation_error(error, what=str(IdKind(data.id_kind).label) if data.id_kind in IdKind.values
                                  else _("the document number")) from None
    problems = rules.document_disagreements(data.id_kind, number, birth_date=data.birth_date, gender=data.gender)
    messages = {"birth_date": _("The date of birth does not agree with the ID number: please check both."),
                "gender": _("The gender does not agree with the ID number: please check both.")}
    if problems:
        raise ValidationError([messages[code] for code in problems])
    return number


def _clean_phone(value: str, what: str) -> str:
    try:
        return validate_cn_phone(value)
    except IdentifierError:
        raise ValidationError(_("%(what)s: “%(value)s” is not a valid mainland China mobile number.")
                              % {"what": what, "value": value}) from None


def clean_registration(data: Registration, today: dt.date) -> tuple[str, str, str]:
    """The normalised document number and phones, or a ValidationError saying what is wrong."""
    if data.birth_date >= today:
        raise ValidationError(_("The date of birth must be in the past."))
    number = _clean_document(data)
    if not data.sensitive_consent:
        raise ValidationError(_("Registration needs separate consent to keep the identity document number."))
    phone = _clean_phone(data.phone, _("Mobile number"))
    guardian_phone = ""
    if rules.needs_guardian(data.birth_date, today):
        if not data.guardian_name.strip() or not data.guardian_phone.strip():
            raise ValidationError(_("A volunteer under 14 needs a guardian's consent: give the guardian's name "
                                    "and mobile number."))
        guardian_phone = _clean_phone(data.guardian_phone, _("Guardian's mobile number"))
    return number, phone, guardian_phone


def _new_number(area: Area) -> str:
    """A volunteer number that says nothing about the person: the district and random digits."""
    prefix = area.code[:6]
    while True:
        number = prefix + "".join(secrets.choice("0123456789") for _ in range(8))
        if not Volunteer.objects.filter(number=number).exists():
            return number


def volunteer_register(*, actor, data: Registration, organization: Organization | None = None,
                       paper_consent: bool = False, is_sample: bool = False) -> Volunteer:
    """Register the actor themself (``organization`` None) or, for an organization the actor
    belongs to, someone who consented on paper. Refuses a second registration of the same person."""
    now = timezone.now()
    today = timezone.localdate()
    if organization is None:
        if permissions.own_volunteer(actor) is not None:
            raise ValidationError(_("You are already registered as a volunteer."))
    elif not permissions.manages_organization(actor, organization.pk, organization.area.path):
        raise PermissionDenied
    elif not paper_consent:
        raise ValidationError(_("Registering someone else needs their signed consent form; confirm you hold it."))
    number, phone, guardian_phone = clean_registration(data, today)
    lookup = id_lookup(data.id_kind, number)
    if Volunteer.objects.filter(id_lookup=lookup).exists():
        raise ValidationError(_("This person is already registered as a volunteer (same identity document). "
                                "Ask the community to link the existing record instead of registering again."))
    try:
        with transaction.atomic():
            volunteer = Volunteer.objects.create(
                number=_new_number(data.area), user=actor if organization is None else None,
                name=data.name.strip(), name_sort=sort_key(data.name.strip()), gender=data.gender,
                birth_date=data.birth_date, id_kind=data.id_kind, id_cipher=crypto.encrypt(number), id_lookup=lookup,
                id_masked=rules.mask_document(number), area=data.area, phone=phone, skills=sorted(set(data.skills)),
                skills_note=data.skills_note.strip(), categories=sorted(set(data.categories)),
                guardian_name=data.guardian_name.strip(), guardian_phone=guardian_phone,
                registered_via=Volunteer.Via.SELF if organization is None else Volunteer.Via.ORGANIZATION,
                organization=organization, registered_by=actor, is_sample=is_sample)
            _record_consents(volunteer, actor=actor, when=now, paper=organization is not None)
            if organization is None:
                _grant_volunteer_role(actor, data.area)
            log_action(actor=actor, action="volunteers.volunteer.registered", obj=volunteer,
                       after={"number": volunteer.number, "area": data.area.code, "via": volunteer.registered_via},
                       area_path=data.area.path)
    except IntegrityError:
        # Two registrations of the same person at the same moment: the unique lookup hash decides.
        raise ValidationError(_("This person is already registered as a volunteer (same identity document).")) from None
    permissions.forget_own_volunteer(actor)
    return volunteer


def _record_consents(volunteer: Volunteer, *, actor, when, paper: bool) -> None:
    method = Consent.Method.PAPER if paper else Consent.Method.ONLINE
    purposes = [Consent.Purpose.REGISTRATION, Consent.Purpose.SENSITIVE]
    if volunteer.guardian_name:
        purposes.append(Consent.Purpose.GUARDIAN)
    Consent.objects.bulk_create([
        Consent(volunteer=volunteer, purpose=purpose, text_version=CONSENT_VERSION, method=method, given_at=when,
                given_by_name=volunteer.guardian_name if purpose == Consent.Purpose.GUARDIAN else volunteer.name,
                recorded_by=actor)
        for purpose in purposes])


def _grant_volunteer_role(user, area: Area) -> None:
    """A self-registered volunteer holds the volunteer role in their community (no approval needed:
    the role only lets them see their own record and sign up)."""
    from yichuang.accounts.models import RoleGrant
    from yichuang.accounts.scopes import forget_grants

    RoleGrant.objects.get_or_create(user=user, role=Role.VOLUNTEER, area=area, organization=None, program=None)
    forget_grants(user)


def volunteer_reveal_id(*, actor, volunteer: Volunteer, reason: str) -> str:
    """The full document number, for someone allowed to see it, with a reason; the view is logged."""
    if not (actor.has_perm("volunteers.reveal_id", volunteer) or permissions.is_self(actor, volunteer)):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError(_("Say why you need the full value; the view is recorded."))
    log_action(actor=actor, action="core.personal_data.shown", obj=volunteer, reason=reason.strip()[:300],
               after={"field": "id_number"}, area_path=volunteer.area.path)
    return crypto.decrypt(volunteer.id_cipher)


def volunteer_export(*, actor, volunteer: Volunteer) -> dict:
    """Everything kept about the volunteer, for the volunteer (PIPL Art. 45); logged."""
    if not permissions.is_self(actor, volunteer):
        raise PermissionDenied
    log_action(actor=actor, action="volunteers.volunteer.exported", obj=volunteer, area_path=volunteer.area.path)
    from yichuang.volunteers.queries import personal_data

    return personal_data(volunteer)


@transaction.atomic
def volunteer_erase(*, actor, volunteer: Volunteer, reason: str = "") -> Volunteer:
    """Delete the personal data on the volunteer's request (PIPL Art. 47). Service records stay, as
    the organizations' records of what was done, attached to an anonymous volunteer number."""
    if not permissions.is_self(actor, volunteer):
        raise PermissionDenied
    locked = Volunteer.objects.select_for_update(of=("self",)).get(pk=volunteer.pk)
    if locked.status == Volunteer.Status.ERASED:
        raise ValidationError(_("This volunteer's personal data has already been deleted."))
    anonymous = _("Deleted volunteer")
    Volunteer.objects.filter(pk=locked.pk).update(
        name=anonymous, name_sort=sort_key(anonymous), gender="", birth_date=None, id_kind="", id_cipher="",
        id_lookup=None, id_masked="", phone="", skills=[], skills_note="", categories=[], guardian_name="",
        guardian_phone="", user=None, status=Volunteer.Status.ERASED, version=locked.version + 1)
    locked.consents.all().delete()
    locked.memberships.all().delete()
    log_action(actor=actor, action="volunteers.volunteer.erased", obj=locked, reason=reason.strip()[:300],
               after={"records_kept": ServiceRecord.objects.filter(volunteer=locked).count()},
               area_path=locked.area.path)
    permissions.forget_own_volunteer(actor)
    locked.refresh_from_db()
    return locked
