"""Project evaluation forms: the default criteria, checking a sheet, and the result the sheets suggest.

The officer decides each project's result; the mean of the sheets' totals only suggests one
(at least ``PASS_SHARE`` of the maximum: pass; at least ``RECTIFY_SHARE``: rectify; below: fail).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from yichuang.kernel.applications import Problem

# code, Chinese label, English label, maximum points (adds up to 100)
DEFAULT_CRITERIA: tuple[tuple[str, str, str, int], ...] = (
    ("progress", "执行进度与计划完成情况", "Progress against the plan", 25),
    ("quality", "服务质量与服务对象反馈", "Quality of service and beneficiaries' feedback", 25),
    ("finance", "资金使用规范性", "Proper use of the money", 20),
    ("management", "项目管理与档案", "Project management and records", 15),
    ("impact", "成效与社会影响", "Results and social impact", 15),
)
RESULTS = ("pass", "rectify", "fail")
PASS_SHARE, RECTIFY_SHARE = 0.7, 0.5


def maximum(criteria: Sequence) -> int:
    return sum(int(row[3]) for row in criteria)


def sheet_problems(criteria: Sequence, scores: Mapping, recommendation: str) -> list[Problem]:
    """Every criterion scored with a whole number from 0 to its maximum, and a known result."""
    problems = []
    for code, _zh, _en, top in criteria:
        value = scores.get(code)
        if value is None or isinstance(value, bool) or not isinstance(value, int):
            problems.append(Problem(f"score_{code}", "missing", {"max": top}))
        elif not 0 <= value <= int(top):
            problems.append(Problem(f"score_{code}", "out_of_range", {"max": top, "value": value}))
    if recommendation not in RESULTS:
        problems.append(Problem("recommendation", "missing"))
    return problems


def suggested_result(totals: Sequence[int], criteria: Sequence) -> str | None:
    if not totals:
        return None
    share = sum(totals) / len(totals) / maximum(criteria)
    return "pass" if share >= PASS_SHARE else "rectify" if share >= RECTIFY_SHARE else "fail"
