"""The application document in words: one label for every key of the kernel's schema.

``kernel.applications`` holds the keys, their order, types and limits; this module adds what people
read. The editor, the reader, the PDFs, the version diff and the audit history all take their labels
and their value wording from here, and a test holds these labels to the kernel's keys exactly, so a
new field cannot reach a page as a raw key.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yichuang.kernel import applications as doc
from yichuang.kernel.money import Money

SCALAR_LABELS = {
    "title": gettext_lazy("Project title"),
    "summary": gettext_lazy("Summary"),
    "domain": gettext_lazy("Service domain"),
    "beneficiary_group": gettext_lazy("Who it serves"),
    "beneficiary_count": gettext_lazy("How many people it serves"),
    "need_evidence": gettext_lazy("The problem and the evidence of need"),
    "goals": gettext_lazy("Goals"),
}
SECTION_LABELS = {
    "activities": gettext_lazy("Planned activities"),
    "indicators": gettext_lazy("Output indicators"),
    "team": gettext_lazy("Team"),
    "budget": gettext_lazy("Budget"),
}
ROW_LABELS = {
    "activities": {
        "name": gettext_lazy("Activity"), "start": gettext_lazy("From"), "end": gettext_lazy("To"),
        "sessions": gettext_lazy("Number of sessions"), "participants": gettext_lazy("Participants"),
        "description": gettext_lazy("Description"),
    },
    "indicators": {
        "kind": gettext_lazy("Indicator"), "name": gettext_lazy("Name"), "target": gettext_lazy("Target"),
        "unit": gettext_lazy("Unit"),
    },
    "team": {"name": gettext_lazy("Name"), "role": gettext_lazy("Role"), "qualification": gettext_lazy("Qualification")},
    "budget": {
        "category": gettext_lazy("Category"), "item": gettext_lazy("Item"), "grant_fen": gettext_lazy("Grant (yuan)"),
        "own_fen": gettext_lazy("Own funds (yuan)"), "matched_fen": gettext_lazy("Matched funds (yuan)"),
    },
}
CHOICE_LABELS = {
    ("indicators", "kind"): {
        "activities": gettext_lazy("Activities held"),
        "person_times": gettext_lazy("Person-times served"),
        "beneficiaries": gettext_lazy("People served"),
        "volunteer_hours": gettext_lazy("Volunteer hours"),
        "custom": gettext_lazy("Other (name it)"),
    },
    ("budget", "category"): {
        "personnel": gettext_lazy("Personnel"),
        "activities": gettext_lazy("Activities"),
        "materials": gettext_lazy("Materials"),
        "publicity": gettext_lazy("Publicity"),
        "venue": gettext_lazy("Venue"),
        "transport": gettext_lazy("Transport"),
        "other": gettext_lazy("Other"),
    },
}
_FEN = "_fen"


def input_key(key: str) -> str:
    """The editor's name for a stored key: money is typed in yuan ("grant_fen" → "grant")."""
    return key[: -len(_FEN)] if key.endswith(_FEN) else key


@dataclass(frozen=True)
class Column:
    """One field of a row section, as the editor and the reader lay it out."""

    key: str
    name: str  # the editor's input name
    label: str
    kind: str
    max_length: int | None
    choices: tuple[tuple[str, str], ...]


def columns(section: str) -> list[Column]:
    return [
        Column(
            key=key, name=input_key(key), label=str(ROW_LABELS[section][key]), kind=spec.kind, max_length=spec.max_length,
            choices=tuple((code, str(CHOICE_LABELS[(section, key)][code])) for code in spec.choices),
        )
        for key, spec in doc.ROW_SPECS[section].items()
    ]


def choice_label(section: str, key: str, code) -> str:
    """The label of a coded value; a code no longer offered is shown as it was stored."""
    label = CHOICE_LABELS.get((section, key), {}).get(code)
    return str(label) if label is not None else str(code)


def indicator_label(code: str) -> str:
    return choice_label("indicators", "kind", code)


def category_label(code: str) -> str:
    return choice_label("budget", "category", code)


_PATH = re.compile(r"^(?P<section>[a-z_]+)(?:\.(?P<row>\d+))?(?:\.(?P<field>[a-z_]+))?$")


def _parts(path: str) -> tuple[str, int | None, str | None] | None:
    match = _PATH.match(str(path))
    if match is None:
        return None
    return match["section"], (int(match["row"]) if match["row"] is not None else None), match["field"]


def is_document_path(path) -> bool:
    parts = _parts(path) if isinstance(path, str) else None
    return parts is not None and (parts[0] in SCALAR_LABELS or parts[0] in SECTION_LABELS)


def field_label(section: str, key: str) -> str:
    label = ROW_LABELS.get(section, {}).get(input_key(key) + _FEN) or ROW_LABELS.get(section, {}).get(key)
    return str(label) if label is not None else _("other detail")


def label_for_path(path: str) -> str:
    """A kernel path as people read it: "budget.1.grant_fen" → "Budget, row 2: Grant (yuan)"."""
    parts = _parts(path)
    if parts is None:
        return _("other detail")
    section, row, key = parts
    if section in SCALAR_LABELS:
        return str(SCALAR_LABELS[section])
    if section not in SECTION_LABELS:
        return _("other detail")
    text = str(SECTION_LABELS[section])
    if row is not None:
        text = _("%(section)s, row %(n)s") % {"section": text, "n": row + 1}
    if key:
        text += _(": ") + field_label(section, key)
    return text


def _field_text(section: str, key: str, value) -> str:
    if value is None or value == "":
        return "—"
    if (section, key) in CHOICE_LABELS:
        return choice_label(section, key, value)
    if key.endswith(_FEN) and isinstance(value, int):
        return Money(value).format()
    if isinstance(value, datetime.date):
        return date_format(value)
    return str(value)


def value_text(path: str, value) -> str:
    """A value at ``path`` in words: choices by label, money in yuan, a whole row as "label: value; …"."""
    parts = _parts(path)
    if value is None or value == "":
        return "—"
    if parts is None or parts[0] not in SECTION_LABELS:
        return str(value)
    section, _row, key = parts
    if key:
        return _field_text(section, key, value)
    if isinstance(value, dict):
        # In the schema's order: PostgreSQL's JSON keeps keys in its own order, not the editor's.
        known = list(doc.ROW_SPECS.get(section, {}))
        order = known + sorted(set(value) - set(known), key=str)
        shown = [(k, value[k]) for k in order if k in value and value[k] not in (None, "")]
        return _("; ").join(f"{field_label(section, k)}{_(': ')}{_field_text(section, k, v)}" for k, v in shown) or "—"
    return str(value)
