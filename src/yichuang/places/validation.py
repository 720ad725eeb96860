"""Rules an organization must satisfy, shared by forms (for messages) and services (as the guard)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from yichuang.core.identifier_messages import as_validation_error
from yichuang.kernel.identifiers import IdentifierError, validate_cn_phone, validate_uscc
from yichuang.places.models import CODE_LENGTH, LEVEL_ORDER, USCC_REQUIRED, Area, AreaLevel, OrganizationType


def clean_uscc(value: str | None) -> str | None:
    if not value or not value.strip():
        return None
    try:
        return validate_uscc(value)
    except IdentifierError as error:
        raise as_validation_error(error, what=_("the unified social credit code")) from error


def clean_phone(value: str) -> str:
    if not value or not value.strip():
        return ""
    try:
        return validate_cn_phone(value)
    except IdentifierError as error:
        raise as_validation_error(error, what=_("the phone number")) from error


# The first two characters of a credit code (GB 32100-2015): the registering authority (5 civil affairs,
# 9 market regulation, 1 staffing offices) and the kind of body it registered. Each organization type
# admits the codes its registrations carry.
USCC_PREFIXES = {
    OrganizationType.SOCIAL_GROUP: ("51",),
    OrganizationType.PRIVATE_NON_ENTERPRISE: ("52",),
    OrganizationType.FOUNDATION: ("53",),
    OrganizationType.ENTERPRISE: ("91", "92", "93"),
    OrganizationType.GOVERNMENT: ("11", "12", "13", "19"),
    OrganizationType.SOCIAL_WORK_STATION: ("11", "12", "19", "51", "52"),
    OrganizationType.HUB: ("51", "52", "59"),
}


def _prefix_problem(org_type: str, uscc: str) -> str | None:
    allowed = USCC_PREFIXES.get(org_type)
    if not allowed or uscc[:2] in allowed:
        return None
    return _("A credit code starting “%(prefix)s” does not belong to a %(type)s (expected %(allowed)s). Check the code "
             "or the type.") % {"prefix": uscc[:2], "type": OrganizationType(org_type).label, "allowed": "、".join(allowed)}


def check_organization(*, org_type: str, uscc: str | None, area: Area | None) -> None:
    """Cross-field rules; raises one ValidationError keyed by field."""
    errors: dict[str, str] = {}
    if org_type in USCC_REQUIRED and not uscc:
        errors["uscc"] = _("A registered organization of this type needs its unified social credit code.")
    elif uscc and (problem := _prefix_problem(org_type, uscc)):
        errors["uscc"] = problem
    if org_type == OrganizationType.COMMUNITY_GROUP:
        if uscc:
            errors["uscc"] = _(
                "Unregistered community groups have no credit code; choose another type if it is registered."
            )
        if area is not None and area.level != AreaLevel.COMMUNITY:
            errors["area"] = _("An unregistered community group is filed under a community or village.")
    if errors:
        raise ValidationError(errors)


def check_new_area(*, parent: Area | None, code: str) -> AreaLevel:
    """The level a new child of ``parent`` gets, after checking its code nests under the parent's."""
    if parent is None:
        level = AreaLevel.PROVINCE
    else:
        index = LEVEL_ORDER.index(AreaLevel(parent.level))
        if index + 1 >= len(LEVEL_ORDER):
            raise ValidationError(_("A community or village cannot contain further areas."))
        level = LEVEL_ORDER[index + 1]
    expected = CODE_LENGTH[level]
    if not code.isascii() or not code.isdigit() or len(code) != expected:
        raise ValidationError(
            {"code": _("The code of a %(level)s has exactly %(n)s digits.") % {"level": level.label, "n": expected}}
        )
    if parent is not None and not code.startswith(parent.code):
        raise ValidationError(
            {"code": _("The code must start with the parent area's code %(code)s.") % {"code": parent.code}}
        )
    return level
