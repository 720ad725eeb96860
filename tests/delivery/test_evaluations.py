import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from tests import factories
from tests.delivery import factories as delivery
from tests.projects.factories import project as signed_project
from tests.projects.factories import second_officer
from tests.reviews.factories import officer_of
from yichuang.applications.screening import screen
from yichuang.delivery import evaluations
from yichuang.delivery.models import EvaluationSheet
from yichuang.kernel.money import Money
from yichuang.places.models import CreditFlag
from yichuang.projects import tranches
from yichuang.projects.models import TrancheStatus

pytestmark = pytest.mark.django_db


def _paid_first(project):
    first = project.tranches.get(position=0)
    tranches.tranche_propose(actor=officer_of(project.program), tranche=first)
    tranches.tranche_approve(actor=second_officer(project.program), tranche=first)


def test_round_open_creates_an_evaluation_for_every_project_under_way():
    project = signed_project(signed=True)

    round_ = delivery.open_round(project)

    assert list(round_.evaluations.values_list("project", flat=True)) == [project.pk]
    assert [row[0] for row in round_.criteria] == ["progress", "quality", "finance", "management", "impact"]


def test_round_open_refuses_evaluators_outside_the_program_and_a_second_round_of_a_kind():
    project = signed_project(signed=True)
    stranger = factories.user_with_role("supervisor", area=factories.district("别区"))

    with pytest.raises(ValidationError) as error:
        delivery.open_round(project, evaluators=[stranger])
    assert "evaluators" in error.value.message_dict
    delivery.open_round(project)
    with pytest.raises(ValidationError):
        evaluations.evaluation_round_open(actor=officer_of(project.program), program=project.program, kind="midterm",
                                          due_on=timezone.localdate(), evaluators=[delivery.evaluator(project.program)])


@pytest.mark.parametrize(("scores", "field"), [
    ({**delivery.SCORES, "progress": 26}, "score_progress"),
    ({**delivery.SCORES, "finance": -1}, "score_finance"),
    ({k: v for k, v in delivery.SCORES.items() if k != "impact"}, "score_impact"),
])
def test_sheet_scores_outside_the_range_are_refused_and_nothing_is_saved(scores, field):
    project = signed_project(signed=True)
    round_ = delivery.open_round(project)

    with pytest.raises(ValidationError) as error:
        evaluations.evaluation_sheet_save(actor=round_.evaluators.first(), evaluation=round_.evaluations.get(),
                                          scores=scores, findings="x", documents="y", recommendation="pass")

    assert field in error.value.message_dict
    assert not EvaluationSheet.objects.exists()


def test_sheet_is_for_the_rounds_evaluators_only():
    project = signed_project(signed=True)
    round_ = delivery.open_round(project)

    with pytest.raises(PermissionDenied):
        evaluations.evaluation_sheet_save(actor=officer_of(project.program), evaluation=round_.evaluations.get(),
                                          scores=delivery.SCORES, findings="x", documents="y", recommendation="pass")


def test_pass_proposes_the_midterm_tranche_for_a_second_officers_approval():
    project = signed_project(signed=True)
    _paid_first(project)

    delivery.decided_evaluation(project, result="pass")

    mid = project.tranches.get(position=1)
    assert mid.status == TrancheStatus.PROPOSED
    assert tranches.tranche_approve(actor=second_officer(project.program), tranche=mid).status == TrancheStatus.PAID


def test_rectify_holds_the_next_tranche_and_a_later_pass_releases_it():
    project = signed_project(signed=True)
    _paid_first(project)

    delivery.decided_evaluation(project, result="rectify")
    assert project.tranches.get(position=1).status == TrancheStatus.HELD
    delivery.decided_evaluation(project, result="pass")

    assert project.tranches.get(position=1).status == TrancheStatus.PROPOSED


def test_rectify_needs_actions_and_a_deadline():
    project = signed_project(signed=True)
    round_ = delivery.open_round(project)
    evaluation = round_.evaluations.get()
    evaluations.evaluation_sheet_save(actor=round_.evaluators.first(), evaluation=evaluation, scores=delivery.SCORES,
                                      findings="x", documents="y", recommendation="rectify")

    with pytest.raises(ValidationError) as error:
        evaluations.evaluation_decide(actor=officer_of(project.program), evaluation=evaluation, result="rectify",
                                      conclusion="需整改")

    assert {"actions", "rectify_by"} <= set(error.value.message_dict)


def test_fail_cancels_the_unpaid_tranches_and_bars_the_organization_in_screening():
    project = signed_project(signed=True)
    _paid_first(project)

    delivery.decided_evaluation(project, result="fail")

    assert set(project.tranches.exclude(position=0).values_list("status", flat=True)) == {TrancheStatus.CANCELLED}
    flag = CreditFlag.objects.get(organization=project.organization, kind="failed_evaluation")
    assert flag.removed_on.year == timezone.localdate().year + 3
    later = factories.program(project.program.area)
    application = factories.submitted_application(later, project.organization)
    credit = next(r for r in screen(application) if r.code == "credit")
    assert credit.outcome == "fail"


def test_fail_with_a_claw_back_takes_money_back_through_the_ledger():
    project = signed_project(signed=True)
    _paid_first(project)

    delivery.decided_evaluation(project, result="fail", consequence="claw_back", amount=Money.from_yuan(1_000))

    assert tranches.paid_to(project) == project.tranches.get(position=0).amount.fen - 100_000


def test_a_decided_pass_cannot_be_decided_again():
    project = signed_project(signed=True)
    evaluation = delivery.decided_evaluation(project, result="pass", consequence="none")

    with pytest.raises(ValidationError, match="decided"):
        evaluations.evaluation_decide(actor=officer_of(project.program), evaluation=evaluation, result="fail",
                                      conclusion="改判")


def test_evaluation_page_shows_sheets_to_staff_and_only_the_result_to_the_organization(client):
    project = signed_project(signed=True)
    evaluation = delivery.decided_evaluation(project, result="pass", consequence="none")
    url = reverse("delivery:evaluation", args=[evaluation.pk])

    client.force_login(officer_of(project.program))
    staff_page = client.get(url).content.decode()
    client.force_login(factories.applicant(project.organization))
    org_page = client.get(url).content.decode()

    assert "按计划开展" in staff_page
    assert "按计划开展" not in org_page and "评估结论" in org_page


def test_evaluator_saves_a_sheet_through_the_page_and_sees_it_on_their_list(client):
    project = signed_project(signed=True)
    round_ = delivery.open_round(project)
    evaluator = round_.evaluators.first()
    client.force_login(evaluator)
    form = {f"score_{k}": str(v) for k, v in delivery.SCORES.items()}

    response = client.post(reverse("delivery:evaluation-sheet", args=[round_.evaluations.get().pk]),
                           {**form, "findings": "记录完整", "documents": "签到表", "recommendation": "pass"})
    listed = client.get(reverse("delivery:my-evaluations"))

    assert response.status_code == 302
    assert EvaluationSheet.objects.get().total == sum(delivery.SCORES.values())
    assert listed.context["rows"][0]["done"] is True


def test_a_pass_says_why_its_tranche_is_not_proposed_yet():
    project = signed_project(signed=True)  # the first tranche is not paid yet: it comes first

    evaluation = delivery.decided_evaluation(project, result="pass")

    assert "Tranche 1" in evaluation.release_problem
    assert project.tranches.get(position=1).status == TrancheStatus.SCHEDULED
