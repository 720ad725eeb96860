"""Importing experts from Excel: every row is checked first; one bad row imports nothing.

Headings may be Chinese or English. An expert whose mobile number is already in the pool is updated,
not duplicated. Domains and affiliations are names (or codes / credit codes) separated by 、,，; or spaces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from yichuang.core.sheets import read_sheet
from yichuang.kernel.numbers import parse_whole
from yichuang.places.models import ServiceDomain
from yichuang.places.validation import clean_phone
from yichuang.reviews.models import Expert
from yichuang.reviews.pool import expert_create, expert_update

MAX_ROWS = 2000
HEADINGS = {
    "name": ("姓名", "name"), "phone": ("手机", "手机号", "phone", "mobile"), "title": ("职称", "title"),
    "employer": ("工作单位", "employer"), "domains": ("专业领域", "domains"), "affiliations": ("关联机构", "affiliations"),
    "min_load": ("最少评审数", "min load"), "max_load": ("最多评审数", "max load"), "note": ("备注", "note"),
}
TEMPLATE_HEADINGS = ["姓名", "手机", "职称", "工作单位", "专业领域", "关联机构", "最少评审数", "最多评审数", "备注"]
_SPLIT = re.compile(r"[、,，;；\s]+")


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    problems: list[str] = field(default_factory=list)


def read_rows(upload) -> list[tuple[int, dict]]:
    return read_sheet(upload, HEADINGS, required="name", max_rows=MAX_ROWS)


def _load(value, default: int, number: int, label: str, problems: list) -> int:
    if value in (None, ""):
        return default
    text = str(value).strip()
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    whole = parse_whole(text)
    if whole is None or whole < 0:
        problems.append(_("Row %(row)s, “%(column)s”: enter a whole number.") % {"row": number, "column": label})
        return default
    return whole


def _lookup(value, table: dict, number: int, label: str, problems: list) -> list:
    found = []
    for part in _SPLIT.split(str(value or "").strip()):
        if not part:
            continue
        if part not in table:
            problems.append(_("Row %(row)s, “%(column)s”: “%(value)s” is not known.") % {"row": number, "column": label, "value": part})
        else:
            found.append(table[part])
    return found


def check(rows: list[tuple[int, dict]], organizations) -> tuple[list[dict], list[str]]:
    domains = {**{d.code: d for d in ServiceDomain.objects.all()}, **{d.name_zh: d for d in ServiceDomain.objects.all()},
               **{d.name_en: d for d in ServiceDomain.objects.all()}}
    orgs = {**{o.name: o for o in organizations}, **{o.uscc: o for o in organizations if o.uscc}}
    problems, clean, phones = [], [], {}
    for number, raw in rows:
        name = str(raw.get("name") or "").strip()
        if not name:
            problems.append(_("Row %(row)s, “%(column)s”: enter the expert's name.") % {"row": number, "column": "姓名"})
        phone = str(raw.get("phone") or "").strip()
        if phone:
            try:
                phone = clean_phone(phone)
            except ValidationError as error:
                problems.append(_("Row %(row)s, “%(column)s”: %(message)s") % {"row": number, "column": "手机", "message": error.messages[0]})
            if phone in phones:
                problems.append(_("Row %(row)s, “%(column)s”: the same number is on row %(other)s.") % {"row": number, "column": "手机", "other": phones[phone]})
            phones[phone] = number
        min_load = _load(raw.get("min_load"), 0, number, "最少评审数", problems)
        max_load = _load(raw.get("max_load"), 10, number, "最多评审数", problems)
        if min_load > max_load:
            problems.append(_("Row %(row)s: the fewest reviews is above the most.") % {"row": number})
        clean.append({"name": name, "phone": phone, "title": str(raw.get("title") or "").strip()[:100],
                      "employer": str(raw.get("employer") or "").strip()[:200], "note": str(raw.get("note") or "").strip()[:500],
                      "domains": _lookup(raw.get("domains"), domains, number, "专业领域", problems),
                      "affiliations": _lookup(raw.get("affiliations"), orgs, number, "关联机构", problems),
                      "min_load": min_load, "max_load": max_load})
    return clean, problems


@transaction.atomic
def experts_import(*, actor, area, upload, organizations) -> ImportResult:
    rows = read_rows(upload)
    clean, problems = check(rows, list(organizations))
    if problems:
        return ImportResult(problems=problems)
    result = ImportResult()
    for fields in clean:
        existing = Expert.objects.filter(phone=fields["phone"]).first() if fields["phone"] else None
        if existing:
            expert_update(actor=actor, expert=existing, version=existing.version, **fields)
            result.updated += 1
        else:
            expert_create(actor=actor, area=area, **fields)
            result.created += 1
    return result
