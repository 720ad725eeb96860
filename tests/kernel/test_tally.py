"""The tally engine against real elections (Pabulib) and on hand-checked cases."""

from pathlib import Path

import pytest

from yichuang.kernel import pabulib, tally

DATA = Path(__file__).resolve().parents[1] / "data" / "pabulib"
FILES = sorted(DATA.glob("*.pb"))


def _election(text: str) -> pabulib.Election:
    return pabulib.parse(text)


def _file(budget, projects, votes, vote_type="approval", extra_meta=""):
    lines = ["META", "key;value", f"budget;{budget}", f"vote_type;{vote_type}", *extra_meta.splitlines(),
             "PROJECTS", "project_id;cost;votes;selected", *projects,
             "VOTES", "voter_id;vote" + (";points" if vote_type == "cumulative" else ""), *votes]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_tally_selects_exactly_what_the_city_funded(path):
    election = pabulib.parse(path.read_text(encoding="utf-8"))

    outcome = tally.tally(election)

    funded = {pid for pid, project in election.projects.items() if project.row.get("selected") == "1"}
    assert set(outcome.selected) == funded


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_scores_from_ballots_match_the_files_columns(path):
    election = pabulib.parse(path.read_text(encoding="utf-8"))

    assert tally.score_mismatches(election) == []


def test_shared_elections_cover_every_ballot_type_and_rule():
    elections = [pabulib.parse(p.read_text(encoding="utf-8")) for p in FILES]

    assert {e.vote_type for e in elections} == {"approval", "ordinal", "cumulative", "choose-1"}
    assert {e.meta["rule"] for e in elections} >= {"greedy", "greedy-no-skip", "greedy-threshold", "equalshares/add1"}


def test_greedy_skips_what_does_not_fit_and_no_skip_stops():
    election = _election(_file(10, ["a;6;3;0", "b;5;2;0", "c;4;1;0"], ["1;a,b,c", "2;a,b", "3;a"]))

    assert tally.tally(election, "greedy").selected == ["a", "c"]
    assert tally.tally(election, "greedy-no-skip").selected == ["a"]


def test_greedy_threshold_leaves_out_projects_below_it():
    text = _file(100, ["a;10;3;0", "b;10;1;0"], ["1;a,b", "2;a", "3;a"], extra_meta="min_project_score_threshold;2")

    assert tally.tally(_election(text), "greedy-threshold").selected == ["a"]


def test_ordinal_ballots_give_points_by_position():
    text = _file(100, ["a;1;0;0", "b;1;0;0", "c;1;0;0"], ["1;a,b,c", "2;c,a"], vote_type="ordinal",
                 extra_meta="max_length;3")

    assert tally.scores(_election(text)) == {"a": 3 + 2, "b": 2, "c": 1 + 3}


def test_equal_shares_funds_the_minority_that_greedy_ignores():
    # 60 voters want a1 and a2, 40 want b; greedy spends everything on the majority.
    votes = [f"m{i};a1,a2" for i in range(60)] + [f"n{i};b" for i in range(40)]
    text = _file(100000, ["a1;50000;60;0", "a2;50000;60;0", "b;50000;40;0"], votes)

    assert set(tally.tally(_election(text), "greedy").selected) == {"a1", "a2"}
    outcome = tally.tally(_election(text), "equalshares/add1")
    assert "b" in outcome.selected
    assert sum(outcome.shares["b"]) == pytest.approx(50000)


def test_equal_shares_tie_goes_to_the_cheaper_project_not_the_first_in_the_file():
    # Both projects cost their two supporters the same share of their value: a tie.
    text = _file(20, ["a;20;2;0", "b;10;2;0"], ["1;a,b", "2;a,b"])

    assert tally.tally(_election(text), "equalshares/add1").selected == ["b"]


def _comparison(majority: int, minority: int) -> str:
    votes = [f"m{i};a1,a2" for i in range(majority)] + [f"n{i};b" for i in range(minority)]
    return _file(100000, ["a1;50000;0;0", "a2;50000;0;0", "b;50000;0;0"], votes)


def test_comparison_takes_the_outcome_by_approvals_when_more_voters_prefer_it():
    election = _election(_comparison(60, 40))  # 60 voters get two projects by approvals, one by Equal Shares

    outcome = tally.tally(election, "equalshares/add1-comparison")

    assert "b" in tally.tally(election, "equalshares/add1").selected
    assert set(outcome.selected) == {"a1", "a2"}


def test_comparison_keeps_equal_shares_when_as_many_voters_prefer_each():
    election = _election(_comparison(50, 50))

    outcome = tally.tally(election, "equalshares/add1-comparison")

    assert outcome.selected == tally.tally(election, "equalshares/add1").selected
    assert "b" in outcome.selected


def test_comparison_outcome_by_approvals_breaks_ties_by_file_order_not_cost():
    text = _file(2, ["x;2;5;0", "y;1;5;0"], [f"{i};x,y" for i in range(5)])

    assert tally.by_approvals(_election(text)) == ["x"]
    assert tally.tally(_election(text), "greedy").selected == ["y"]  # the greedy rule prefers the cheaper


@pytest.mark.parametrize(("text", "reason"), [
    ("META\nkey;value\nbudget;10\nVOTES\nvoter_id;vote\n", "section PROJECTS is missing"),
    ("META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\na;-5\nVOTES\nvoter_id;vote\n", "line 6: cost '-5' is negative"),
    ("META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\na;5\nVOTES\nvoter_id;vote\n1;a,z\n", "line 9: vote names unknown project 'z'"),
    ("META\nkey;value\nvote_type;approval\nPROJECTS\nproject_id;cost\na;5\nVOTES\nvoter_id;vote\n", "META has no budget"),
])
def test_malformed_files_fail_with_the_line_and_reason(text, reason):
    with pytest.raises(pabulib.PabulibError) as caught:
        pabulib.parse(text)

    assert reason in str(caught.value)


def test_equal_shares_completion_ends_when_every_supported_project_is_funded():
    # "b" has no supporter: it can never be funded, so the outcome can never go over the budget.
    text = _file(10000, ["a;6000;2;0", "b;5000;0;0", "c;4000;1;0"], ["1;a", "2;a", "3;c"])

    assert set(tally.tally(_election(text), "equalshares/add1").selected) == {"a", "c"}
