"""`yichuang assign`: JSON in, JSON out; exit status 2 with a one-line reason otherwise."""

import json
import subprocess
import sys

import pytest

INSTANCE = {
    "reviewers_per_application": 1,
    "applications": [{"id": "a1", "domain": "elderly", "organization": "o1", "community": "c1"},
                     {"id": "a2", "domain": "youth", "organization": "o2", "community": "c2"}],
    "experts": [{"id": "e1", "domains": ["elderly"], "organizations": ["o2"], "community": "c3", "min_load": 0, "max_load": 1},
                {"id": "e2", "domains": ["youth"], "organizations": [], "community": "c1", "min_load": 0, "max_load": 1}],
    "affinity": [["a1", "e2", 0.25]],
}


def _run(tmp_path, content, *extra):
    path = tmp_path / "instance.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "yichuang.cli", "assign", str(path), *extra],
                          capture_output=True, text=True, timeout=120)


def test_assign_command_prints_the_optimal_assignment(tmp_path):
    done = _run(tmp_path, INSTANCE)

    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    # e1 is affiliated with o2 (a2's organization), so e1 → a1 (1.0) and e2 → a2 (1.0).
    assert result["assignment"] == [["a1", "e1"], ["a2", "e2"]]
    assert (result["objective"], result["upper_bound"], result["optimal"]) == (2.0, 2.0, True)


# Four applications, four experts, no conflicts, one review each: 24 feasible draws.
OPEN_INSTANCE = {
    "reviewers_per_application": 1,
    "applications": [{"id": f"a{i}", "domain": "elderly", "organization": f"o{i}", "community": f"c{i}"} for i in range(4)],
    "experts": [{"id": f"e{i}", "domains": ["elderly"], "organizations": [], "community": "x", "min_load": 0, "max_load": 1}
                for i in range(4)],
}


def test_assign_command_with_seed_draws_reproducibly(tmp_path):
    draws = {seed: _run(tmp_path, OPEN_INSTANCE, "--seed", seed) for seed in ("7", "8", "9")}
    again = _run(tmp_path, OPEN_INSTANCE, "--seed", "7")

    assert [done.returncode for done in (*draws.values(), again)] == [0, 0, 0, 0]
    assignments = {seed: json.loads(done.stdout)["assignment"] for seed, done in draws.items()}
    assert json.loads(again.stdout)["assignment"] == assignments["7"]
    # Another seed is another draw (three seeds all landing on one of 24 draws would be a broken draw).
    assert len({json.dumps(a) for a in assignments.values()}) > 1


@pytest.mark.parametrize(("content", "reason"), [
    ("{not json", "not valid JSON"),
    ({**INSTANCE, "reviewers_per_application": 3}, "infeasible: application a1 has only 2 experts"),
    ({**INSTANCE, "conflicts": [["a1", "e9"]]}, "malformed instance: conflicts[0] names unknown expert 'e9'"),
])
def test_assign_command_exits_2_with_one_line_reason(tmp_path, content, reason):
    done = _run(tmp_path, content)

    assert done.returncode == 2
    assert done.stdout == ""
    assert reason in done.stderr and done.stderr.count("\n") == 1


def test_assign_command_missing_file_exits_2(tmp_path):
    done = subprocess.run([sys.executable, "-m", "yichuang.cli", "assign", str(tmp_path / "nope.json")],
                          capture_output=True, text=True, timeout=120)

    assert done.returncode == 2 and "cannot read the instance" in done.stderr
