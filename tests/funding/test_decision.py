"""The funding decision: computed from the review ranking, explained, changed only with a reason."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests import factories
from tests.reviews.factories import officer_of, review_world
from yichuang.core.models import AuditEvent
from yichuang.demo import timeline
from yichuang.funding import services
from yichuang.funding.models import Decision, DecisionKind
from yichuang.reviews import scores
from yichuang.reviews import services as review_services
from yichuang.reviews.models import Assignment

pytestmark = pytest.mark.django_db

SHEET = {"need": "16", "design": "20", "capacity": "15", "budget": "12", "outcomes": "8", "innovation": None}


def _reviewed(count=3):
    program, review_round, applications, panel = review_world(count=count, experts=3, k=1)
    review_services.round_assign(actor=officer_of(program), review_round=review_round)
    review_services.round_open(actor=officer_of(program), review_round=review_round)
    for i, assignment in enumerate(Assignment.objects.filter(round=review_round).order_by("application__number")):
        user = assignment.expert.user
        review_services.assignment_confirm(actor=user, assignment=assignment, independent=True)
        scores.review_save(actor=user, assignment=assignment, revision=1, scores={**SHEET, "need": str(20 - i)},
                           bonus={}, comments={}, comment="", submit=True)
    return program, applications


def test_decision_compute_funds_in_rank_order_and_explains_the_rest():
    program, applications = _reviewed(3)  # each asks ¥18,000

    decision = services.decision_compute(actor=officer_of(program), program=program, budget=4_000_000)

    funded = [pk for pk, _amount in decision.result["funded"]]
    assert funded == [applications[0].pk, applications[1].pk]
    assert decision.result["unfunded"] == [[applications[2].pk, "budget", {"rank": 3, "left": 400_000, "request": 1_800_000}]]
    assert AuditEvent.objects.filter(action="funding.decision.computed").exists()


def test_decision_override_needs_a_reason_and_keeps_the_computed_row():
    program, applications = _reviewed(3)
    officer = officer_of(program)
    computed = services.decision_compute(actor=officer, program=program, budget=4_000_000)

    with pytest.raises(ValidationError):
        services.decision_override(actor=officer, decision=computed, funded_ids=[applications[2].pk], reason=" ")
    changed = services.decision_override(actor=officer, decision=computed, funded_ids=[applications[0].pk, applications[2].pk],
                                         reason="第三名覆盖偏远社区")

    assert changed.kind == DecisionKind.OVERRIDE and changed.based_on == computed
    assert Decision.objects.count() == 2
    assert [pk for pk, _a in changed.result["funded"]] == [applications[0].pk, applications[2].pk]


def test_decision_override_over_budget_is_refused():
    program, applications = _reviewed(3)
    officer = officer_of(program)
    computed = services.decision_compute(actor=officer, program=program, budget=4_000_000)

    with pytest.raises(ValidationError):
        services.decision_override(actor=officer, decision=computed, funded_ids=[a.pk for a in applications], reason="全部资助")

    assert Decision.objects.count() == 1


def test_decision_page_shows_the_reason_in_yuan(client):
    program, applications = _reviewed(3)
    client.force_login(officer_of(program))

    client.post(reverse("funding:decision", args=[program.pk]), {"budget": "40000", "objective": "rank", "organization_cap": "1"})
    page = client.get(reverse("funding:decision", args=[program.pk])).content.decode()

    unfunded = page.split('data-testid="unfunded-table"')[1].split("</table>")[0]
    assert applications[2].number in unfunded
    assert "排名第 3；剩余的 ¥4,000.00 不足以支付其申请的 ¥18,000.00。" in unfunded


def test_decision_page_of_another_district_answers_404(client):
    program, _applications = _reviewed(1)
    client.force_login(factories.user_with_role("program_officer", area=factories.district("别区")))

    assert client.get(reverse("funding:decision", args=[program.pk])).status_code == 404


def test_decision_page_keeps_the_rules_of_the_last_computation(client):
    program, _applications = _reviewed(2)
    client.force_login(officer_of(program))

    client.post(reverse("funding:decision", args=[program.pk]), {"budget": "40000", "objective": "score", "organization_cap": "1"})
    page = client.get(reverse("funding:decision", args=[program.pk])).content.decode()

    score_radio = re.search(r'<input[^>]*value="score"[^>]*>', page).group(0)
    assert 'value="40000.00"' in page and "checked" in score_radio


def test_decision_apply_moves_funded_and_declines_the_rest_and_approval_uses_its_amount():
    import datetime

    from django.utils import timezone

    from yichuang.applications import notices
    from yichuang.applications.engine import application_transition
    from yichuang.applications.models import Application
    from yichuang.projects.models import Project

    program, applications = _reviewed(3)
    officer = officer_of(program)
    computed = services.decision_compute(actor=officer, program=program, budget=4_000_000)
    changed = services.decision_override(actor=officer, decision=computed,
                                         funded_ids=[applications[0].pk, applications[1].pk], reason="按排名")

    applied = services.decision_apply(actor=officer, decision=changed)
    with pytest.raises(ValidationError):
        services.decision_apply(actor=officer, decision=changed)

    states = dict(Application.objects.filter(program=program).values_list("pk", "state__code"))
    assert applied.kind == DecisionKind.APPLIED
    assert [states[a.pk] for a in applications] == ["decided", "decided", "declined"]
    now = timezone.now()
    opens_at, closes_at = timeline.notice_period(program)
    notice = notices.notice_create(actor=officer, program=program, kind="final", title="拟资助项目公示", body="公示",
                                   opens_at=opens_at, closes_at=closes_at, applications=applications[:2])
    notices.notice_publish(actor=officer, notice=notice)
    timeline.notice_ran(notice, now - datetime.timedelta(days=8), now - datetime.timedelta(days=1))
    for application in applications[:2]:
        application_transition(actor=officer, application=application, code="approve")
    assert sorted(Project.objects.values_list("application_id", "grant")) == [
        (applications[0].pk, factories.Money(1_800_000)), (applications[1].pk, factories.Money(1_800_000))]


def test_decision_compute_gives_an_offered_grant_below_the_request():
    program, applications = _reviewed(3)  # each asks ¥18,000; the program's smallest grant is ¥10,000

    decision = services.decision_compute(actor=officer_of(program), program=program, budget=4_000_000,
                                         grants={str(applications[1].pk): 1_200_000})

    assert dict((pk, amount) for pk, amount in decision.result["funded"]) == {
        applications[0].pk: 1_800_000, applications[1].pk: 1_200_000}
    assert decision.parameters["grants"] == {str(applications[1].pk): 1_200_000}


@pytest.mark.parametrize("fen", [1_800_001, 999_999, 1_500_000.0])
def test_decision_compute_with_an_offer_outside_the_rules_changes_nothing(fen):
    program, applications = _reviewed(2)

    with pytest.raises(ValidationError):
        services.decision_compute(actor=officer_of(program), program=program, budget=4_000_000,
                                  grants={str(applications[0].pk): fen})
    assert Decision.objects.count() == 0


def test_decision_page_with_an_offer_above_the_request_shows_the_message_and_keeps_the_rules(client):
    program, applications = _reviewed(2)
    client.force_login(officer_of(program))

    response = client.post(reverse("funding:decision", args=[program.pk]), {
        "budget": "33333", "objective": "rank", f"grant-{applications[0].pk}": "19000"}, HTTP_ACCEPT_LANGUAGE="en")

    page = response.content.decode()
    assert "A grant cannot be more than the ¥18,000.00 requested." in page
    assert 'value="33333"' in page and Decision.objects.count() == 0


def test_decision_compute_covers_every_community_when_asked():
    program, applications = _reviewed(3)
    from yichuang.applications.models import Application

    other = factories.community(program.area, name="另一社区")
    Application.objects.filter(pk=applications[2].pk).update(community=other)

    decision = services.decision_compute(
        actor=officer_of(program), program=program, budget=4_000_000,
        community_quotas={str(applications[0].community_id): {"min_count": 1}, str(other.pk): {"min_count": 1}})

    assert {pk for pk, _a in decision.result["funded"]} == {applications[0].pk, applications[2].pk}


def test_decision_page_domain_quotas_reach_the_computation(client):
    program, applications = _reviewed(3)  # all elderly care, ¥18,000 each
    client.force_login(officer_of(program))

    client.post(reverse("funding:decision", args=[program.pk]), {
        "budget": "100000", "objective": "rank", "quota-elderly_max_count": "1", "quota-elderly_min_amount": "10000"})

    decision = Decision.objects.get()
    assert decision.parameters["domain_quotas"]["elderly"] == {
        "min_amount": 1_000_000, "max_amount": None, "min_count": 0, "max_count": 1}
    assert [pk for pk, _a in decision.result["funded"]] == [applications[0].pk]
    assert decision.result["unfunded"][0][1] == "domain_max_count"


def test_decision_page_quota_at_most_below_at_least_is_refused(client):
    program, _applications = _reviewed(2)
    client.force_login(officer_of(program))

    response = client.post(reverse("funding:decision", args=[program.pk]), {
        "budget": "100000", "objective": "rank", "quota-elderly_min_count": "3", "quota-elderly_max_count": "1"},
        HTTP_ACCEPT_LANGUAGE="en")

    assert "“At most” is below “at least” for Elderly care." in response.content.decode()
    assert Decision.objects.count() == 0
