"""Funding allocation: rules always hold; the score objective is optimal and the rank objective is the
lexicographically best set in rank order (both checked by brute force on small random instances)."""

import itertools
import random

import pytest

from yichuang.kernel.allocation import AllocationError, Infeasible, allocate, parse_instance


def _random(seed: int, n: int = 9, objective: str = "score") -> dict:
    rng = random.Random(seed)
    apps = [{"id": f"a{i}", "score": rng.randrange(50, 100), "request": rng.randrange(1, 10) * 10000,
             "domain": rng.choice(["elderly", "youth", "community"]), "organization": f"o{rng.randrange(n - 2)}",
             "community": rng.choice(["c1", "c2", "c3"])}
            for i in range(n)]
    total = sum(a["request"] for a in apps)
    quotas = {"elderly": {"min_count": rng.randrange(0, 2), "max_amount": rng.randrange(10, 40) * 10000},
              "youth": {"max_count": rng.randrange(1, 4)}}
    return {"budget": int(total * rng.uniform(0.3, 0.7)), "objective": objective, "organization_cap": 1,
            "applications": apps, "domain_quotas": quotas,
            # Coverage wishes: at least one project in c1 (in some instances), at most a few in c2.
            "community_quotas": {"c1": {"min_count": rng.randrange(0, 2)}, "c2": {"max_count": rng.randrange(1, 3)}}}


def _feasible(data: dict, chosen: set[str]) -> bool:
    apps = {a["id"]: a for a in data["applications"]}
    if sum(apps[i]["request"] for i in chosen) > data["budget"]:
        return False
    orgs = [apps[i]["organization"] for i in chosen]
    if len(orgs) != len(set(orgs)):
        return False
    groups = [("domain", code, quota) for code, quota in data["domain_quotas"].items()]
    groups += [("community", code, quota) for code, quota in data.get("community_quotas", {}).items()]
    for kind, code, quota in groups:
        members = [i for i in chosen if apps[i][kind] == code]
        amount = sum(apps[i]["request"] for i in members)
        if len(members) < quota.get("min_count", 0) or amount < quota.get("min_amount", 0):
            return False
        if quota.get("max_count") is not None and len(members) > quota["max_count"]:
            return False
        if quota.get("max_amount") is not None and amount > quota["max_amount"]:
            return False
    return True


def _all_feasible(data: dict):
    ids = [a["id"] for a in data["applications"]]
    for size in range(len(ids) + 1):
        for subset in itertools.combinations(ids, size):
            if _feasible(data, set(subset)):
                yield set(subset)


@pytest.mark.parametrize("seed", range(40))
def test_score_objective_is_the_brute_force_optimum(seed):
    data = _random(seed)
    scores = {a["id"]: a["score"] for a in data["applications"]}
    best = max((sum(scores[i] for i in s) for s in _all_feasible(data)), default=None)

    try:
        result = allocate(parse_instance(data))
    except Infeasible:
        result = None

    assert (result is None) == (best is None)
    if result is not None:
        assert _feasible(data, set(result.funded))
        assert result.optimal and result.objective == pytest.approx(best)


@pytest.mark.parametrize("seed", range(40))
def test_rank_objective_is_the_lexicographically_best_set(seed):
    data = _random(seed, objective="rank")
    order = [a["id"] for a in sorted(data["applications"], key=lambda a: (-a["score"], a["id"]))]
    key = lambda s: [i in s for i in order]  # noqa: E731
    best = max(_all_feasible(data), key=key, default=None)

    try:
        result = allocate(parse_instance(data))
    except Infeasible:
        result = None

    assert (result is None) == (best is None)
    if result is not None:
        assert set(result.funded) == best


def test_unfunded_reasons_name_budget_domain_and_organization():
    data = {"budget": 100000, "organization_cap": 1, "applications": [
        {"id": "a1", "score": 90, "request": 60000, "domain": "elderly", "organization": "o1"},
        {"id": "a2", "score": 85, "request": 30000, "domain": "elderly", "organization": "o1"},
        {"id": "a3", "score": 80, "request": 30000, "domain": "elderly", "organization": "o3"},
        {"id": "a4", "score": 70, "request": 50000, "domain": "youth", "organization": "o4"}],
        "domain_quotas": {"elderly": {"max_amount": 80000}}}

    result = allocate(parse_instance(data))

    assert result.funded == {"a1": 60000}
    codes = {k: (v.code, v.params) for k, v in result.unfunded.items()}
    assert codes["a2"] == ("organization_cap", {"rank": 2, "organization": "o1", "cap": 1})
    assert codes["a3"][0] == "domain_max_amount"
    assert codes["a4"] == ("budget", {"rank": 4, "left": 40000, "request": 50000})
    assert result.unfunded["a4"].message == "ranked 4; the 40000 fen left cannot cover its 50000 fen request"


def test_min_grant_lets_the_marginal_project_be_funded_partly():
    data = {"budget": 100000, "applications": [
        {"id": "a1", "score": 90, "request": 70000},
        {"id": "a2", "score": 80, "request": 50000, "min_grant": 25000}]}

    assert allocate(parse_instance(data)).funded == {"a1": 70000, "a2": 30000}


def test_domain_minimum_is_kept_reachable_in_rank_order():
    data = {"budget": 100000, "applications": [
        {"id": "a1", "score": 90, "request": 60000, "domain": "youth"},
        {"id": "a2", "score": 85, "request": 40000, "domain": "youth"},
        {"id": "a3", "score": 50, "request": 40000, "domain": "elderly"}],
        "domain_quotas": {"elderly": {"min_count": 1}}}

    assert set(allocate(parse_instance(data)).funded) == {"a1", "a3"}


@pytest.mark.parametrize(("data", "code"), [
    ({"budget": 100, "applications": [{"id": "a", "score": 1, "request": 50, "domain": "x"}],
      "domain_quotas": {"x": {"min_count": 2}}}, "domain_too_few"),
    ({"budget": 100, "applications": [{"id": "a", "score": 1, "request": 500, "domain": "x"}],
      "domain_quotas": {"x": {"min_count": 1}}}, "minimums_over_budget"),
])
def test_impossible_minimums_are_infeasible_with_a_reason(data, code):
    with pytest.raises(Infeasible) as caught:
        allocate(parse_instance(data))

    assert caught.value.code == code


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d.update(budget=1.5), "budget must be a whole number of fen"),
    (lambda d: d["applications"][0].update(request=100.0), "applications[0].request must be a whole number of fen"),
    (lambda d: d["applications"][0].update(min_grant=999), "min_grant 999 is above the request 50"),
    (lambda d: d.update(objective="fair"), 'objective must be "rank" or "score"'),
    (lambda d: d["applications"].append({"id": "a", "score": 1, "request": 1}), "duplicate application id 'a'"),
])
def test_malformed_instances_say_what_is_wrong(change, message):
    data = {"budget": 100, "applications": [{"id": "a", "score": 1, "request": 50}]}
    change(data)

    with pytest.raises(AllocationError) as caught:
        parse_instance(data)

    assert message in str(caught.value)


def test_community_coverage_funds_a_lower_ranked_project_in_an_uncovered_community():
    data = {"budget": 100000, "applications": [
        {"id": "a1", "score": 90, "request": 50000, "community": "c1"},
        {"id": "a2", "score": 85, "request": 50000, "community": "c1"},
        {"id": "a3", "score": 60, "request": 50000, "community": "c2"}],
        "community_quotas": {"c2": {"min_count": 1}}}

    result = allocate(parse_instance(data))

    assert set(result.funded) == {"a1", "a3"}
    assert result.unfunded["a2"].code == "quota_minimums"


def test_community_maximum_is_the_reason_given():
    data = {"budget": 300000, "applications": [
        {"id": "a1", "score": 90, "request": 50000, "community": "c1"},
        {"id": "a2", "score": 85, "request": 50000, "community": "c1"}],
        "community_quotas": {"c1": {"max_count": 1}}}

    result = allocate(parse_instance(data))

    assert result.unfunded["a2"].code == "community_max_count" and result.unfunded["a2"].params["community"] == "c1"


def test_budget_reason_reports_what_was_left_at_its_turn_in_the_ranking():
    data = {"budget": 100000, "applications": [
        {"id": "a1", "score": 90, "request": 80000},
        {"id": "a2", "score": 85, "request": 30000},
        {"id": "a3", "score": 60, "request": 20000}]}

    result = allocate(parse_instance(data))

    assert set(result.funded) == {"a1", "a3"}
    assert result.unfunded["a2"].code == "budget" and result.unfunded["a2"].params["left"] == 20000
