"""Resident ballots: what each ballot type allows, and turning ballots into a Pabulib election.

Ballot types (stable codes):

- ``approval`` — tick between ``min_choices`` and ``max_choices`` projects;
- ``choose_one`` — exactly one project;
- ``ranked`` — order up to ``len(points)`` projects; the first gets ``points[0]``, the next ``points[1]``…;
- ``cumulative`` — spread up to ``total_points`` over projects, at most ``max_per_project`` each;
- ``knapsack`` — tick projects whose costs together fit the ``budget``.

A ballot is a list of (project id, points) pairs in the voter's order; points are None except for
cumulative ballots. Problems come back as codes with parameters, for the caller to word.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from yichuang.kernel.money import FEN_PER_YUAN
from yichuang.kernel.pabulib import Ballot, Election, Project

TYPES = ("approval", "choose_one", "ranked", "cumulative", "knapsack")


@dataclass(frozen=True)
class Rules:
    ballot_type: str
    min_choices: int = 1
    max_choices: int | None = None
    points: tuple[int, ...] = ()  # ranked: points per position
    total_points: int = 0  # cumulative
    max_per_project: int | None = None  # cumulative
    budget: int = 0  # knapsack, fen


@dataclass(frozen=True)
class Problem:
    code: str
    params: dict = field(default_factory=dict)


def check(rules: Rules, choices: list[tuple[str, int | None]], costs: dict[str, int]) -> list[Problem]:
    """Every reason the ballot breaks its type's rules (empty when it is valid)."""
    ids = [pid for pid, _points in choices]
    unknown = [pid for pid in ids if pid not in costs]
    if unknown:
        return [Problem("unknown_project", {"projects": unknown})]
    if len(set(ids)) != len(ids):
        return [Problem("duplicate", {})]
    if not ids:
        return [Problem("empty", {})]
    kind = rules.ballot_type
    if kind == "choose_one" and len(ids) != 1:
        return [Problem("not_one", {"count": len(ids)})]
    if kind in ("approval", "knapsack"):
        if len(ids) < rules.min_choices:
            return [Problem("too_few", {"min": rules.min_choices, "count": len(ids)})]
        if rules.max_choices is not None and len(ids) > rules.max_choices:
            return [Problem("too_many", {"max": rules.max_choices, "count": len(ids)})]
    if kind == "knapsack":
        spent = sum(costs[pid] for pid in ids)
        if spent > rules.budget:
            return [Problem("over_budget", {"spent": spent, "budget": rules.budget})]
    if kind == "ranked" and len(ids) > len(rules.points):
        return [Problem("too_many", {"max": len(rules.points), "count": len(ids)})]
    if kind == "cumulative":
        return _cumulative_problems(rules, choices)
    return []


def _cumulative_problems(rules: Rules, choices) -> list[Problem]:
    points = [p for _pid, p in choices]
    if any(isinstance(p, bool) or not isinstance(p, int) or p <= 0 for p in points):
        return [Problem("points_not_whole", {})]
    if rules.max_per_project is not None and max(points) > rules.max_per_project:
        return [Problem("points_over_max", {"max": rules.max_per_project})]
    if sum(points) > rules.total_points:
        return [Problem("points_over_total", {"given": sum(points), "total": rules.total_points})]
    return []


def points_of(rules: Rules, choices: list[tuple[str, int | None]]) -> list[int] | None:
    """The points each choice scores: by position for ranked ballots, as given for cumulative ones."""
    if rules.ballot_type == "ranked":
        return [rules.points[i] for i in range(len(choices))]
    if rules.ballot_type == "cumulative":
        return [int(p or 0) for _pid, p in choices]
    return None


def election(rules: Rules, budget: int, costs: dict[str, int], ballots: list[list[tuple[str, int | None]]],
             threshold: int | None = None) -> Election:
    """A Pabulib election of these ballots: approval-like types count ballots, the others add points.

    ``budget`` and ``costs`` are in fen; the election is in yuan, the currency unit by which Equal
    Shares' add1 completion raises every voter's budget (as the reference does in a city's currency)."""
    vote_type = {"choose_one": "choose-1", "ranked": "cumulative", "cumulative": "cumulative"}.get(
        rules.ballot_type, "approval")
    meta = {"vote_type": vote_type, "budget": str(Fraction(budget, FEN_PER_YUAN))}
    if threshold is not None:
        meta["min_project_score_threshold"] = str(threshold)
    projects = {pid: Project(pid, Fraction(cost, FEN_PER_YUAN), {}, 0) for pid, cost in costs.items()}
    return Election(meta=meta, projects=projects, budget=Fraction(budget, FEN_PER_YUAN), vote_type=vote_type,
                    order=list(costs),
                    ballots=[Ballot(str(i), [pid for pid, _p in choices], points_of(rules, choices), 0)
                             for i, choices in enumerate(ballots)])
