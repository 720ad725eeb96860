"""`yichuang allocate`: JSON in, JSON out; exit status 2 with a one-line reason otherwise."""

import json
import subprocess
import sys

import pytest

INSTANCE = {"budget": 45000000, "objective": "rank", "organization_cap": 1, "applications": [
    {"id": "a1", "score": 87.5, "request": 3000000, "min_grant": 2000000, "domain": "elderly", "organization": "o1", "community": "c1"},
    {"id": "a2", "score": 80.0, "request": 4000000, "domain": "elderly", "organization": "o1", "community": "c2"},
    {"id": "a9", "score": 60.0, "request": 43000000, "domain": "youth", "organization": "o9", "community": "c9"}],
    "domain_quotas": {"elderly": {"min_amount": 0, "max_amount": 20000000, "min_count": 1, "max_count": 5}}}


def _run(tmp_path, content):
    path = tmp_path / "instance.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "yichuang.cli", "allocate", str(path)],
                          capture_output=True, text=True, timeout=120)


def test_allocate_command_prints_funded_and_reasons(tmp_path):
    done = _run(tmp_path, INSTANCE)

    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["funded"] == [{"id": "a1", "amount": 3000000}]
    assert result["total"] == 3000000 and result["optimal"] is True
    reasons = {u["id"]: u["reason"] for u in result["unfunded"]}
    assert "organization o1" in reasons["a2"] and "42000000 fen left" in reasons["a9"]


@pytest.mark.parametrize(("content", "reason"), [
    ("[1, 2", "not valid JSON"),
    ({**INSTANCE, "budget": 450000.5}, "malformed instance: budget must be a whole number of fen"),
    ({**INSTANCE, "domain_quotas": {"elderly": {"min_count": 3}}}, "infeasible: domain elderly needs 3"),
])
def test_allocate_command_exits_2_with_one_line_reason(tmp_path, content, reason):
    done = _run(tmp_path, content)

    assert done.returncode == 2 and reason in done.stderr and done.stderr.count("\n") == 1
