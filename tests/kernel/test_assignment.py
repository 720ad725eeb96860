"""The reviewer-assignment solver, checked against an independent integer program (HiGHS)."""

import json
import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from yichuang.kernel.assignment import Infeasible, InstanceError, conflicts, draw, parse_instance, solve


def _instance(apps=3, experts=4, k=2, loads=(0, 3), **extra):
    return {
        "reviewers_per_application": k,
        "applications": [{"id": f"a{i}", "domain": "elderly" if i % 2 == 0 else "youth", "organization": f"o{i}",
                          "community": f"c{i}"} for i in range(apps)],
        "experts": [{"id": f"e{j}", "domains": ["elderly"] if j % 2 == 0 else ["youth"], "organizations": [],
                     "community": "", "min_load": loads[0], "max_load": loads[1]} for j in range(experts)],
        **extra,
    }


def _check(instance, result):
    """Every rule of the model holds for ``result``."""
    excluded = conflicts(instance) | instance.forbidden
    pairs = set(result.assignment)
    assert len(pairs) == len(result.assignment)
    for app in instance.applications:
        assert sum(1 for a, _e in pairs if a == app.id) == instance.k
    for expert in instance.experts:
        load = sum(1 for _a, e in pairs if e == expert.id)
        assert expert.min_load <= load <= expert.max_load
    assert not pairs & excluded
    assert instance.pinned <= pairs


@pytest.fixture(scope="module")
def highs_optima():
    """Optima of every random instance by HiGHS, computed in one separate process (see highs_check.py)."""
    datas = [_random_data(random.Random(seed)) for seed in SEEDS]
    script = Path(__file__).with_name("highs_check.py")
    done = subprocess.run([sys.executable, str(script)], input=json.dumps(datas), capture_output=True, text=True,
                          check=True, timeout=300)
    return json.loads(done.stdout)


SEEDS = range(150)


def _random_data(rng: random.Random) -> dict:
    apps, experts = rng.randint(1, 10), rng.randint(1, 7)
    k = rng.randint(1, 3)
    data = _instance(apps, experts, k)
    for e in data["experts"]:
        low = rng.randint(0, 2)
        e["min_load"], e["max_load"] = low, low + rng.randint(0, 4)
        e["organizations"] = [f"o{rng.randrange(apps)}"] if rng.random() < 0.3 else []
    pairs = [(f"a{i}", f"e{j}") for i in range(apps) for j in range(experts)]
    data["affinity"] = [[a, e, round(rng.uniform(0, 2), 3)] for a, e in pairs if rng.random() < 0.4]
    data["conflicts"] = [[a, e] for a, e in pairs if rng.random() < 0.1]
    data["forbidden"] = [[a, e] for a, e in pairs if rng.random() < 0.05]
    data["pinned"] = [list(p) for p in rng.sample(pairs, min(len(pairs), rng.randint(0, 2)))]
    return data


@pytest.mark.parametrize("seed", SEEDS)
def test_solve_matches_an_independent_integer_program_on_random_instances(seed, highs_optima):
    instance = parse_instance(_random_data(random.Random(seed)))
    expected = highs_optima[seed]

    try:
        result = solve(instance)
    except Infeasible:
        result = None

    assert (result is None) == (expected is None)
    if result is not None:
        _check(instance, result)
        assert result.optimal
        assert result.objective == pytest.approx(expected, abs=1e-6 * (1 + len(result.assignment)))
        assert result.upper_bound == pytest.approx(expected, abs=1e-6 * (1 + len(result.assignment)))


def test_solve_small_instance_prefers_domain_matches():
    instance = parse_instance(_instance(apps=2, experts=4, k=2))

    result = solve(instance)

    # a0 (elderly) gets e0 and e2, a1 (youth) gets e1 and e3: every pair matches, affinity 4.
    assert result.assignment == [("a0", "e0"), ("a0", "e2"), ("a1", "e1"), ("a1", "e3")]
    assert (result.objective, result.upper_bound, result.optimal) == (4.0, 4.0, True)


def test_solve_keeps_pins_even_against_affinity():
    instance = parse_instance(_instance(apps=2, experts=4, k=2, pinned=[["a0", "e1"]]))

    result = solve(instance)

    assert ("a0", "e1") in result.assignment
    _check(instance, result)
    assert result.objective == 3.0


def test_solve_never_uses_affiliated_community_or_forbidden_experts():
    data = _instance(apps=2, experts=5, k=2, community_conflicts=True, forbidden=[["a1", "e1"]])
    data["experts"][0]["organizations"] = ["o0"]
    data["experts"][2]["community"] = "c0"
    instance = parse_instance(data)

    result = solve(instance)

    assert not {("a0", "e0"), ("a0", "e2"), ("a1", "e1")} & set(result.assignment)
    _check(instance, result)


def test_infeasible_too_few_experts_names_the_application():
    instance = parse_instance(_instance(apps=2, experts=3, k=3, conflicts=[["a1", "e0"]]))

    with pytest.raises(Infeasible) as caught:
        solve(instance)

    assert caught.value.code == "too_few_experts"
    assert caught.value.params == {"application": "a1", "available": 2, "needed": 3}
    assert "application a1 has only 2 experts without a conflict; 3 are needed" in str(caught.value)


def test_infeasible_capacity_short_counts_reviews():
    instance = parse_instance(_instance(apps=4, experts=3, k=2, loads=(0, 2)))

    with pytest.raises(Infeasible) as caught:
        solve(instance)

    assert (caught.value.code, caught.value.params) == ("capacity_short", {"demand": 8, "capacity": 6})


def test_infeasible_min_loads_above_demand():
    instance = parse_instance(_instance(apps=2, experts=3, k=1, loads=(1, 3)))

    with pytest.raises(Infeasible) as caught:
        solve(instance)

    assert caught.value.code == "min_load_excess"


def test_infeasible_expert_minimum_out_of_reach():
    data = _instance(apps=3, experts=3, k=1, loads=(0, 3), conflicts=[["a0", "e0"], ["a1", "e0"]])
    data["experts"][0]["min_load"] = 2
    instance = parse_instance(data)

    with pytest.raises(Infeasible) as caught:
        solve(instance)

    assert caught.value.params == {"expert": "e0", "min_load": 2, "eligible": 1}


@pytest.mark.parametrize(("pins", "code"), [([["a0", "e0"]], "pin_conflict"),
                                            ([["a0", "e1"], ["a0", "e2"], ["a0", "e3"]], "pins_exceed")])
def test_infeasible_pins_are_reported(pins, code):
    instance = parse_instance(_instance(apps=2, experts=4, k=2, conflicts=[["a0", "e0"]], pinned=pins))

    with pytest.raises(Infeasible) as caught:
        solve(instance)

    assert caught.value.code == code


def test_draw_same_seed_same_assignment_and_rules_hold():
    instance = parse_instance(_instance(apps=12, experts=8, k=3, loads=(2, 8), conflicts=[["a3", "e2"]]))

    first, again, other = draw(instance, 42), draw(instance, 42), draw(instance, 43)

    assert first.assignment == again.assignment
    assert first.assignment != other.assignment
    _check(instance, first)
    _check(instance, other)


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d.pop("reviewers_per_application"), "reviewers_per_application must be a whole number ≥ 1"),
    (lambda d: d.update(reviewers_per_application=0), "reviewers_per_application must be a whole number ≥ 1"),
    (lambda d: d["experts"][1].update(min_load=5, max_load=2), "experts[1]: min_load 5 is above max_load 2"),
    (lambda d: d["experts"][0].update(max_load=-1), "experts[0].max_load must be a whole number ≥ 0"),
    (lambda d: d.update(affinity=[["a0", "e99", 0.5]]), "affinity[0] names unknown expert 'e99'"),
    (lambda d: d.update(conflicts=[["a9", "e0"]]), "conflicts[0] names unknown application 'a9'"),
    (lambda d: d.update(affinity=[["a0", "e0", float("nan")]]), "affinity[0] must end with a finite number"),
    (lambda d: d["applications"].append({"id": "a0"}), "duplicate application id 'a0'"),
    (lambda d: d.update(pinned=[["a0"]]), "pinned[0] must be a list of 2 items"),
])
def test_parse_instance_reports_precisely_what_is_wrong(change, message):
    data = _instance()
    change(data)

    with pytest.raises(InstanceError) as caught:
        parse_instance(data)

    assert str(caught.value) == message


def test_solve_at_moderate_scale_is_optimal_and_complete():
    rng = np.random.default_rng(1)
    data = _instance(apps=200, experts=40, k=3, loads=(10, 20))
    data["conflicts"] = [[f"a{i}", f"e{j}"] for i, j in zip(rng.integers(0, 200, 160), rng.integers(0, 40, 160))]
    instance = parse_instance(data)

    result = solve(instance)

    _check(instance, result)
    assert result.optimal and result.objective == result.upper_bound
