"""Inviting many people at once from an Excel sheet: every row is checked first, and one bad row
invites nobody. Each good row becomes an ordinary invitation (same rules, same audit, same delivery)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import override

from yichuang.accounts import granting
from yichuang.accounts.roles import ORGANIZATION_SCOPED, Role
from yichuang.core.sheets import read_sheet, text
from yichuang.people.models import Invitation
from yichuang.people.services import invitation_create, normalized_address
from yichuang.places.models import Area, Organization

MAX_ROWS = 500
HEADINGS = {
    "name": ("姓名", "name"), "address": ("手机或邮箱", "e-mail or mobile", "mobile", "e-mail", "手机", "邮箱"),
    "role": ("角色", "role"), "scope": ("范围", "scope"),
}
TEMPLATE_HEADINGS = ["姓名", "手机或邮箱", "角色", "范围"]


@dataclass
class ImportResult:
    invited: list[Invitation] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def role_names() -> dict[str, str]:
    """A role as people type it: its code, or its label in Chinese or English (case-insensitive)."""
    names = {}
    for role in Role:
        names[role.value] = role.value
        for language in ("zh-hans", "en"):
            with override(language):
                names[str(role.label).lower()] = role.value
    return names


def _problem(number: int, column: str, message: str) -> str:
    return _("Row %(row)s, “%(column)s”: %(message)s") % {"row": number, "column": column, "message": message}


def _scope(value: str, role: str):
    """The area (by its division code) or organization (by its credit code) a role is given in."""
    if role in ORGANIZATION_SCOPED:
        organization = Organization.objects.select_related("area").filter(uscc=value.upper()).first()
        if organization is None:
            raise ValidationError(_("no organization has the credit code “%(value)s”.") % {"value": value})
        return None, organization
    area = Area.objects.filter(code=value).first()
    if area is None:
        raise ValidationError(_("no area has the division code “%(value)s”.") % {"value": value})
    return area, None


def check(rows: list[tuple[int, dict]], actor) -> tuple[list[dict], list[str]]:
    roles = role_names()
    problems, clean, seen = [], [], {}
    for number, raw in rows:
        row_problems = []
        name = text(raw.get("name"))[:50]
        if not name:
            row_problems.append(_problem(number, "姓名", _("enter the person's name.")))
        try:
            address = normalized_address(text(raw.get("address")))
        except ValidationError as error:
            row_problems.append(_problem(number, "手机或邮箱", error.messages[0]))
            address = ""
        role = roles.get(text(raw.get("role")).lower())
        if role is None:
            row_problems.append(_problem(number, "角色", _("“%(value)s” is not a role; use one of: %(roles)s.") % {
                "value": text(raw.get("role")), "roles": "、".join(str(r.label) for r in granting.grantable_roles(actor))}))
        area = organization = None
        if role is not None:
            try:
                area, organization = _scope(text(raw.get("scope")), role)
            except ValidationError as error:
                row_problems.append(_problem(number, "范围", error.messages[0]))
            else:
                if not granting.may_grant(actor, role, area=area, organization=organization):
                    row_problems.append(_problem(number, "范围", _("you may not give this role there.")))
        key = (address, role, area, organization)
        if address and key in seen:
            row_problems.append(_problem(number, "手机或邮箱", _("the same invitation is on row %(other)s.") % {"other": seen[key]}))
        seen.setdefault(key, number)
        problems += row_problems
        clean.append({"display_name": name, "address": address, "role": role, "area": area, "organization": organization})
    return clean, problems


@transaction.atomic
def people_import(*, actor, upload) -> ImportResult:
    """Invite every row, or (when any row is wrong) nobody, with every problem listed."""
    if not granting.manages_people(actor):
        raise PermissionDenied
    clean, problems = check(read_sheet(upload, HEADINGS, required="name", max_rows=MAX_ROWS), actor)
    if problems:
        return ImportResult(problems=problems)
    return ImportResult(invited=[invitation_create(actor=actor, **fields)[0] for fields in clean])
