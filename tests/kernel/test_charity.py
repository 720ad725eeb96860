from yichuang.kernel import charity as rules


def test_fund_name_joins_host_and_community_without_saying_community_twice():
    assert rules.fund_name("南京市高淳区慈善基金会", "社东社区") == "南京市高淳区慈善基金会社东社区慈善基金"
    assert rules.fund_name("某某基金会", "桥头村") == "某某基金会桥头村社区慈善基金"


def test_committee_needs_an_odd_number_of_at_least_five():
    assert [rules.committee_problem(n) for n in (3, 4, 5, 6, 7)] == ["too_few", "too_few", None, "even", None]


def test_quorum_is_at_least_a_majority_and_at_most_the_committee():
    assert rules.majority(5) == 3
    assert rules.quorum_problem(2, 5) == "below_majority"
    assert rules.quorum_problem(6, 5) == "above_committee"
    assert rules.quorum_problem(5, 5) is None


def test_receipt_number_has_prefix_year_and_six_digits():
    assert rules.receipt_number("SDCF", 2026, 42) == "SDCF2026000042"


def test_draw_first_in_first_out_drains_the_oldest_gift_first():
    assert rules.draw_first_in_first_out(150, [(1, 100), (2, 0), (3, 80), (4, 50)]) == [(1, 100), (3, 50)]


def test_draw_first_in_first_out_refuses_more_than_the_pots_hold():
    import pytest

    with pytest.raises(ValueError):
        rules.draw_first_in_first_out(181, [(1, 100), (3, 80)])
    with pytest.raises(ValueError):
        rules.draw_first_in_first_out(0, [(1, 100)])


def test_approval_state_approves_at_quorum_and_rejects_when_it_cannot_be_reached():
    assert rules.approval_state(3, 0, eligible=5, quorum=3) == "approved"
    assert rules.approval_state(2, 2, eligible=5, quorum=3) == "open"
    assert rules.approval_state(2, 2, eligible=4, quorum=3) == "rejected"  # one member has a conflict
    assert rules.approval_state(0, 3, eligible=5, quorum=3) == "rejected"


def test_cost_ratio_is_costs_over_all_spending():
    assert rules.cost_ratio(50, 1000) == 0.05
    assert rules.cost_ratio(0, 0) is None


def test_quarter_bounds_and_disclosure_due_at_the_end_of_the_month_after():
    import datetime as dt

    assert rules.quarter_bounds(2026, 3) == (dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    assert rules.quarter_bounds(2026, 4) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert rules.disclosure_due(2026, 3) == dt.date(2026, 10, 31)
    assert rules.disclosure_due(2026, 4) == dt.date(2027, 1, 31)
    assert rules.disclosure_due(2027, 1) == dt.date(2027, 4, 30)


def test_finished_quarters_run_from_the_first_to_the_last_ended():
    import datetime as dt

    assert rules.finished_quarters(dt.date(2025, 8, 12), dt.date(2026, 4, 1)) == [(2025, 3), (2025, 4), (2026, 1)]
    assert rules.finished_quarters(dt.date(2026, 11, 1), dt.date(2026, 11, 30)) == []


def test_project_report_is_due_three_months_after_the_project_ended():
    import datetime as dt

    assert rules.project_report_due(dt.date(2026, 3, 15)) == dt.date(2026, 6, 15)
    assert rules.project_report_due(dt.date(2026, 11, 30)) == dt.date(2027, 2, 28)
    assert rules.project_report_due(dt.date(2026, 10, 31)) == dt.date(2027, 1, 31)
