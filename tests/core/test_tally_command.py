"""`yichuang tally FILE.pb`: the real outcome on a real election; a bad file exits 2 with its line."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "data" / "pabulib"


def _run(*args):
    return subprocess.run([sys.executable, "-m", "yichuang.cli", "tally", *map(str, args)],
                          capture_output=True, text=True, timeout=120)


def test_tally_command_prints_the_projects_the_city_funded():
    done = _run(DATA / "Poland_Warszawa_2017_Mlynow.pb")

    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    funded = [line.split(";")[0] for line in (DATA / "Poland_Warszawa_2017_Mlynow.pb").read_text(encoding="utf-8")
              .split("PROJECTS")[-1].split("VOTES")[0].splitlines()[2:] if line.rstrip().endswith(";1")]
    assert result["rule"] == "greedy" and sorted(result["selected"]) == sorted(funded)


def test_tally_command_rule_option_overrides_the_files_rule():
    done = _run(DATA / "Poland_Swiecie_2023.pb", "--rule", "greedy")

    assert json.loads(done.stdout)["rule"] == "greedy"


@pytest.mark.parametrize(("content", "reason"), [
    ("META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\na;5\nVOTES\nvoter_id;vote\n1;a,b\n", "line 9: vote names unknown project 'b'"),
    ("META\nkey;value\nbudget;10\n", "section PROJECTS is missing"),
])
def test_tally_command_malformed_file_exits_2_with_the_line(tmp_path, content, reason):
    path = tmp_path / "bad.pb"
    path.write_text(content, encoding="utf-8")

    done = _run(path)

    assert done.returncode == 2 and reason in done.stderr and done.stdout == ""
