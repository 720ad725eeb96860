"""An expert's score sheet against a rubric: reading typed points, validating, the 0–100 total.

Points are read from text with Decimal and kept as integer tenths (a rubric allows one decimal), so
nothing typed is ever rounded. The total is the weighted mean of the criteria's fractions
(points / max points) on a 0–100 scale; a criterion marked n/a leaves the mean and its weight is
spread over the others in proportion — it never counts as zero. Bonus points are added on top, so a
total may exceed 100 by at most the rubric's bonus maximum (SPEC: bonus rewards, e.g., matched funds).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Mapping

TENTHS = 10


@dataclass(frozen=True)
class Problem:
    """A reason a sheet cannot be saved: ``section`` is "criteria", "bonus" or "sheet"."""

    section: str
    item: str
    code: str
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Line:
    code: str
    label_zh: str
    label_en: str
    points: Decimal | None  # None: n/a
    max_points: int
    weight: float  # effective weight in percent after n/a renormalisation (0 for n/a)
    contribution: float  # points on the 0–100 scale this line adds

    @property
    def na(self) -> bool:
        return self.points is None


@dataclass(frozen=True)
class Total:
    total: float
    base: float  # weighted criteria, 0–100
    bonus: float
    lines: list[Line]
    na_count: int


def tenths_to_points(tenths: int) -> Decimal:
    return Decimal(tenths) / TENTHS


def _parse(text: object) -> int | str:
    """Integer tenths from typed text, or a problem code."""
    if isinstance(text, bool) or isinstance(text, float):
        return "not_a_number"  # floats never carry points: they arrive from code, not from people
    if isinstance(text, int):
        return text * TENTHS
    raw = str(text).strip().replace("，", ".").replace("。", ".")
    raw = raw.translate({c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)})  # full-width digits
    if not raw:
        return "missing"
    try:
        value = Decimal(raw)
    except InvalidOperation:
        return "not_a_number"
    if not value.is_finite():
        return "not_a_number"
    scaled = value * TENTHS
    if scaled != scaled.to_integral_value():
        return "too_precise"
    return int(scaled)


def _read(items: list[dict], raw: Mapping, section: str, complete: bool, allow_na: bool) -> tuple[dict, list[Problem]]:
    values: dict = {}
    problems: list[Problem] = []
    for item in items:
        code, maximum = item["code"], int(item["max_points"])
        typed = raw.get(code, "")
        if typed is None:
            if allow_na and item.get("na_allowed"):
                values[code] = None
            else:
                problems.append(Problem(section, code, "na_not_allowed"))
            continue
        parsed = _parse(typed)
        if parsed == "missing":
            if complete and section == "criteria":
                problems.append(Problem(section, code, "missing"))
            continue
        if isinstance(parsed, str):
            problems.append(Problem(section, code, parsed, {"value": str(typed)}))
        elif not 0 <= parsed <= maximum * TENTHS:
            problems.append(Problem(section, code, "out_of_range", {"min": 0, "max": maximum, "value": str(typed)}))
        else:
            values[code] = parsed
    unknown = sorted(set(raw) - {item["code"] for item in items})
    problems += [Problem(section, code, "unknown_criterion") for code in unknown]
    return values, problems


def read_sheet(rubric: dict, scores: Mapping, bonus: Mapping, *, complete: bool) -> tuple[dict, dict, list[Problem]]:
    """Typed scores (text, or None for n/a) and bonus → tenths, with every problem found.

    With ``complete`` (submitting), every criterion needs points or n/a, and not all may be n/a.
    """
    criteria = rubric.get("criteria", [])
    values, problems = _read(criteria, scores, "criteria", complete, allow_na=True)
    bonus_values, bonus_problems = _read(rubric.get("bonus", []), bonus, "bonus", False, allow_na=False)
    problems += bonus_problems
    if complete and criteria and not problems and all(values.get(item["code"]) is None for item in criteria):
        problems.append(Problem("sheet", "", "all_na"))
    return values, bonus_values, problems


def review_total(rubric: dict, points: Mapping[str, Decimal | None], bonus: Mapping[str, Decimal] | None = None) -> Total | None:
    """The 0–100 total with its breakdown, or None while a criterion has neither points nor n/a."""
    criteria = rubric.get("criteria", [])
    if any(item["code"] not in points for item in criteria):
        return None
    scored = [item for item in criteria if points[item["code"]] is not None]
    weight_sum = sum(Decimal(item["weight"]) for item in scored)
    lines, base = [], Decimal(0)
    for item in criteria:
        value = points[item["code"]]
        if value is None or weight_sum == 0:
            lines.append(Line(item["code"], item.get("label_zh", ""), item.get("label_en", ""), value,
                              int(item["max_points"]), 0.0, 0.0))
            continue
        share = Decimal(item["weight"]) / weight_sum
        contribution = share * Decimal(value) / Decimal(item["max_points"]) * 100
        base += contribution
        lines.append(Line(item["code"], item.get("label_zh", ""), item.get("label_en", ""), Decimal(value),
                          int(item["max_points"]), float(share * 100), float(contribution)))
    extra = sum((Decimal(v) for v in (bonus or {}).values() if v is not None), Decimal(0))
    return Total(total=float(base + extra), base=float(base), bonus=float(extra), lines=lines,
                 na_count=len(criteria) - len(scored))
