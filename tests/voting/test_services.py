"""Resident votes: ballots within their type's rules, one per person, assisted and paper ballots,
and the published tally (greedy and Equal Shares)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from tests import factories
from tests.reviews.factories import officer_of
from tests.voting.factories import closed, option_ids, resident, shortlist, vote
from yichuang.accounts.roles import Role
from yichuang.voting import services
from yichuang.voting.models import Ballot, BallotSource, Vote

pytestmark = pytest.mark.django_db


def test_ballot_cast_twice_by_the_same_resident_replaces_the_first():
    made = vote(max_choices=2)
    a, b, c = option_ids(made)
    voter = resident(made.program)

    services.ballot_cast(actor=voter, vote=made, choices=[(a, None)])
    services.ballot_cast(actor=voter, vote=made, choices=[(b, None), (c, None)])

    ballot = Ballot.objects.get(vote=made)
    assert ballot.choices == [[int(b), None], [int(c), None]]


def test_ballot_second_row_for_the_same_person_is_refused_by_the_database():
    made = vote()
    voter = resident(made.program)
    services.ballot_cast(actor=voter, vote=made, choices=[(option_ids(made)[0], None)])

    with pytest.raises(IntegrityError), transaction.atomic():
        Ballot.objects.create(vote=made, voter=voter, choices=[])


@pytest.mark.parametrize(("options", "choices", "message"), [
    ({"max_choices": 2}, [0, 1, 2], "Choose at most 2 projects."),
    ({"min_choices": 2, "max_choices": 3}, [0], "Choose at least 2 projects."),
    ({}, [], "Choose at least one project."),
])
def test_ballot_cast_outside_the_approval_limits_changes_nothing(options, choices, message):
    made = vote(**options)
    ids = option_ids(made)

    with pytest.raises(ValidationError, match=message):
        services.ballot_cast(actor=resident(made.program), vote=made, choices=[(ids[i], None) for i in choices])
    assert Ballot.objects.count() == 0


def test_ballot_cast_knapsack_over_the_budget_is_refused_with_the_amounts():
    made = vote(ballot_type="knapsack", budget=10_000)
    a, b, _c = option_ids(made)  # ¥6,000 + ¥5,000

    with pytest.raises(ValidationError, match="cost ¥11,000.00, more than the budget of ¥10,000.00"):
        services.ballot_cast(actor=resident(made.program), vote=made, choices=[(a, None), (b, None)])


def test_ballot_cast_cumulative_points_over_the_total_are_refused():
    made = vote(ballot_type="cumulative", total_points=5, max_per_project=3, rule="greedy")
    a, b, _c = option_ids(made)

    with pytest.raises(ValidationError, match="add up to 6; you have 5"):
        services.ballot_cast(actor=resident(made.program), vote=made, choices=[(a, 3), (b, 3)])


def test_ballot_cast_by_a_resident_of_another_district_is_refused():
    made = vote()
    outsider = factories.user_with_role(Role.RESIDENT, area=factories.community(factories.district("别区")))

    with pytest.raises(ValidationError, match="Only verified residents"):
        services.ballot_cast(actor=outsider, vote=made, choices=[(option_ids(made)[0], None)])


def test_ballot_cast_after_the_close_is_refused():
    made = vote()
    Vote.objects.filter(pk=made.pk).update(closes_at=timezone.now() - datetime.timedelta(minutes=1))

    with pytest.raises(ValidationError, match="Voting closed at"):
        services.ballot_cast(actor=resident(made.program), vote=made, choices=[(option_ids(made)[0], None)])


def test_ballot_cast_assisted_by_a_community_worker_is_recorded_as_assisted():
    made = vote()
    voter = resident(made.program)
    worker = factories.user_with_role(Role.COMMUNITY_WORKER, area=factories.program_community(made.program))
    stranger = factories.user_with_role(Role.COMMUNITY_WORKER, area=factories.community(factories.district("别区")))

    with pytest.raises(PermissionDenied):
        services.ballot_cast(actor=stranger, vote=made, choices=[(option_ids(made)[0], None)], resident=voter)
    ballot = services.ballot_cast(actor=worker, vote=made, choices=[(option_ids(made)[0], None)], resident=voter)

    assert (ballot.voter, ballot.source, ballot.assisted_by) == (voter, BallotSource.ASSISTED, worker)


def test_ballot_import_paper_with_one_bad_row_imports_nothing_and_names_the_row():
    made = vote(max_choices=2)
    a, b, c = option_ids(made)
    officer = officer_of(made.program)

    phones = [resident(made.program, phone=f"+8613900002{i:03d}").phone for i in range(3)]

    with pytest.raises(ValidationError) as error:
        services.ballot_import_paper(actor=officer, vote=made, rows=[
            (2, "P001", phones[0], [(a, None)]), (3, "P002", phones[1], [(a, None), (b, None), (c, None)]),
            (4, "P001", phones[2], [(b, None)])])

    assert "Row 3: Choose at most 2 projects." in error.value.messages
    assert "Row 4: paper ballot P001 was already entered." in error.value.messages
    assert Ballot.objects.count() == 0


def _ballots(made, groups):
    for choice_sets, times in groups:
        for _ in range(times):
            services.ballot_cast(actor=resident(made.program), vote=made, choices=[(c, None) for c in choice_sets])


@pytest.mark.parametrize("rule", ["greedy", "equalshares/add1"])
def test_tally_publish_selects_by_the_announced_rule_and_shares_add_up_to_each_cost(rule):
    made = vote(max_choices=3, budget=10_000, rule=rule)
    a, b, c = option_ids(made)  # ¥6,000, ¥5,000, ¥4,000
    _ballots(made, [([a, b], 3), ([a], 1), ([c], 2)])  # a 4 votes, b 3, c 2
    officer = officer_of(made.program)
    closed(made)

    run = services.tally_publish(actor=officer, vote=made)

    assert set(run.result["selected"]) == {a, c}  # b (3 votes) no longer fits after a
    if rule == "equalshares/add1":
        share = run.result["shares"][c]
        assert share["supporters"] == 2 and abs(share["min"] + share["max"] - 400_000) <= 1
    assert Vote.objects.get(pk=made.pk).status == "published"


def test_tally_publish_a_second_time_is_refused():
    made = vote()
    _ballots(made, [([option_ids(made)[0]], 1)])
    closed(made)
    services.tally_publish(actor=officer_of(made.program), vote=made)

    with pytest.raises(ValidationError, match="binding"):
        services.tally_publish(actor=officer_of(made.program), vote=made)

    assert made.tallies.count() == 1


def test_vote_close_before_the_announced_end_needs_a_reason_and_tells_the_voters(django_capture_on_commit_callbacks):
    from yichuang.notifications.models import Notification

    made = vote()
    voter = resident(made.program)
    services.ballot_cast(actor=voter, vote=made, choices=[(option_ids(made)[0], None)])
    officer = officer_of(made.program)

    with pytest.raises(ValidationError):
        services.vote_close(actor=officer, vote=made)
    with django_capture_on_commit_callbacks(execute=True):
        services.vote_close(actor=officer, vote=made, reason="社区突发停电，改为纸质投票补充")

    made.refresh_from_db()
    assert made.status == "closed" and made.close_reason == "社区突发停电，改为纸质投票补充"
    assert Notification.objects.filter(recipient=voter, kind="vote.closed_early").count() == 1


def test_vote_create_in_a_program_decided_by_review_is_refused():
    program = factories.program(min_grant=factories.Money.from_yuan(1_000))
    applications = shortlist(program)

    with pytest.raises(ValidationError, match="expert review"):
        services.vote_create(actor=officer_of(program), program=program, title="投票", ballot_type="approval",
                             applications=applications, opens_at=timezone.now(),
                             closes_at=timezone.now() + datetime.timedelta(days=3))


def test_vote_create_puts_its_applications_to_the_vote():
    made = vote()

    states = set(made.options.values_list("application__state__code", flat=True))

    assert states == {"in_vote"}


def test_tally_publish_before_the_close_is_refused():
    made = vote()

    with pytest.raises(ValidationError, match="Close the vote"):
        services.tally_publish(actor=officer_of(made.program), vote=made)


def test_vote_create_equal_shares_with_ranked_ballots_is_refused():
    with pytest.raises(ValidationError, match="approval ballots only"):
        vote(ballot_type="ranked", points=[3, 2, 1], rule="equalshares/add1", opened=False)


# --- one person, one ballot across online, assisted and paper -------------------------------------


def test_assisted_ballot_for_a_resident_who_voted_online_is_refused_and_keeps_their_ballot():
    made = vote(max_choices=2)
    a, b, _c = option_ids(made)
    voter = resident(made.program)
    services.ballot_cast(actor=voter, vote=made, choices=[(a, None)])
    worker = factories.user_with_role(Role.COMMUNITY_WORKER, area=factories.program_community(made.program))

    with pytest.raises(ValidationError) as error:
        services.ballot_cast(actor=worker, vote=made, choices=[(b, None)], resident=voter)

    assert error.value.error_list[0].code == "already_voted"
    ballot = Ballot.objects.get(vote=made, voter=voter)
    assert (ballot.choices, ballot.source) == ([[int(a), None]], BallotSource.ONLINE)


def test_resident_replaces_their_own_assisted_ballot_online():
    made = vote(max_choices=2)
    a, b, _c = option_ids(made)
    voter = resident(made.program)
    worker = factories.user_with_role(Role.COMMUNITY_WORKER, area=factories.program_community(made.program))
    services.ballot_cast(actor=worker, vote=made, choices=[(a, None)], resident=voter)

    ballot = services.ballot_cast(actor=voter, vote=made, choices=[(b, None)])

    assert (ballot.choices, ballot.source, Ballot.objects.count()) == ([[int(b), None]], BallotSource.ONLINE, 1)


def test_paper_ballot_of_a_resident_who_voted_online_names_the_row_and_imports_nothing():
    made = vote(max_choices=2)
    a, b, _c = option_ids(made)
    online, other = resident(made.program, phone="+8613900003001"), resident(made.program, phone="+8613900003002")
    services.ballot_cast(actor=online, vote=made, choices=[(a, None)])

    with pytest.raises(ValidationError) as error:
        services.ballot_import_paper(actor=officer_of(made.program), vote=made, rows=[
            (2, "P001", "13900003002", [(b, None)]), (3, "P002", "139 0000 3001", [(b, None)])])

    assert any(m.startswith("Row 3:") and "139****3001" in m for m in error.value.messages)
    assert not any(m.startswith("Row 2:") for m in error.value.messages)
    assert Ballot.objects.filter(source=BallotSource.PAPER).count() == 0
    assert other.pk not in Ballot.objects.values_list("voter", flat=True)


def test_paper_ballot_of_someone_not_on_the_roll_is_refused_with_the_number_masked():
    made = vote()
    a, _b, _c = option_ids(made)

    with pytest.raises(ValidationError) as error:
        services.ballot_import_paper(actor=officer_of(made.program), vote=made, rows=[(2, "P001", "13911112222", [(a, None)])])

    assert "139****2222" in error.value.messages[0] and "13911112222" not in error.value.messages[0]


def test_online_ballot_after_a_paper_ballot_is_refused():
    made = vote(max_choices=2)
    a, b, _c = option_ids(made)
    voter = resident(made.program, phone="+8613900004001")
    services.ballot_import_paper(actor=officer_of(made.program), vote=made, rows=[(2, "P001", "13900004001", [(a, None)])])

    with pytest.raises(ValidationError) as error:
        services.ballot_cast(actor=voter, vote=made, choices=[(b, None)])

    assert error.value.error_list[0].code == "voted_on_paper"
    assert Ballot.objects.get(voter=voter).source == BallotSource.PAPER


def test_assisted_search_finds_only_full_names_or_full_numbers_in_the_workers_own_communities():
    from yichuang.voting import permissions, queries

    made = vote()
    mine, elsewhere = factories.program_community(made.program), factories.community(made.program.area, "别的社区")
    worker = factories.user_with_role(Role.COMMUNITY_WORKER, area=mine)
    neighbour = factories.user_with_role(Role.RESIDENT, area=mine, display_name="王秀英", phone="+8613900005001")
    stranger = factories.user_with_role(Role.RESIDENT, area=elsewhere, display_name="王秀兰", phone="+8613900005002")
    residents = permissions.assistable_residents(worker, made)

    assert list(queries.find_resident(residents, "王秀英")) == [neighbour]
    assert list(queries.find_resident(residents, "13900005001")) == [neighbour]
    assert list(queries.find_resident(residents, "王秀")) == []
    assert list(queries.find_resident(residents, "5001")) == []
    assert list(queries.find_resident(residents, "王秀兰")) == []  # another community's resident
    assert list(queries.find_resident(residents, "13900005002")) == []
    assert stranger in permissions.eligible_residents(made)
