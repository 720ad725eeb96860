"""Funding allocation: which applications get money, how much, and why the others do not.

Amounts are integer fen. Rules: the budget; quotas per domain and per community (minimum and maximum
amount and count; a community minimum is a coverage wish such as "at least one project in each
community"); a cap on funded applications per organization; each funded application gets between its
``min_grant`` (default: its request) and its request.

Objectives:

- ``rank`` (default): follow the ranking under the rules. Applications are taken in rank order
  (score, highest first; ties by id); each is funded if the rules still allow it and the domain
  minimums stay reachable, with its request or, when less is left, at least its ``min_grant``. This
  is the lexicographically best funded set in rank order; the proof is the construction itself.
- ``score``: maximise the total score of the funded applications (a 0/1 program solved by CP-SAT,
  which proves optimality; scores are scaled to integers ×100).

Every unfunded application gets a reason code with parameters (the callers word it).
"""

from __future__ import annotations

import bisect
import math
import time
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from yichuang.kernel.problems import Infeasible


class AllocationError(ValueError):
    """The instance is malformed."""


@dataclass(frozen=True)
class Application:
    id: str
    score: float
    request: int
    min_grant: int
    domain: str = ""
    organization: str = ""
    community: str = ""


@dataclass(frozen=True)
class Quota:
    min_amount: int = 0
    max_amount: int | None = None
    min_count: int = 0
    max_count: int | None = None


@dataclass
class Instance:
    budget: int
    applications: list[Application]
    objective: str = "rank"
    organization_cap: int | None = None
    quotas: dict[str, Quota] = field(default_factory=dict)  # per domain
    community_quotas: dict[str, Quota] = field(default_factory=dict)

    def groups(self):
        """(kind, code, quota) of every quota; an application belongs to one group of each kind."""
        for code, quota in self.quotas.items():
            yield "domain", code, quota
        for code, quota in self.community_quotas.items():
            yield "community", code, quota


def group_of(a: Application, kind: str) -> str:
    return a.domain if kind == "domain" else a.community


@dataclass(frozen=True)
class Reason:
    code: str
    params: dict
    message: str


@dataclass
class Result:
    funded: dict[str, int]  # id → amount in fen, in rank order
    unfunded: dict[str, Reason]
    optimal: bool
    objective: float
    bound: float
    seconds: float

    @property
    def total(self) -> int:
        return sum(self.funded.values())


# --- reading --------------------------------------------------------------------------------


def _fen(value, where: str, *, allow_none: bool = False) -> int | None:
    if value is None and allow_none:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise AllocationError(f"{where} must be a whole number of fen ≥ 0 (floats are not money)")
    return value


def parse_instance(data) -> Instance:
    if not isinstance(data, dict):
        raise AllocationError("the instance must be a JSON object")
    budget = _fen(data.get("budget"), "budget")
    objective = data.get("objective", "rank")
    if objective not in ("rank", "score"):
        raise AllocationError("objective must be \"rank\" or \"score\"")
    cap = data.get("organization_cap")
    if cap is not None and (not isinstance(cap, int) or isinstance(cap, bool) or cap < 1):
        raise AllocationError("organization_cap must be a whole number ≥ 1")
    raw = data.get("applications")
    if not isinstance(raw, list):
        raise AllocationError("applications must be a list")
    applications, seen = [], set()
    for i, item in enumerate(raw):
        where = f"applications[{i}]"
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            raise AllocationError(f"{where} needs a string id")
        if item["id"] in seen:
            raise AllocationError(f"duplicate application id {item['id']!r}")
        seen.add(item["id"])
        score = item.get("score")
        if not isinstance(score, (int, float)) or isinstance(score, bool) or not math.isfinite(score):
            raise AllocationError(f"{where}.score must be a finite number")
        request = _fen(item.get("request"), f"{where}.request")
        min_grant = _fen(item.get("min_grant", request), f"{where}.min_grant")
        if min_grant > request:
            raise AllocationError(f"{where}: min_grant {min_grant} is above the request {request}")
        applications.append(Application(item["id"], float(score), request, min_grant, str(item.get("domain", "")),
                                        str(item.get("organization", "")), str(item.get("community", ""))))
    return Instance(budget, applications, objective, cap, _quotas(data, "domain_quotas"),
                    _quotas(data, "community_quotas"))


def _quotas(data: dict, key: str) -> dict[str, Quota]:
    quotas = {}
    raw = data.get(key) or {}
    if not isinstance(raw, dict):
        raise AllocationError(f"{key} must be an object")
    for code, quota in raw.items():
        where = f"{key}[{code!r}]"
        if not isinstance(quota, dict):
            raise AllocationError(f"{where} must be an object")
        q = Quota(_fen(quota.get("min_amount", 0), f"{where}.min_amount"),
                  _fen(quota.get("max_amount"), f"{where}.max_amount", allow_none=True),
                  _fen(quota.get("min_count", 0), f"{where}.min_count"),
                  _fen(quota.get("max_count"), f"{where}.max_count", allow_none=True))
        if (q.max_amount is not None and q.min_amount > q.max_amount) or (q.max_count is not None and q.min_count > q.max_count):
            raise AllocationError(f"{where}: a minimum is above its maximum")
        quotas[code] = q
    return quotas


# --- the model ------------------------------------------------------------------------------


def _ranked(instance: Instance) -> list[Application]:
    return sorted(instance.applications, key=lambda a: (-a.score, a.id))


def _model(instance: Instance, fixed: dict[str, bool] | None = None):
    """The 0/1 program: x (funded) and g (grant) per application, every rule a linear constraint.

    min_grant·x ≤ g ≤ request·x is written linearly (not as implications) so the linear relaxation
    CP-SAT uses for its bound stays tight; a fixed-amount application's grant is request·x itself.
    """
    model = cp_model.CpModel()
    x, g = {}, {}
    for a in instance.applications:
        x[a.id] = model.new_bool_var(f"x_{a.id}")
        if a.min_grant == a.request:
            g[a.id] = a.request * x[a.id]
        else:
            g[a.id] = model.new_int_var(0, a.request, f"g_{a.id}")
            model.add(g[a.id] >= a.min_grant * x[a.id])
            model.add(g[a.id] <= a.request * x[a.id])
        if fixed and a.id in fixed:
            model.add(x[a.id] == int(fixed[a.id]))
    model.add(sum(g.values()) <= instance.budget)
    for kind, code, quota in instance.groups():
        members = [a.id for a in instance.applications if group_of(a, kind) == code]
        amount, count = sum(g[m] for m in members), sum(x[m] for m in members)
        model.add(amount >= quota.min_amount)
        model.add(count >= quota.min_count)
        if quota.max_amount is not None:
            model.add(amount <= quota.max_amount)
        if quota.max_count is not None:
            model.add(count <= quota.max_count)
    if instance.organization_cap is not None:
        by_org: dict[str, list[str]] = {}
        for a in instance.applications:
            if a.organization:
                by_org.setdefault(a.organization, []).append(a.id)
        for members in by_org.values():
            if len(members) > instance.organization_cap:
                model.add(sum(x[m] for m in members) <= instance.organization_cap)
    return model, x, g


def _solve(model, seconds: float = 60.0):
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    # One worker with the full linear relaxation proves knapsack-like optima fastest here (measured:
    # 1.5 s for 2,000 applications; two portfolio workers left a 2% gap after 20 s).
    solver.parameters.num_workers = 1
    solver.parameters.linearization_level = 2
    # Presolve took 95% of the time on these models and simplified nothing that mattered (measured:
    # 2,000 applications proven optimal in 0.07 s without it, 1.25 s with it).
    solver.parameters.cp_model_presolve = False
    status = solver.solve(model)
    return solver, status


def _check_minimums(instance: Instance) -> None:
    # Each kind of group splits the applications, so its minimums add up; across kinds they overlap.
    needs = {"domain": 0, "community": 0}
    for kind, code, quota in sorted(instance.groups()):
        members = sorted((a for a in instance.applications if group_of(a, kind) == code), key=lambda a: a.min_grant)
        if len(members) < quota.min_count:
            raise Infeasible(f"{kind}_too_few", {kind: code, "available": len(members), "needed": quota.min_count},
                             f"{kind} {code} needs {quota.min_count} funded applications but has only {len(members)}")
        cheapest = sum(a.min_grant for a in members[:quota.min_count])
        needs[kind] += max(cheapest, quota.min_amount)
    total_min = max(needs.values())
    if total_min > instance.budget:
        raise Infeasible("minimums_over_budget", {"minimum": total_min, "budget": instance.budget},
                         f"the domain minimums need at least {total_min} fen, more than the budget of {instance.budget}")


def allocate(instance: Instance) -> Result:
    started = time.perf_counter()
    _check_minimums(instance)
    if instance.objective == "score":
        result = _by_score(instance)
    else:
        result = _by_rank(instance)
    result.unfunded = explain(instance, result.funded)
    result.seconds = time.perf_counter() - started
    return result


def _by_score(instance: Instance) -> Result:
    """Maximise the total score; then, keeping that score, give as much of the requests as fits."""
    model, x, g = _model(instance)
    points = {a.id: round(a.score * 100) for a in instance.applications}
    total_points = sum(points[i] * x[i] for i in x)
    model.maximize(total_points)
    solver, status = _solve(model)
    if status == cp_model.INFEASIBLE:
        raise Infeasible("no_allocation", {}, "no allocation meets the budget, the quotas and the caps together")
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise Infeasible("not_solved", {}, "the solver found no allocation within its time limit")
    optimal, best, bound = status == cp_model.OPTIMAL, solver.objective_value, solver.best_objective_bound
    if any(a.min_grant < a.request for a in instance.applications):
        model.add(total_points >= round(best))
        model.maximize(sum(g.values()))
        solver, status = _solve(model)
    funded = {a.id: int(solver.value(g[a.id])) for a in _ranked(instance) if solver.value(x[a.id])}
    return Result(funded, {}, optimal, best / 100, bound / 100, 0.0)


def _by_rank(instance: Instance) -> Result:
    """Rank order under the rules. Domain minimums are kept reachable by a quick necessary check; if
    the finished allocation still misses a minimum (caps can interact), it is redone with the exact
    check (CP-SAT with every decision so far fixed) at each step."""
    result = _rank_pass(instance, exact=False)
    if result is None:
        result = _rank_pass(instance, exact=True)
    if result is None:
        raise Infeasible("no_allocation", {}, "no allocation meets the budget, the quotas and the caps together")
    return result


def _feasible_exact(instance: Instance, decided: dict[str, bool], grants: dict[str, int]) -> bool:
    model, x, g = _model(instance, fixed=decided)
    for application_id, grant in grants.items():
        model.add(g[application_id] == grant)
    _solver, status = _solve(model, seconds=10.0)
    return status in (cp_model.OPTIMAL, cp_model.FEASIBLE)


class _Reserve:
    """What the group minimums still need from the applications not yet decided, kept up to date
    as the rank pass decides one application after another (each check costs O(groups × k))."""

    def __init__(self, instance: Instance):
        self.quotas = {(kind, code): q for kind, code, q in instance.groups() if q.min_amount or q.min_count}
        members = {key: [a for a in instance.applications if group_of(a, key[0]) == key[1]] for key in self.quotas}
        self.grants = {key: sorted(a.min_grant for a in members[key]) for key in self.quotas}
        self.requests = {key: sum(a.request for a in members[key]) for key in self.quotas}
        self.amount = dict.fromkeys(self.quotas, 0)
        self.count = dict.fromkeys(self.quotas, 0)

    def _keys(self, a: Application):
        return [key for key in (("domain", a.domain), ("community", a.community)) if key in self.quotas]

    def decide(self, a: Application, grant: int | None) -> None:
        for key in self._keys(a):
            self.grants[key].pop(bisect.bisect_left(self.grants[key], a.min_grant))
            self.requests[key] -= a.request
            if grant is not None:
                self.amount[key] += grant
                self.count[key] += 1

    def reachable(self, left: int, a: Application | None = None, grant: int = 0) -> bool:
        """Whether every minimum can still be met with ``left`` fen, if ``a`` is funded with ``grant``.

        A necessary condition (caps across groups are not modelled; the needs of one kind of group add
        up, and the larger kind's total must fit); the pass that uses it checks the finished
        allocation exactly and falls back to the exact check when it was too hopeful.
        """
        need = {"domain": 0, "community": 0}
        mine_keys = set(self._keys(a)) if a is not None else set()
        for key, quota in self.quotas.items():
            mine = key in mine_keys
            options = self.grants[key]
            if mine:  # a is still among the undecided; set it aside
                options = options.copy()
                options.pop(bisect.bisect_left(options, a.min_grant))
            count = self.count[key] + (1 if mine else 0)
            amount = self.amount[key] + (grant if mine else 0)
            need_count = max(quota.min_count - count, 0)
            need_amount = max(quota.min_amount - amount, 0)
            requests = self.requests[key] - (a.request if mine else 0)
            if len(options) < need_count or need_amount > requests:
                return False
            need[key[0]] += max(sum(options[:need_count]), need_amount)
        return max(need.values()) <= left - grant


def _blocked(instance: Instance, a: Application, amount: dict, count: dict, grant: int) -> tuple[int, bool]:
    """The grant a's groups still allow (capped by their maximum amounts) and whether a count maximum is hit."""
    full = False
    for kind, quota in (("domain", instance.quotas.get(a.domain)), ("community", instance.community_quotas.get(a.community))):
        if quota is None:
            continue
        key = (kind, group_of(a, kind))
        if quota.max_amount is not None:
            grant = min(grant, quota.max_amount - amount.get(key, 0))
        if quota.max_count is not None and count.get(key, 0) >= quota.max_count:
            full = True
    return grant, full


def _rank_pass(instance: Instance, exact: bool) -> Result | None:
    left = instance.budget
    amount: dict[tuple, int] = {}
    count: dict[tuple, int] = {}
    per_org: dict[str, int] = {}
    funded: dict[str, int] = {}
    decided: dict[str, bool] = {}
    reserve = _Reserve(instance)
    for a in _ranked(instance):
        grant, full = _blocked(instance, a, amount, count, min(a.request, left))
        allowed = grant >= a.min_grant and grant > 0 and not full
        if instance.organization_cap is not None and a.organization and per_org.get(a.organization, 0) >= instance.organization_cap:
            allowed = False
        if allowed and reserve.quotas:
            if exact:
                allowed = _feasible_exact(instance, {**decided, a.id: True}, {**funded, a.id: grant})
            else:
                allowed = reserve.reachable(left, a, grant)
        decided[a.id] = allowed
        reserve.decide(a, grant if allowed else None)
        if allowed:
            funded[a.id] = grant
            left -= grant
            _count_in(a, grant, amount, count)
            if a.organization:
                per_org[a.organization] = per_org.get(a.organization, 0) + 1
    if reserve.quotas and not reserve.reachable(left):
        return None  # every decision is made, so this check is exact: a minimum is missed
    weight = sum(a.score for a in instance.applications if a.id in funded)
    return Result(funded, {}, True, weight, weight, 0.0)


def _count_in(a: Application, grant: int, amount: dict, count: dict) -> None:
    for key in (("domain", a.domain), ("community", a.community)):
        amount[key] = amount.get(key, 0) + grant
        count[key] = count.get(key, 0) + 1


# --- why not --------------------------------------------------------------------------------


def explain(instance: Instance, funded: dict[str, int]) -> dict[str, Reason]:
    """A plain reason for every unfunded application, checked against the funded set."""
    ranked = _ranked(instance)
    position = {a.id: i + 1 for i, a in enumerate(ranked)}
    amount: dict[tuple, int] = {}
    count: dict[tuple, int] = {}
    per_org: dict[str, int] = {}
    by_id = {a.id: a for a in instance.applications}
    for application_id, grant in funded.items():
        a = by_id[application_id]
        _count_in(a, grant, amount, count)
        per_org[a.organization] = per_org.get(a.organization, 0) + 1
    reasons = {}
    left_at_turn = instance.budget  # what the applications ranked above had left over
    for a in ranked:
        if a.id in funded:
            left_at_turn -= funded[a.id]
            continue
        rank = position[a.id]
        if instance.organization_cap is not None and a.organization and per_org.get(a.organization, 0) >= instance.organization_cap:
            reasons[a.id] = Reason("organization_cap", {"rank": rank, "organization": a.organization, "cap": instance.organization_cap},
                                   f"ranked {rank}; organization {a.organization} already has {instance.organization_cap} funded")
            continue
        reasons[a.id] = _group_reason(instance, a, rank, amount, count) or (
            Reason("budget", {"rank": rank, "left": left_at_turn, "request": a.min_grant},
                   f"ranked {rank}; the {left_at_turn} fen left cannot cover its {a.min_grant} fen request")
            if a.min_grant > left_at_turn else
            Reason("quota_minimums", {"rank": rank},
                   f"ranked {rank}; funding it would leave a minimum unmet or score less in total"))
    return reasons


def _group_reason(instance: Instance, a: Application, rank: int, amount: dict, count: dict) -> Reason | None:
    for kind, quota in (("domain", instance.quotas.get(a.domain)), ("community", instance.community_quotas.get(a.community))):
        code = group_of(a, kind)
        if quota is None:
            continue
        if quota.max_count is not None and count.get((kind, code), 0) >= quota.max_count:
            return Reason(f"{kind}_max_count", {"rank": rank, kind: code, "max": quota.max_count},
                          f"ranked {rank}; {kind} {code} already has its maximum of {quota.max_count} projects")
        if quota.max_amount is not None and amount.get((kind, code), 0) + a.min_grant > quota.max_amount:
            return Reason(f"{kind}_max_amount", {"rank": rank, kind: code, "max": quota.max_amount},
                          f"ranked {rank}; {kind} {code} is already at its {quota.max_amount} fen maximum")
    return None
