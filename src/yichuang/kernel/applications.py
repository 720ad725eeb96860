"""The structured application document: reading what a form posts, checking it for submission,
budget totals and the differences between two versions. Plain dicts in, plain data out."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from yichuang.kernel.money import Money

INDICATOR_KINDS = ("activities", "person_times", "beneficiaries", "volunteer_hours", "custom")
BUDGET_CATEGORIES = ("personnel", "activities", "materials", "publicity", "venue", "transport", "other")
MONEY_KEYS = ("grant", "own", "matched")

TEXT_LIMITS = {"title": 100, "summary": 500, "beneficiary_group": 200, "need_evidence": 5000, "goals": 3000}
REQUIRED_TEXT = ("title", "beneficiary_group", "need_evidence", "goals")
ROW_SPECS: dict[str, dict[str, tuple[str, int]]] = {
    # field: (kind, limit) — kind "text" (limit = max length), "int" (limit = minimum), "date", "choice"
    "activities": {"name": ("text", 100), "start": ("date", 0), "end": ("date", 0), "sessions": ("int", 1),
                   "participants": ("int", 0), "description": ("text", 1000)},
    "indicators": {"kind": ("choice", 0), "name": ("text", 100), "target": ("int", 1), "unit": ("text", 20)},
    "team": {"name": ("text", 50), "role": ("text", 50), "qualification": ("text", 200)},
    "budget": {"category": ("choice", 0), "item": ("text", 100)},
}
CHOICES = {"kind": INDICATOR_KINDS, "category": BUDGET_CATEGORIES}
ROW_REQUIRED = {"activities": ("name", "start", "end", "sessions"), "indicators": ("kind", "target"),
                "team": ("name",), "budget": ("category", "item")}


@dataclass(frozen=True)
class Problem:
    path: str
    code: str
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Change:
    path: str
    old: Any
    new: Any


def empty_document() -> dict:
    document: dict = {name: "" for name in TEXT_LIMITS}
    document.update(domain="", beneficiary_count=None)
    document.update({section: [] for section in ROW_SPECS})
    return document


# --- reading posted input -------------------------------------------------------------------------


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else "" if value is None else str(value).strip()


def _integer(value, path: str, problems: list[Problem]):
    """An int from an int or a digit string; anything else is kept as typed, with a problem."""
    if isinstance(value, bool):
        problems.append(Problem(path, "not_integer", {"value": str(value)}))
        return str(value)
    if isinstance(value, int) or value is None:
        return value
    text = _text(value).replace(",", "")
    if text == "":
        return None
    if text.lstrip("-").isdigit():
        return int(text)
    problems.append(Problem(path, "not_integer", {"value": text}))
    return text


def _money(row: dict, key: str, path: str, problems: list[Problem]) -> dict:
    """``{key}_fen`` from an int fen or a yuan string; floats are refused, never rounded."""
    if f"{key}_fen" in row and row[f"{key}_fen"] not in (None, ""):
        value = row[f"{key}_fen"]
        if isinstance(value, int) and not isinstance(value, bool):
            return {f"{key}_fen": value}
        if isinstance(value, float):
            problems.append(Problem(f"{path}.{key}_fen", "float_money", {"value": repr(value)}))
            return {key: repr(value)}
        row = {**row, key: value}
    value = row.get(key)
    if value is None or _text(value) == "":
        return {f"{key}_fen": 0}
    if isinstance(value, float):
        problems.append(Problem(f"{path}.{key}_fen", "float_money", {"value": repr(value)}))
        return {key: repr(value)}
    try:
        return {f"{key}_fen": Money.from_yuan(value if isinstance(value, int) else _text(value)).fen}
    except (ValueError, TypeError):
        problems.append(Problem(f"{path}.{key}_fen", "not_money", {"value": _text(value)}))
        return {key: _text(value)}


def _row(section: str, raw: dict, path: str, problems: list[Problem]) -> dict | None:
    if not isinstance(raw, dict):
        return None
    row: dict = {}
    for name, (kind, _limit) in ROW_SPECS[section].items():
        value = raw.get(name)
        row[name] = _integer(value, f"{path}.{name}", problems) if kind == "int" else _text(value)
    if section == "budget":
        for key in MONEY_KEYS:
            row.update(_money(raw, key, path, problems))
    blank = all(v in ("", None, 0) for v in row.values())
    return None if blank else row


def normalise_document(raw: dict) -> tuple[dict, list[Problem]]:
    problems: list[Problem] = []
    raw = raw if isinstance(raw, dict) else {}
    document = empty_document()
    for name in TEXT_LIMITS:
        document[name] = _text(raw.get(name))
    document["domain"] = _text(raw.get("domain"))
    document["beneficiary_count"] = _integer(raw.get("beneficiary_count"), "beneficiary_count", problems)
    for section in ROW_SPECS:
        rows = raw.get(section) if isinstance(raw.get(section), list) else []
        kept = []
        for raw_row in rows:
            problems_before = len(problems)
            row = _row(section, raw_row, f"{section}.{len(kept)}", problems)
            if row is None:
                del problems[problems_before:]
                continue
            kept.append(row)
        document[section] = kept
    return document, problems


# --- checking for submission ----------------------------------------------------------------------


def _date(value) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if isinstance(value, str) and value else None
    except ValueError:
        return None


def _check_rows(document: dict, problems: list[Problem]) -> None:
    for section, spec in ROW_SPECS.items():
        rows = document.get(section) or []
        if not rows:
            problems.append(Problem(section, "at_least_one", {}))
        for index, row in enumerate(rows):
            path = f"{section}.{index}"
            for name in ROW_REQUIRED[section]:
                if row.get(name) in ("", None):
                    problems.append(Problem(f"{path}.{name}", "required", {}))
            if section == "indicators" and row.get("kind") == "custom" and not row.get("name"):
                problems.append(Problem(f"{path}.name", "required", {}))
            for name, (kind, limit) in spec.items():
                value = row.get(name)
                if value in ("", None):
                    continue
                if kind == "text" and len(value) > limit:
                    problems.append(Problem(f"{path}.{name}", "too_long", {"max_length": limit}))
                elif kind == "int" and (not isinstance(value, int) or value < limit):
                    code = "not_integer" if not isinstance(value, int) else "min_value"
                    problems.append(Problem(f"{path}.{name}", code, {"min": limit}))
                elif kind == "date" and _date(value) is None:
                    problems.append(Problem(f"{path}.{name}", "date", {"value": value}))
                elif kind == "choice" and value not in CHOICES[name]:
                    problems.append(Problem(f"{path}.{name}", "choice", {"allowed": list(CHOICES[name])}))
            start, end = _date(row.get("start")), _date(row.get("end"))
            if section == "activities" and start and end and end < start:
                problems.append(Problem(f"{path}.end", "date_order", {}))
            if section == "budget":
                for key in MONEY_KEYS:
                    if not isinstance(row.get(f"{key}_fen"), int):
                        problems.append(Problem(f"{path}.{key}_fen", "not_money", {"value": row.get(key)}))
                    elif row[f"{key}_fen"] < 0:
                        problems.append(Problem(f"{path}.{key}_fen", "min_value", {"min": 0}))


def _check_rules(document: dict, rules: dict, problems: list[Problem]) -> None:
    domains = rules.get("domains")
    if domains and document.get("domain") and document["domain"] not in domains:
        problems.append(Problem("domain", "not_in_program_domains", {"allowed": list(domains)}))
    totals = budget_totals(document)
    grant, total = totals["grant"].fen, totals["total"].fen
    if document.get("budget") and total == 0:
        problems.append(Problem("budget", "zero_budget", {}))
        return
    if rules.get("max_grant_fen") is not None and grant > rules["max_grant_fen"]:
        problems.append(Problem("budget", "over_max_grant", {"grant_fen": grant, "limit_fen": rules["max_grant_fen"]}))
    if rules.get("min_grant_fen") is not None and grant < rules["min_grant_fen"]:
        problems.append(Problem("budget", "under_min_grant", {"grant_fen": grant, "limit_fen": rules["min_grant_fen"]}))
    ratio = rules.get("max_grant_ratio_bp")
    if ratio is not None and total > 0 and grant * 10000 > total * ratio:
        problems.append(Problem("budget", "co_funding_ratio", {"limit_bp": ratio, "ratio_bp": grant * 10000 // total,
                                                              "grant_fen": grant, "total_fen": total}))
    cap = rules.get("max_grant_cap_fen")
    if cap is not None and grant > cap:
        problems.append(Problem("budget", "co_funding_cap", {"limit_fen": cap, "grant_fen": grant}))


def validate_for_submission(document: dict, rules: dict) -> list[Problem]:
    problems: list[Problem] = []
    for name in REQUIRED_TEXT:
        if not document.get(name):
            problems.append(Problem(name, "required", {}))
    for name, limit in TEXT_LIMITS.items():
        if len(document.get(name) or "") > limit:
            problems.append(Problem(name, "too_long", {"max_length": limit}))
    if not document.get("domain"):
        problems.append(Problem("domain", "required", {}))
    count = document.get("beneficiary_count")
    if count in (None, ""):
        problems.append(Problem("beneficiary_count", "required", {}))
    elif not isinstance(count, int):
        problems.append(Problem("beneficiary_count", "not_integer", {"value": count}))
    elif count < 1:
        problems.append(Problem("beneficiary_count", "min_value", {"min": 1}))
    _check_rows(document, problems)
    _check_rules(document, rules, problems)
    return problems


# --- reading a document ---------------------------------------------------------------------------


def budget_totals(document: dict) -> dict[str, Money]:
    totals = {key: 0 for key in MONEY_KEYS}
    for row in document.get("budget") or []:
        for key in MONEY_KEYS:
            value = row.get(f"{key}_fen")
            if isinstance(value, int) and not isinstance(value, bool):
                totals[key] += value
    result = {key: Money(value) for key, value in totals.items()}
    result["total"] = Money(sum(totals.values()))
    return result


def by_category(document: dict) -> dict[str, dict[str, Money]]:
    grouped: dict[str, dict[str, Money]] = {}
    for row in document.get("budget") or []:
        bucket = grouped.setdefault(row.get("category") or "other", {key: Money(0) for key in MONEY_KEYS})
        for key in MONEY_KEYS:
            value = row.get(f"{key}_fen")
            if isinstance(value, int) and not isinstance(value, bool):
                bucket[key] = bucket[key] + Money(value)
    return grouped


def diff_documents(old: dict, new: dict) -> list[Change]:
    """Changed fields in document order, rows compared by position."""
    changes: list[Change] = []
    for name in [*TEXT_LIMITS, "domain", "beneficiary_count"]:
        if (old or {}).get(name) != (new or {}).get(name):
            changes.append(Change(name, (old or {}).get(name), (new or {}).get(name)))
    for section in ROW_SPECS:
        before, after = (old or {}).get(section) or [], (new or {}).get(section) or []
        for index in range(max(len(before), len(after))):
            a = before[index] if index < len(before) else None
            b = after[index] if index < len(after) else None
            if a is None or b is None:
                changes.append(Change(f"{section}.{index}", a, b))
                continue
            for key in sorted(set(a) | set(b)):
                if a.get(key) != b.get(key):
                    changes.append(Change(f"{section}.{index}.{key}", a.get(key), b.get(key)))
    return changes


def document_text(document: dict) -> str:
    parts = [document.get(name) or "" for name in ("title", "summary", "beneficiary_group", "need_evidence", "goals")]
    for row in document.get("activities") or []:
        parts += [row.get("name") or "", row.get("description") or ""]
    return "\n".join(part for part in parts if part)
