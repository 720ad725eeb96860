"""Every write to places and organizations: one transaction, permission checked, audited."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from yichuang.core.audit import log_action, snapshot
from yichuang.core.errors import StaleEditError
from yichuang.kernel.chinese import pinyin_search_text, pinyin_sort_key, search_key
from yichuang.places import permissions
from yichuang.places.models import Area, CreditFlag, Organization, ServiceDomain
from yichuang.places.validation import check_new_area, check_organization, clean_phone, clean_uscc

AREA_AUDITED = ["code", "name", "level", "parent", "code_official"]
# The fields an officer edits, in form order.
ORGANIZATION_EDITABLE = [
    "name",
    "uscc",
    "org_type",
    "registering_authority",
    "legal_representative",
    "contact_name",
    "contact_phone",
    "email",
    "address",
    "area",
    "charter_scope",
    "established_on",
    "domains",
]
ORGANIZATION_AUDITED = [*ORGANIZATION_EDITABLE, "is_sample"]
# Fields an organization's own members may change; the rest is the officer's.
MEMBER_EDITABLE = {
    "legal_representative",
    "contact_name",
    "contact_phone",
    "email",
    "address",
    "charter_scope",
    "established_on",
    "domains",
}


def _index_name(obj: Area | Organization) -> None:
    obj.name_sort = pinyin_sort_key(obj.name)[: obj._meta.get_field("name_sort").max_length]
    text = f"{search_key(obj.name)} {pinyin_search_text(obj.name)}"
    if getattr(obj, "uscc", None):
        text += f" {obj.uscc.lower()}"
    obj.search_text = text[: obj._meta.get_field("search_text").max_length]


def _bump_version(model, obj, expected_version: int) -> None:
    """Optimistic lock: only the editor who saw the current version may write."""
    if not model.objects.filter(pk=obj.pk, version=expected_version).update(version=F("version") + 1):
        raise StaleEditError()
    obj.version = expected_version + 1


@transaction.atomic
def area_create(*, actor, parent: Area | None, code: str, name: str, code_official: bool = True) -> Area:
    if parent is None and not getattr(actor, "is_superuser", False):
        raise PermissionDenied
    if parent is not None and not permissions.can_manage_area(actor, parent):
        raise PermissionDenied
    code = code.strip()
    level = check_new_area(parent=parent, code=code)
    if Area.objects.filter(code=code).exists():
        raise ValidationError({"code": _("An area with this code already exists.")})
    area = Area(
        code=code,
        name=name.strip(),
        level=level,
        parent=parent,
        path=f"{parent.path if parent else '/'}{code}/",
        depth=(parent.depth + 1) if parent else 0,
        code_official=code_official,
    )
    _index_name(area)
    area.full_clean()
    area.save()
    log_action(actor=actor, action="places.area.created", obj=area, after=snapshot(area, AREA_AUDITED), area_path=area.path)
    return area


@transaction.atomic
def area_update(*, actor, area: Area, name: str, code_official: bool, expected_version: int, reason: str = "") -> Area:
    if not permissions.can_manage_area(actor, area):
        raise PermissionDenied
    before = snapshot(area, AREA_AUDITED)
    _bump_version(Area, area, expected_version)
    area.name = name.strip()
    area.code_official = code_official
    _index_name(area)
    area.full_clean()
    area.save()
    after = snapshot(area, AREA_AUDITED)
    log_action(
        actor=actor, action="places.area.updated", obj=area, before=before, after=after, reason=reason,
        area_path=area.path,
    )
    return area


def _apply_organization_data(organization: Organization, data: dict[str, Any]) -> list[ServiceDomain] | None:
    domains = data.pop("domains", None)
    for name, clean in (("uscc", clean_uscc), ("contact_phone", clean_phone)):
        if name in data:
            try:
                data[name] = clean(data[name])
            except ValidationError as error:
                raise ValidationError({name: error.messages}) from error
    for key, value in data.items():
        setattr(organization, key, value.strip() if isinstance(value, str) else value)
    check_organization(org_type=organization.org_type, uscc=organization.uscc, area=organization.area)
    _index_name(organization)
    return domains


def duplicate_message(existing: Organization) -> str:
    """Points at the record that already has the code (credit codes and names are public registry data)."""
    return _("This unified social credit code is already registered here, for “%(name)s” (%(area)s). If you work "
             "there, ask its members or the area's program officer to invite you.") % {
        "name": existing.name, "area": existing.area.name}


def _save_organization(organization: Organization) -> None:
    existing = (Organization.objects.filter(uscc=organization.uscc).exclude(pk=organization.pk).select_related("area").first()
                if organization.uscc else None)
    if existing is not None:
        raise ValidationError({"uscc": duplicate_message(existing)})
    organization.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            organization.save()
    except IntegrityError as error:  # a concurrent insert of the same code
        raise ValidationError({"uscc": _("An organization with this unified social credit code is already registered.")}) from error


@transaction.atomic
def organization_create(*, actor, data: dict[str, Any]) -> Organization:
    data = dict(data)
    area = data.get("area")
    if area is None or not permissions.can_create_organization(actor, area, data.get("org_type")):
        raise PermissionDenied
    organization = Organization()
    domains = _apply_organization_data(organization, data)
    _save_organization(organization)
    if domains is not None:
        organization.domains.set(domains)
    log_action(
        actor=actor,
        action="places.organization.created",
        obj=organization,
        after=snapshot(organization, ORGANIZATION_AUDITED),
        area_path=organization.area.path,
    )
    return organization


@transaction.atomic
def organization_update(
    *, actor, organization: Organization, data: dict[str, Any], expected_version: int, reason: str = ""
) -> Organization:
    data = dict(data)
    if not permissions.can_officiate_organization(actor, organization):
        if not permissions.is_member(actor, organization) or set(data) - MEMBER_EDITABLE:
            raise PermissionDenied
    if "area" in data and not permissions.can_officiate_organization_in(actor, data["area"]):
        raise PermissionDenied
    before = snapshot(organization, ORGANIZATION_AUDITED)
    _bump_version(Organization, organization, expected_version)
    domains = _apply_organization_data(organization, data)
    _save_organization(organization)
    if domains is not None:
        organization.domains.set(domains)
    after = snapshot(organization, ORGANIZATION_AUDITED)
    log_action(
        actor=actor,
        action="places.organization.updated",
        obj=organization,
        before=before,
        after=after,
        reason=reason,
        area_path=organization.area.path,
    )
    return organization


@transaction.atomic
def credit_flag_add(
    *, actor, organization: Organization, kind: str, listed_on: datetime.date, authority: str = "", note: str = "",
    removed_on: datetime.date | None = None,
) -> CreditFlag:
    if not permissions.may_flag_organization(actor, organization, kind):
        raise PermissionDenied
    flag = CreditFlag(organization=organization, kind=kind, listed_on=listed_on, authority=authority, note=note,
                      removed_on=removed_on)
    flag.full_clean()
    flag.save()
    log_action(
        actor=actor,
        action="places.credit_flag.added",
        obj=organization,
        after=snapshot(flag, ["kind", "listed_on", "removed_on", "authority", "note"]),
        area_path=organization.area.path,
    )
    return flag


@transaction.atomic
def credit_flag_remove(*, actor, flag: CreditFlag, removed_on: datetime.date, reason: str) -> CreditFlag:
    organization = flag.organization
    if not permissions.can_officiate_organization(actor, organization):
        raise PermissionDenied
    if removed_on < flag.listed_on:
        raise ValidationError({"removed_on": _("An organization cannot leave a list before it was put on it.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the organization left the list.")})
    before = snapshot(flag, ["kind", "listed_on", "removed_on"])
    flag.removed_on = removed_on
    flag.save(update_fields=["removed_on"])
    log_action(
        actor=actor,
        action="places.credit_flag.removed",
        obj=organization,
        before=before,
        after=snapshot(flag, ["kind", "listed_on", "removed_on"]),
        reason=reason,
        area_path=organization.area.path,
    )
    return flag


@transaction.atomic
def service_domain_create(*, actor, code: str, name_zh: str, name_en: str, position: int = 0) -> ServiceDomain:
    if not getattr(actor, "is_superuser", False):
        raise PermissionDenied
    domain = ServiceDomain(code=code, name_zh=name_zh, name_en=name_en, position=position)
    domain.full_clean()
    domain.save()
    log_action(actor=actor, action="places.service_domain.created", obj=domain, after=snapshot(domain, ["code", "name_zh", "name_en"]))
    return domain
