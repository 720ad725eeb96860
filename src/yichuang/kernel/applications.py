"""The structured application document: reading what a form posts, checking it for
submission, budget totals and what changed between two versions.

The document is a plain dict stored as JSON.  After :func:`normalise_document` it
holds only ``str``, ``int``, ``None``, lists and dicts, so it always serialises
(no floats, no NaN, no Decimal).  Values that could not be read are kept as the
text the user typed, and reported as :class:`Problem` s; nothing typed is lost.

Money is integer fen under ``grant_fen`` / ``own_fen`` / ``matched_fen``.  A form
posts yuan text under ``grant`` / ``own`` / ``matched`` instead; when that text
cannot be read, the row keeps it under the yuan key with ``<key>_fen: None`` so
the editor can show it again.
"""

from __future__ import annotations

import datetime
import difflib
import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from yichuang.kernel.money import BASIS_POINTS, Money

__all__ = [
    "BUDGET_CATEGORIES",
    "INDICATOR_KINDS",
    "MONEY_KEYS",
    "ROW_SECTIONS",
    "ROW_SPECS",
    "SCALAR_SPECS",
    "Change",
    "FieldSpec",
    "Problem",
    "budget_totals",
    "by_category",
    "diff_documents",
    "document_text",
    "empty_document",
    "normalise_document",
    "validate_for_submission",
]

INDICATOR_KINDS = ("activities", "person_times", "beneficiaries", "volunteer_hours", "custom")
BUDGET_CATEGORIES = ("personnel", "activities", "materials", "publicity", "venue", "transport", "other")
MONEY_KEYS = ("grant", "own", "matched")


@dataclass(frozen=True)
class FieldSpec:
    """How one field is read and checked.  ``kind``: text, int, date, choice or money."""

    kind: str
    required: bool = False
    max_length: int | None = None
    minimum: int | None = None
    choices: tuple[str, ...] = ()


# Document order: diffs and problems are listed in this order.
SCALAR_SPECS: dict[str, FieldSpec] = {
    "title": FieldSpec("text", required=True, max_length=100),
    "summary": FieldSpec("text", max_length=500),
    # Checked against the program's domains, not a fixed list.
    "domain": FieldSpec("text", required=True),
    "beneficiary_group": FieldSpec("text", required=True, max_length=200),
    "beneficiary_count": FieldSpec("int", required=True, minimum=1),
    "need_evidence": FieldSpec("text", required=True, max_length=5000),
    "goals": FieldSpec("text", required=True, max_length=3000),
}

_MONEY = FieldSpec("money", required=True, minimum=0)

# Numbers and dates are required in rows (a blank one is not a number); free text
# only where the form marks it.  Budget amounts left blank read as 0.
ROW_SPECS: dict[str, dict[str, FieldSpec]] = {
    "activities": {
        "name": FieldSpec("text", required=True, max_length=100),
        "start": FieldSpec("date", required=True),
        "end": FieldSpec("date", required=True),
        "sessions": FieldSpec("int", required=True, minimum=1),
        "participants": FieldSpec("int", required=True, minimum=0),
        "description": FieldSpec("text", max_length=1000),
    },
    "indicators": {
        "kind": FieldSpec("choice", required=True, choices=INDICATOR_KINDS),
        # Required only for kind "custom"; see _custom_indicator_problems.
        "name": FieldSpec("text", max_length=100),
        "target": FieldSpec("int", required=True, minimum=1),
        "unit": FieldSpec("text", max_length=20),
    },
    "team": {
        "name": FieldSpec("text", required=True, max_length=50),
        "role": FieldSpec("text", max_length=50),
        "qualification": FieldSpec("text", max_length=200),
    },
    "budget": {
        "category": FieldSpec("choice", required=True, choices=BUDGET_CATEGORIES),
        "item": FieldSpec("text", required=True, max_length=100),
        "grant_fen": _MONEY,
        "own_fen": _MONEY,
        "matched_fen": _MONEY,
    },
}
ROW_SECTIONS = tuple(ROW_SPECS)


@dataclass(frozen=True)
class Problem:
    """Something to fix at ``path`` ("title", "budget.2.grant_fen", "activities").

    ``params`` holds plain JSON values only: the web layer words the message from
    ``code`` and ``params`` in the reader's language.
    """

    path: str
    code: str
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Change:
    """One difference between two versions; a whole added/removed row has ``None`` on one side."""

    path: str
    old: Any
    new: Any


def empty_document() -> dict:
    document: dict = {name: ("" if spec.kind == "text" else None) for name, spec in SCALAR_SPECS.items()}
    document.update({section: [] for section in ROW_SECTIONS})
    return document


# --- small readers shared by normalising and checking ---------------------------------------------

# Chinese input methods easily produce full-width digits and punctuation; they
# mean the same number, so they are read as their ASCII forms.
_FULL_WIDTH = str.maketrans("０１２３４５６７８９，．－＋￥", "0123456789,.-+¥")
_INTEGER = re.compile(r"[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# Other ways people write a date: 2024/9/1, 2024.9.1, 2024年9月1日.
_LOOSE_DATE = re.compile(r"([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*日?")


def _is_int(value: object) -> bool:
    # bool is an int subclass, but True is never a count or an amount.
    return isinstance(value, int) and not isinstance(value, bool)


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def _kept_float(value: float) -> float | str:
    # A float amount is kept as given, never read as money: turning it into text
    # here would let the next normalisation accept it silently ("1234.5" parses).
    return value if math.isfinite(value) else _clean_text(value)


def _clean_text(value: object) -> str:
    """Text as stored: stripped, newlines as ``\\n``, without NUL.

    Browsers post textarea newlines as CRLF although ``maxlength`` counts them as
    one character; PostgreSQL JSON cannot store NUL.
    """
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "").strip()


def _parse_int(text: str) -> int | None:
    text = text.translate(_FULL_WIDTH).strip()
    if not _INTEGER.fullmatch(text):
        return None
    try:
        return int(text.replace(",", ""))
    except ValueError:  # more digits than Python converts from text
        return None


def _parse_date(text: str) -> datetime.date | None:
    text = text.translate(_FULL_WIDTH).strip()
    match = _LOOSE_DATE.fullmatch(text)
    if match is None:
        return None
    try:
        return datetime.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def _iso_date(value: object) -> datetime.date | None:
    """The date of a stored value, which must be exactly YYYY-MM-DD."""
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


def _rows(value: object) -> list:
    return value if isinstance(value, list) else []


def _as_row(value: object) -> Mapping:
    return value if isinstance(value, Mapping) else {}


# --- reading posted input -------------------------------------------------------------------------


class _Reader:
    """Collects problems while turning raw values into stored ones."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def report(self, path: str, code: str, value: object) -> None:
        self.problems.append(Problem(path, code, {"value": _clean_text(value)}))

    def integer(self, value: object, path: str) -> int | str | None:
        if _is_blank(value):
            return None
        if _is_int(value):
            return value
        number = _parse_int(value) if isinstance(value, str) else None
        if number is None:
            # Floats included: 12.5 people is a typo to show, not a number to round.
            self.report(path, "not_integer", value)
            return _clean_text(value)
        return number

    def date(self, value: object, path: str) -> str:
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            return value.isoformat()
        if _is_blank(value):
            return ""
        parsed = _parse_date(value) if isinstance(value, str) else None
        if parsed is None:
            self.report(path, "date", value)
            return _clean_text(value)
        return parsed.isoformat()

    def fen(self, value: object, path: str) -> int | str:
        """An amount given in fen: an int, or a string of an int.  Never a float."""
        if _is_int(value):
            return value
        if isinstance(value, float):
            self.report(path, "float_money", value)
            return _kept_float(value)
        if isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
            return int(value)
        number = _parse_int(value) if isinstance(value, str) else None
        if number is None:
            self.report(path, "not_money", value)
            return _clean_text(value)
        return number

    def yuan(self, value: object, path: str) -> int | None:
        """Fen from an amount in yuan (``"1,234.50"``, ``500``), or None when unreadable."""
        if isinstance(value, float):
            self.report(path, "float_money", value)
            return None
        if isinstance(value, str):
            value = value.translate(_FULL_WIDTH)
        try:
            return Money.from_yuan(value).fen  # type: ignore[arg-type]
        except (TypeError, ValueError):
            self.report(path, "not_money", value)
            return None

    def money(self, raw: Mapping, key: str, path: str) -> dict:
        """``{key}_fen`` from the fen key if given, else from the yuan text; blank is 0."""
        fen_key = f"{key}_fen"
        if not _is_blank(raw.get(fen_key)):
            return {fen_key: self.fen(raw[fen_key], f"{path}.{fen_key}")}
        value = raw.get(key)
        if _is_blank(value):
            return {fen_key: 0}
        fen = self.yuan(value, f"{path}.{fen_key}")
        if fen is not None:
            return {fen_key: fen}
        kept = _kept_float(value) if isinstance(value, float) else _clean_text(value)
        return {fen_key: None, key: kept}

    def value(self, value: object, spec: FieldSpec, path: str) -> object:
        if spec.kind == "int":
            return self.integer(value, path)
        if spec.kind == "date":
            return self.date(value, path)
        return _clean_text(value)

    def row(self, section: str, raw: Mapping, path: str) -> dict:
        row: dict = {}
        for name, spec in ROW_SPECS[section].items():
            if spec.kind == "money":
                row.update(self.money(raw, name.removesuffix("_fen"), path))
            else:
                row[name] = self.value(raw.get(name), spec, f"{path}.{name}")
        return row


def _input_keys(section: str) -> Iterator[str]:
    for name, spec in ROW_SPECS[section].items():
        yield name
        if spec.kind == "money":
            yield name.removesuffix("_fen")


def _is_blank_row(section: str, raw: Mapping) -> bool:
    # Judged on what was posted, so a row where only "0" was typed is kept.
    return all(_is_blank(raw.get(key)) for key in _input_keys(section))


def normalise_document(raw: dict) -> tuple[dict, list[Problem]]:
    """Read a posted document.  Never raises: unreadable values stay as typed, with a Problem.

    Problems here are about reading only (not_integer, not_money, float_money,
    date); completeness and program rules are :func:`validate_for_submission`'s.
    Paths index the returned rows, after blank rows have been dropped.
    """
    raw = raw if isinstance(raw, Mapping) else {}
    reader = _Reader()
    document = empty_document()
    for name, spec in SCALAR_SPECS.items():
        document[name] = reader.value(raw.get(name), spec, name)
    for section in ROW_SECTIONS:
        kept: list[dict] = []
        for raw_row in _rows(raw.get(section)):
            # Anything but a dict cannot be a form row; it carries nothing the user typed.
            if isinstance(raw_row, Mapping) and not _is_blank_row(section, raw_row):
                kept.append(reader.row(section, raw_row, f"{section}.{len(kept)}"))
        document[section] = kept
    return document, reader.problems


# --- checking for submission ----------------------------------------------------------------------


def _field_problems(value: object, spec: FieldSpec, path: str) -> list[Problem]:
    if _is_blank(value):
        return [Problem(path, "required", {})] if spec.required else []
    if spec.kind in ("text", "choice") and not isinstance(value, str):
        value = _clean_text(value)
    if spec.kind == "text" and spec.max_length is not None and len(value) > spec.max_length:
        return [Problem(path, "too_long", {"max_length": spec.max_length, "length": len(value)})]
    if spec.kind == "choice" and value not in spec.choices:
        return [Problem(path, "choice", {"value": value, "allowed": list(spec.choices)})]
    if spec.kind == "date" and _iso_date(value) is None:
        return [Problem(path, "date", {"value": _clean_text(value)})]
    if spec.kind == "int":
        return _number_problems(value, spec, path, "not_integer")
    return []


def _number_problems(value: object, spec: FieldSpec, path: str, unreadable: str) -> list[Problem]:
    if not _is_int(value):
        return [Problem(path, unreadable, {"value": _clean_text(value)})]
    if spec.minimum is not None and value < spec.minimum:  # type: ignore[operator]
        return [Problem(path, "min_value", {"min": spec.minimum, "value": value})]
    return []


def _money_problems(row: Mapping, fen_key: str, path: str) -> list[Problem]:
    value = row.get(fen_key)
    if value is None:
        # normalise_document keeps unreadable yuan text under the yuan key.
        value = row.get(fen_key.removesuffix("_fen"))
    if isinstance(value, float):
        return [Problem(path, "float_money", {"value": _clean_text(value)})]
    return _number_problems(value, _MONEY, path, "not_money")


def _custom_indicator_problems(row: Mapping, path: str) -> list[Problem]:
    # The built-in kinds name themselves; a custom indicator needs a name to mean anything.
    if row.get("kind") == "custom" and _is_blank(row.get("name")):
        return [Problem(f"{path}.name", "required", {})]
    return []


def _date_order_problems(row: Mapping, path: str) -> list[Problem]:
    start, end = _iso_date(row.get("start")), _iso_date(row.get("end"))
    if start and end and end < start:
        return [Problem(f"{path}.end", "date_order", {"start": start.isoformat(), "end": end.isoformat()})]
    return []


def _row_problems(section: str, row: Mapping, path: str) -> list[Problem]:
    problems: list[Problem] = []
    for name, spec in ROW_SPECS[section].items():
        if spec.kind == "money":
            problems += _money_problems(row, name, f"{path}.{name}")
        else:
            problems += _field_problems(row.get(name), spec, f"{path}.{name}")
    if section == "indicators":
        problems += _custom_indicator_problems(row, path)
    if section == "activities":
        problems += _date_order_problems(row, path)
    return problems


def _section_problems(document: Mapping, section: str) -> list[Problem]:
    rows = _rows(document.get(section))
    if not rows:
        return [Problem(section, "at_least_one", {})]
    problems: list[Problem] = []
    for index, row in enumerate(rows):
        problems += _row_problems(section, _as_row(row), f"{section}.{index}")
    return problems


def _domain_problems(document: Mapping, rules: Mapping) -> list[Problem]:
    domain, allowed = document.get("domain"), rules.get("domains")
    # An empty list means the program has not restricted domains, same as None.
    if allowed and not _is_blank(domain) and domain not in allowed:
        return [Problem("domain", "not_in_program_domains", {"value": _clean_text(domain), "allowed": list(allowed)})]
    return []


def _amounts_readable(document: Mapping) -> bool:
    return all(
        _is_int(_as_row(row).get(f"{key}_fen")) and _as_row(row)[f"{key}_fen"] >= 0
        for row in _rows(document.get("budget"))
        for key in MONEY_KEYS
    )


def _ceil_bp(part: int, whole: int) -> int:
    # Rounded up, so a ratio just over the limit never displays as equal to it.
    return -(-part * BASIS_POINTS // whole)


def _grant_rule_problems(grant: int, total: int, rules: Mapping) -> list[Problem]:
    problems: list[Problem] = []
    low, high = rules.get("min_grant_fen"), rules.get("max_grant_fen")
    ratio, cap = rules.get("max_grant_ratio_bp"), rules.get("max_grant_cap_fen")
    if high is not None and grant > high:
        problems.append(Problem("budget", "over_max_grant", {"grant_fen": grant, "limit_fen": high}))
    if low is not None and grant < low:
        problems.append(Problem("budget", "under_min_grant", {"grant_fen": grant, "limit_fen": low}))
    # Integer arithmetic only: grant / total <= ratio / 10000.
    if ratio is not None and grant * BASIS_POINTS > total * ratio:
        params = {"grant_fen": grant, "total_fen": total, "limit_bp": ratio, "ratio_bp": _ceil_bp(grant, total)}
        problems.append(Problem("budget", "co_funding_ratio", params))
    if cap is not None and grant > cap:
        problems.append(Problem("budget", "co_funding_cap", {"grant_fen": grant, "limit_fen": cap}))
    return problems


def _budget_rule_problems(document: Mapping, rules: Mapping) -> list[Problem]:
    # Totals over unreadable or negative amounts mean nothing; those rows are
    # already reported, and the rules are checked once they are fixed.
    if not _rows(document.get("budget")) or not _amounts_readable(document):
        return []
    totals = budget_totals(document)
    grant, total = totals["grant"].fen, totals["total"].fen
    if total == 0:
        return [Problem("budget", "zero_budget", {})]
    return _grant_rule_problems(grant, total, rules)


def validate_for_submission(doc: dict, rules: dict) -> list[Problem]:
    """Everything that must be right before submitting, in document order.

    ``rules``: domains, min_grant_fen, max_grant_fen, max_grant_ratio_bp,
    max_grant_cap_fen; a missing or None rule is off.  Never raises.
    """
    document = doc if isinstance(doc, Mapping) else {}
    rules = rules if isinstance(rules, Mapping) else {}
    problems: list[Problem] = []
    for name, spec in SCALAR_SPECS.items():
        problems += _field_problems(document.get(name), spec, name)
    problems += _domain_problems(document, rules)
    for section in ROW_SECTIONS:
        problems += _section_problems(document, section)
    problems += _budget_rule_problems(document, rules)
    return problems


# --- reading a document ---------------------------------------------------------------------------


def _row_amounts(row: object) -> dict[str, int]:
    # Unreadable amounts count as 0 here; validate_for_submission reports them.
    row = _as_row(row)
    return {key: row[f"{key}_fen"] if _is_int(row.get(f"{key}_fen")) else 0 for key in MONEY_KEYS}


def _with_total(amounts: dict[str, int]) -> dict[str, Money]:
    result = {key: Money(value) for key, value in amounts.items()}
    result["total"] = Money(sum(amounts.values()))
    return result


def budget_totals(doc: dict) -> dict[str, Money]:
    """Sums of the budget: keys grant, own, matched, total."""
    sums = dict.fromkeys(MONEY_KEYS, 0)
    for row in _rows(_as_row(doc).get("budget")):
        for key, fen in _row_amounts(row).items():
            sums[key] += fen
    return _with_total(sums)


def grant_lines(doc: dict) -> list[tuple[str, str, int]]:
    """(category, item, grant fen) of each budget row asking for part of the grant."""
    lines = []
    for row in _rows(_as_row(doc).get("budget")):
        fen = _row_amounts(row)["grant"]
        if fen > 0:
            lines.append((str(_as_row(row).get("category") or "other"), _clean_text(_as_row(row).get("item")), fen))
    return lines


def by_category(doc: dict) -> dict[str, dict[str, Money]]:
    """Budget sums per category present, in BUDGET_CATEGORIES order; each with a total.

    A missing or unknown category counts as "other", so the categories always add
    up to :func:`budget_totals`.
    """
    sums: dict[str, dict[str, int]] = {}
    for row in _rows(_as_row(doc).get("budget")):
        category = _as_row(row).get("category")
        bucket = sums.setdefault(category if category in BUDGET_CATEGORIES else "other", dict.fromkeys(MONEY_KEYS, 0))
        for key, fen in _row_amounts(row).items():
            bucket[key] += fen
    return {category: _with_total(sums[category]) for category in BUDGET_CATEGORIES if category in sums}


def _same(old: object, new: object) -> bool:
    # "" and None both mean "not filled in"; older versions may use either.
    return old == new or (_is_blank(old) and _is_blank(new))


def _row_field_changes(path: str, section: str, old: object, new: object) -> list[Change]:
    if not isinstance(old, Mapping) or not isinstance(new, Mapping):
        return [] if old == new else [Change(path, old, new)]
    known = list(ROW_SPECS[section])
    extra = sorted({*old, *new} - set(known), key=str)  # e.g. kept yuan text
    return [
        Change(f"{path}.{key}", old.get(key), new.get(key))
        for key in [*known, *extra]
        if not _same(old.get(key), new.get(key))
    ]


def _row_changes(section: str, before: list, after: list) -> list[Change]:
    """Rows aligned by content, so inserting one row does not show every later row as changed.

    Added and changed rows carry their index in the new version, removed rows
    their index in the old one.
    """
    matcher = difflib.SequenceMatcher(None, [repr(r) for r in before], [repr(r) for r in after], autojunk=False)
    changes: list[Change] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        paired = min(i2 - i1, j2 - j1)
        for k in range(paired):
            changes += _row_field_changes(f"{section}.{j1 + k}", section, before[i1 + k], after[j1 + k])
        changes += [Change(f"{section}.{i}", before[i], None) for i in range(i1 + paired, i2)]
        changes += [Change(f"{section}.{j}", None, after[j]) for j in range(j1 + paired, j2)]
    return changes


def diff_documents(old: dict, new: dict) -> list[Change]:
    """What a revision changed, in document order: scalar fields, then row changes."""
    old, new = _as_row(old), _as_row(new)
    changes = [Change(name, old.get(name), new.get(name)) for name in SCALAR_SPECS if not _same(old.get(name), new.get(name))]
    for section in ROW_SECTIONS:
        changes += _row_changes(section, _rows(old.get(section)), _rows(new.get(section)))
    return changes


def document_text(doc: dict) -> str:
    """The prose of the application, one part a line, for near-duplicate detection."""
    document = _as_row(doc)
    parts = [document.get(name) for name in ("title", "summary", "need_evidence", "goals")]
    for row in _rows(document.get("activities")):
        parts += [_as_row(row).get("name"), _as_row(row).get("description")]
    parts.append(document.get("beneficiary_group"))
    return "\n".join(text for text in map(_clean_text, parts) if text)
