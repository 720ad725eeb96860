"""Reviewer assignment as a min-cost flow: provably optimal, or a plain reason why none exists.

Every application needs exactly k distinct experts; every expert reviews between min_load and
max_load applications; conflicted and forbidden pairs are never used; pinned pairs always are.
Maximise the total affinity of the chosen pairs.

Network: source → application (supply k), application → expert (capacity 1, cost −affinity),
expert → sink. The expert's lower bound is the standard transformation: the expert node demands
min_load, and an extra arc expert → overflow carries up to max_load − min_load to an overflow
node that demands the rest. The constraint matrix of this network is totally unimodular, so the
optimum of its linear relaxation is attained at an integral flow: the min-cost flow's value *is*
the LP bound, and reaching it proves the assignment optimal (docs/assignment.md).

Affinities are floats; costs are integers (affinity × 10⁶, rounded). The reported objective is the
sum of the original affinities of the chosen pairs; callers round it for display.
"""

from __future__ import annotations

import math
import random
import time
from dataclasses import dataclass, field

import numpy as np
from ortools.graph.python import min_cost_flow

from yichuang.kernel.problems import Infeasible

SCALE = 1_000_000


class InstanceError(ValueError):
    """The instance is malformed; the message says where."""


@dataclass(frozen=True)
class Application:
    id: str
    domain: str = ""
    organization: str = ""
    community: str = ""


@dataclass(frozen=True)
class Expert:
    id: str
    domains: frozenset = frozenset()
    organizations: frozenset = frozenset()
    community: str = ""
    min_load: int = 0
    max_load: int = 0


@dataclass
class Instance:
    k: int
    applications: list[Application]
    experts: list[Expert]
    community_conflicts: bool = False
    affinity: dict = field(default_factory=dict)  # (app, expert) → float
    conflicts: set = field(default_factory=set)
    pinned: set = field(default_factory=set)
    forbidden: set = field(default_factory=set)


@dataclass(frozen=True)
class Result:
    assignment: list[tuple[str, str]]
    objective: float
    upper_bound: float
    optimal: bool
    seconds: float


# --- reading --------------------------------------------------------------------------------


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise InstanceError(message)


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _text(value, where: str) -> str:
    _require(isinstance(value, str), f"{where} must be a string")
    return value


def _read_application(index: int, raw) -> Application:
    where = f"applications[{index}]"
    _require(isinstance(raw, dict), f"{where} must be an object")
    _require("id" in raw, f"{where} has no id")
    return Application(_text(raw["id"], f"{where}.id"), _text(raw.get("domain", ""), f"{where}.domain"),
                       _text(raw.get("organization", ""), f"{where}.organization"),
                       _text(raw.get("community", ""), f"{where}.community"))


def _read_expert(index: int, raw) -> Expert:
    where = f"experts[{index}]"
    _require(isinstance(raw, dict), f"{where} must be an object")
    _require("id" in raw, f"{where} has no id")
    lists = {}
    for key in ("domains", "organizations"):
        value = raw.get(key, [])
        _require(isinstance(value, list) and all(isinstance(v, str) for v in value), f"{where}.{key} must be a list of strings")
        lists[key] = frozenset(value)
    min_load, max_load = raw.get("min_load", 0), raw.get("max_load")
    _require(_is_int(min_load) and min_load >= 0, f"{where}.min_load must be a whole number ≥ 0")
    _require(_is_int(max_load) and max_load >= 0, f"{where}.max_load must be a whole number ≥ 0")
    _require(min_load <= max_load, f"{where}: min_load {min_load} is above max_load {max_load}")
    return Expert(_text(raw["id"], f"{where}.id"), lists["domains"], lists["organizations"],
                  _text(raw.get("community", ""), f"{where}.community"), min_load, max_load)


def _read_pairs(data: dict, key: str, apps: set, experts: set, width: int = 2) -> list[tuple]:
    raw = data.get(key, [])
    _require(isinstance(raw, list), f"{key} must be a list")
    pairs = []
    for index, item in enumerate(raw):
        where = f"{key}[{index}]"
        _require(isinstance(item, list) and len(item) == width, f"{where} must be a list of {width} items")
        app, expert = item[0], item[1]
        _require(app in apps, f"{where} names unknown application {app!r}")
        _require(expert in experts, f"{where} names unknown expert {expert!r}")
        pairs.append(tuple(item))
    return pairs


def parse_instance(data) -> Instance:
    """Read the JSON instance format (see docs/assignment.md); raise InstanceError on any defect."""
    _require(isinstance(data, dict), "the instance must be a JSON object")
    k = data.get("reviewers_per_application")
    _require(_is_int(k) and k >= 1, "reviewers_per_application must be a whole number ≥ 1")
    _require(isinstance(data.get("applications"), list), "applications must be a list")
    _require(isinstance(data.get("experts"), list), "experts must be a list")
    applications = [_read_application(i, raw) for i, raw in enumerate(data["applications"])]
    experts = [_read_expert(i, raw) for i, raw in enumerate(data["experts"])]
    for kind, items in (("application", applications), ("expert", experts)):
        seen = set()
        for item in items:
            _require(item.id not in seen, f"duplicate {kind} id {item.id!r}")
            seen.add(item.id)
    app_ids, expert_ids = {a.id for a in applications}, {e.id for e in experts}
    affinity = {}
    for index, (app, expert, value) in enumerate(_read_pairs(data, "affinity", app_ids, expert_ids, width=3)):
        ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
        _require(ok, f"affinity[{index}] must end with a finite number")
        affinity[(app, expert)] = float(value)
    community_conflicts = data.get("community_conflicts", False)
    _require(isinstance(community_conflicts, bool), "community_conflicts must be true or false")
    return Instance(
        k=k, applications=applications, experts=experts, community_conflicts=community_conflicts, affinity=affinity,
        conflicts=set(_read_pairs(data, "conflicts", app_ids, expert_ids)),
        pinned=set(_read_pairs(data, "pinned", app_ids, expert_ids)),
        forbidden=set(_read_pairs(data, "forbidden", app_ids, expert_ids)),
    )


# --- rules ----------------------------------------------------------------------------------


def conflicts(instance: Instance) -> set[tuple[str, str]]:
    """Declared conflicts plus the automatic ones (affiliation; same community when the instance says so)."""
    found = set(instance.conflicts)
    by_org: dict[str, list[str]] = {}
    by_community: dict[str, list[str]] = {}
    for expert in instance.experts:
        for org in expert.organizations:
            by_org.setdefault(org, []).append(expert.id)
        if expert.community:
            by_community.setdefault(expert.community, []).append(expert.id)
    for app in instance.applications:
        if app.organization:
            found.update((app.id, e) for e in by_org.get(app.organization, []))
        if instance.community_conflicts and app.community:
            found.update((app.id, e) for e in by_community.get(app.community, []))
    return found


def affinity_of(instance: Instance, app: Application, expert: Expert) -> float:
    given = instance.affinity.get((app.id, expert.id))
    if given is not None:
        return given
    return 1.0 if app.domain and app.domain in expert.domains else 0.0


def _allowed_matrix(instance: Instance, excluded: set) -> np.ndarray:
    """Boolean applications × experts matrix of the pairs that may be used."""
    a_pos = {a.id: i for i, a in enumerate(instance.applications)}
    e_pos = {e.id: j for j, e in enumerate(instance.experts)}
    allowed = np.ones((len(a_pos), len(e_pos)), dtype=bool)
    for app, expert in excluded:
        allowed[a_pos[app], e_pos[expert]] = False
    return allowed


def _check_pins(instance: Instance, excluded: set) -> None:
    for app, expert in sorted(instance.pinned):
        if (app, expert) in excluded:
            raise Infeasible("pin_conflict", {"application": app, "expert": expert},
                             f"pinned pair ({app}, {expert}) is a conflict or forbidden")
    per_app: dict[str, int] = {}
    per_expert: dict[str, int] = {}
    for app, expert in instance.pinned:
        per_app[app] = per_app.get(app, 0) + 1
        per_expert[expert] = per_expert.get(expert, 0) + 1
    for app, count in sorted(per_app.items()):
        if count > instance.k:
            raise Infeasible("pins_exceed", {"application": app, "pinned": count, "needed": instance.k},
                             f"{count} experts are pinned to application {app}, which needs only {instance.k}")
    loads = {e.id: e.max_load for e in instance.experts}
    for expert, count in sorted(per_expert.items()):
        if count > loads[expert]:
            raise Infeasible("pins_over_load", {"expert": expert, "pinned": count, "max_load": loads[expert]},
                             f"expert {expert} is pinned to {count} applications but may review at most {loads[expert]}")


def _diagnose(instance: Instance, allowed: np.ndarray) -> None:
    """Raise Infeasible with the plainest reason that can be shown cheaply, if one applies."""
    k, n = instance.k, len(instance.applications)
    available = allowed.sum(axis=1)
    for i in np.flatnonzero(available < k):
        app = instance.applications[int(i)].id
        raise Infeasible("too_few_experts", {"application": app, "available": int(available[i]), "needed": k},
                         f"application {app} has only {int(available[i])} experts without a conflict; {k} are needed")
    capacity = sum(min(e.max_load, int(allowed[:, j].sum())) for j, e in enumerate(instance.experts))
    if capacity < n * k:
        raise Infeasible("capacity_short", {"demand": n * k, "capacity": capacity},
                         f"{n:,} applications × {k} reviewers = {n * k:,} reviews, but the experts can take at most {capacity:,}")
    eligible = allowed.sum(axis=0)
    for j, expert in enumerate(instance.experts):
        if expert.min_load > eligible[j]:
            raise Infeasible("expert_min_unreachable",
                             {"expert": expert.id, "min_load": expert.min_load, "eligible": int(eligible[j])},
                             f"expert {expert.id} must review at least {expert.min_load} applications but may review only {int(eligible[j])}")
    minimum = sum(e.min_load for e in instance.experts)
    if minimum > n * k:
        raise Infeasible("min_load_excess", {"minimum": minimum, "demand": n * k},
                         f"the experts' minimum loads add up to {minimum:,}, more than the {n * k:,} reviews needed")


# --- solving --------------------------------------------------------------------------------


def solve(instance: Instance) -> Result:
    """The assignment of maximum total affinity, proven optimal, or Infeasible with a reason."""
    started = time.perf_counter()
    excluded = conflicts(instance) | set(instance.forbidden)
    _check_pins(instance, excluded)
    allowed = _allowed_matrix(instance, excluded)
    _diagnose(instance, allowed)
    values = _affinity_matrix(instance)
    costs = -np.rint(values * SCALE).astype(np.int64)
    chosen, cost = _flow(instance, allowed, costs)
    objective = float(sum(values[i, j] for i, j in chosen))
    bound = -cost / SCALE
    # The bound is in scaled integers; rounding affinities moves it by at most 0.5e-6 a pair.
    return Result(_named(instance, chosen), objective, max(bound, objective), True, time.perf_counter() - started)


def draw(instance: Instance, seed: int) -> Result:
    """A random assignment meeting every rule, reproducible from ``seed`` (same seed, same draw).

    Each allowed pair gets a random cost from ``random.Random(seed)``; the min-cost flow then picks a
    feasible assignment that is random in the pairs it uses, and is the same for the same seed.
    """
    started = time.perf_counter()
    excluded = conflicts(instance) | set(instance.forbidden)
    _check_pins(instance, excluded)
    allowed = _allowed_matrix(instance, excluded)
    _diagnose(instance, allowed)
    rng = random.Random(seed)
    shape = allowed.shape
    costs = np.array([rng.getrandbits(20) for _ in range(shape[0] * shape[1])], dtype=np.int64).reshape(shape)
    chosen, _cost = _flow(instance, allowed, costs)
    values = _affinity_matrix(instance)
    objective = float(sum(values[i, j] for i, j in chosen))
    return Result(_named(instance, chosen), objective, objective, False, time.perf_counter() - started)


def _affinity_matrix(instance: Instance) -> np.ndarray:
    apps, experts = instance.applications, instance.experts
    domain_ids = {d: i for i, d in enumerate(sorted({a.domain for a in apps if a.domain}))}
    expert_has = np.zeros((len(domain_ids) + 1, len(experts)))
    for j, expert in enumerate(experts):
        for domain in expert.domains:
            if domain in domain_ids:
                expert_has[domain_ids[domain], j] = 1.0
    rows = np.array([domain_ids.get(a.domain, len(domain_ids)) for a in apps], dtype=np.int64)
    values = expert_has[rows] if len(apps) else np.zeros((0, len(experts)))
    a_pos = {a.id: i for i, a in enumerate(apps)}
    e_pos = {e.id: j for j, e in enumerate(experts)}
    for (app, expert), value in instance.affinity.items():
        values[a_pos[app], e_pos[expert]] = value
    return values


def _flow(instance: Instance, allowed: np.ndarray, costs: np.ndarray) -> tuple[list[tuple[int, int]], int]:
    """Solve the network; returns the chosen (application, expert) index pairs and the total cost."""
    n, m, k = len(instance.applications), len(instance.experts), instance.k
    source, overflow = n + m, n + m + 1
    a_pos = {a.id: i for i, a in enumerate(instance.applications)}
    e_pos = {e.id: j for j, e in enumerate(instance.experts)}
    pinned = {(a_pos[a], e_pos[e]) for a, e in instance.pinned}
    # Pinned pairs are taken out of the network: they use up the application's need and the expert's load.
    need = np.full(n, k, dtype=np.int64)
    used = np.zeros(m, dtype=np.int64)
    for i, j in pinned:
        need[i] -= 1
        used[j] += 1
        allowed[i, j] = False
    low = np.maximum(np.array([e.min_load for e in instance.experts], dtype=np.int64) - used, 0)
    high = np.array([e.max_load for e in instance.experts], dtype=np.int64) - used
    rows, cols = np.nonzero(allowed)
    flow = min_cost_flow.SimpleMinCostFlow()
    tails = np.concatenate([np.full(n, source), rows, n + np.arange(m)])
    heads = np.concatenate([np.arange(n), n + cols, np.full(m, overflow)])
    capacities = np.concatenate([need, np.ones(len(rows), dtype=np.int64), high - low])
    unit_costs = np.concatenate([np.zeros(n, dtype=np.int64), costs[rows, cols], np.zeros(m, dtype=np.int64)])
    arcs = flow.add_arcs_with_capacity_and_unit_cost(tails, heads, capacities, unit_costs)
    total = int(need.sum())
    supplies = np.zeros(n + m + 2, dtype=np.int64)
    supplies[source] = total
    supplies[n:n + m] = -low
    supplies[overflow] = -(total - int(low.sum()))
    if supplies[overflow] > 0:
        raise Infeasible("min_load_excess", {"minimum": int(low.sum() + used.sum()), "demand": n * k},
                         f"the experts' minimum loads add up to {int(low.sum() + used.sum()):,}, more than the {n * k:,} reviews needed")
    flow.set_nodes_supplies(np.arange(n + m + 2), supplies)
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise Infeasible("no_assignment", {}, "no assignment meets the loads, conflicts and pins together "
                         "(each rule alone can be met; relax a load bound or a pin)")
    pair_arcs = arcs[n:n + len(rows)]
    taken = np.flatnonzero(flow.flows(pair_arcs) > 0)
    chosen = sorted(pinned | {(int(rows[t]), int(cols[t])) for t in taken})
    pinned_cost = sum(int(costs[i, j]) for i, j in pinned)
    return chosen, int(flow.optimal_cost()) + pinned_cost


def _named(instance: Instance, chosen: list[tuple[int, int]]) -> list[tuple[str, str]]:
    return sorted((instance.applications[i].id, instance.experts[j].id) for i, j in chosen)
