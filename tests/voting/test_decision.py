"""A published tally becomes the funding decision: reasons in plain words, overrides only with a
reason, applied like any decision; the review allocation cannot replace it."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.reviews.factories import officer_of
from tests.voting.factories import closed, option_ids, resident, vote
from yichuang.applications.models import Application
from yichuang.funding import services as funding
from yichuang.funding.models import Decision, DecisionKind
from yichuang.voting import services
from yichuang.voting.decision import decision_from_tally

pytestmark = pytest.mark.django_db


def _published(rule="greedy"):
    """a ¥6,000 with 4 votes, b ¥5,000 with 3, c ¥4,000 with 2; budget ¥10,000."""
    made = vote(max_choices=3, budget=10_000, rule=rule)
    a, b, c = option_ids(made)
    for choices, times in (([a, b], 3), ([a], 1), ([c], 2)):
        for _ in range(times):
            services.ballot_cast(actor=resident(made.program), vote=made, choices=[(x, None) for x in choices])
    closed(made)
    services.tally_publish(actor=officer_of(made.program), vote=made)
    return made


def _applications(made):
    return [o.application for o in made.options.select_related("application").order_by("position")]


def test_decision_from_tally_funds_the_winners_and_says_why_the_others_are_not(client):
    made = _published()
    a, b, c = _applications(made)

    decision = decision_from_tally(actor=officer_of(made.program), vote=made)

    assert decision.result["funded"] == [[a.pk, 600_000], [c.pk, 400_000]]
    assert decision.result["unfunded"][0][:2] == [b.pk, "vote_budget"]
    client.force_login(officer_of(made.program))
    page = client.get(reverse("funding:decision", args=[made.program.pk])).content.decode()
    assert "Ranked 2 in the resident vote with 3 votes; the ¥4,000.00 left could not cover its ¥5,000.00." in page
    assert 'data-testid="decided-by-vote"' in page


def test_decision_from_tally_before_publication_is_refused():
    made = vote()

    with pytest.raises(ValidationError):
        decision_from_tally(actor=officer_of(made.program), vote=made)

    assert not Decision.objects.exists()


def test_review_allocation_in_a_program_decided_by_vote_is_refused():
    made = _published()

    with pytest.raises(ValidationError, match="resident vote"):
        funding.decision_compute(actor=officer_of(made.program), program=made.program, budget=1_000_000)


def test_funding_a_project_that_lost_the_vote_only_as_an_override_with_a_reason():
    made = _published()
    a, b, c = _applications(made)
    officer = officer_of(made.program)
    decision = decision_from_tally(actor=officer, vote=made)

    with pytest.raises(ValidationError):
        funding.decision_override(actor=officer, decision=decision, funded_ids=[a.pk, b.pk], reason=" ")
    changed = funding.decision_override(actor=officer, decision=decision, funded_ids=[b.pk, c.pk],
                                        reason="a 的组织已获区级资助，按规定不重复资助")

    assert changed.kind == DecisionKind.OVERRIDE and changed.based_on == decision
    assert {pk for pk, _fen in changed.result["funded"]} == {b.pk, c.pk}


def test_applying_the_vote_decision_decides_the_winners_and_declines_the_others_with_the_reason():
    made = _published()
    a, b, c = _applications(made)
    officer = officer_of(made.program)

    funding.decision_apply(actor=officer, decision=decision_from_tally(actor=officer, vote=made))

    states = dict(Application.objects.filter(pk__in=[a.pk, b.pk, c.pk]).values_list("pk", "state__code"))
    assert states == {a.pk: "decided", b.pk: "declined", c.pk: "decided"}
    declined = Application.objects.get(pk=b.pk).transitions.last()
    assert "3 votes" in declined.reason


def test_equal_shares_reason_names_the_method():
    made = _published(rule="equalshares/add1")
    decision = decision_from_tally(actor=officer_of(made.program), vote=made)

    codes = {code for _pk, code, _params in decision.result["unfunded"]}

    assert codes == {"vote_equal_shares"}  # at least one project is unfunded: ¥15,000 asked of ¥10,000
