from yichuang.kernel import deliberation as rules


def test_registration_place_is_a_place_until_capacity_then_the_waiting_list():
    assert [rules.registration_place(2, taken) for taken in (0, 1, 2, 3)] == ["registered", "registered",
                                                                              "waitlisted", "waitlisted"]


def test_form_groups_keeps_topics_with_enough_people_and_asks_the_others_again():
    groups, again = rules.form_groups({"a": 1, "b": 1, "c": 2, "d": None, "e": 3, "f": 3, "g": 3})
    assert groups == {1: ["a", "b"], 3: ["e", "f", "g"]}
    assert again == ["c", "d"]


def test_adopted_by_majority_needs_more_than_half_of_the_votes_cast_abstentions_included():
    assert rules.adopted_by_majority(rules.count_votes(["for", "for", "against"]))
    assert not rules.adopted_by_majority(rules.count_votes(["for", "against"]))
    assert not rules.adopted_by_majority(rules.count_votes(["for", "abstain", "abstain"]))
    assert not rules.adopted_by_majority(rules.Count())


def test_adopted_by_dots_takes_the_top_k_with_ties_and_never_a_proposal_without_dots():
    dots = {"road": 9, "hall": 5, "meals": 5, "crafts": 1, "nothing": 0}
    assert rules.adopted_by_dots(dots, 2) == {"road", "hall", "meals"}
    assert rules.adopted_by_dots(dots, 10) == {"road", "hall", "meals", "crafts"}
    assert rules.adopted_by_dots({"a": 0}, 3) == set()


def test_dots_problem_counts_the_dots_already_spent():
    assert rules.dots_problem(3, 2, 1) is None
    assert rules.dots_problem(3, 2, 2) == "too_many"
    assert rules.dots_problem(3, 0, 0) == "at_least_one"
