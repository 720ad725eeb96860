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
