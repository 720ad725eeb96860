import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from tests import factories
from tests.delivery import factories as delivery
from tests.reviews.factories import officer_of
from yichuang.accounts.roles import Role
from yichuang.delivery import supervision
from yichuang.delivery.models import SupervisionVisit, VisitIssue
from yichuang.delivery.supervision import IssueData

pytestmark = pytest.mark.django_db


def _visit(project, supervisor, issues=None, **fields):
    values = {"visited_on": timezone.localdate() - datetime.timedelta(days=1), "observations": "台账完整",
              "issues": issues if issues is not None else [IssueData("签到表缺页", "medium", "补齐签到表")]}
    values.update(fields)
    return supervision.visit_record(actor=supervisor, project=project, **values)


def test_visit_is_logged_by_a_supervisor_of_the_programs_area_only():
    project = delivery.project()
    supervisor = factories.user_with_role(Role.SUPERVISOR, area=project.program.area)
    outsider = factories.user_with_role(Role.SUPERVISOR, area=factories.district("别区"))

    visit = _visit(project, supervisor)

    assert visit.issues.get().status == "open"
    with pytest.raises(PermissionDenied):
        _visit(project, outsider)
    with pytest.raises(PermissionDenied):
        _visit(project, officer_of(project.program))


@pytest.mark.parametrize(("fields", "field"), [
    ({"visited_on": timezone.localdate() + datetime.timedelta(days=1)}, "visited_on"),
    ({"observations": "  "}, "observations"),
    ({"issues": [IssueData("问题", "", "整改")]}, "issues"),
    ({"issues": [IssueData("问题", "low", "整改", timezone.localdate() - datetime.timedelta(days=30))]}, "issues"),
])
def test_visit_with_bad_input_is_refused_and_nothing_is_saved(fields, field):
    project = delivery.project()
    supervisor = factories.user_with_role(Role.SUPERVISOR, area=project.program.area)

    with pytest.raises(ValidationError) as error:
        _visit(project, supervisor, **fields)

    assert field in error.value.message_dict
    assert not SupervisionVisit.objects.exists()


def test_follow_up_stays_open_until_the_organization_deals_with_it_and_the_supervisor_accepts():
    project = delivery.project()
    supervisor = factories.user_with_role(Role.SUPERVISOR, area=project.program.area)
    issue = _visit(project, supervisor).issues.get()
    member = delivery.member(project)

    with pytest.raises(ValidationError):
        supervision.follow_up_review(actor=supervisor, issue=issue, accept=True)  # nothing done yet
    supervision.follow_up_done(actor=member, issue=issue, response="已补齐")
    with pytest.raises(ValidationError):
        supervision.follow_up_review(actor=supervisor, issue=issue, accept=False)  # sending back needs a note
    supervision.follow_up_review(actor=supervisor, issue=issue, accept=False, note="缺第三场")
    assert VisitIssue.objects.get(pk=issue.pk).status == "open"
    supervision.follow_up_done(actor=member, issue=issue, response="第三场已补")
    supervision.follow_up_review(actor=supervisor, issue=issue, accept=True)

    assert VisitIssue.objects.get(pk=issue.pk).status == "accepted"


def test_follow_up_is_dealt_with_by_the_grantee_only():
    project = delivery.project()
    supervisor = factories.user_with_role(Role.SUPERVISOR, area=project.program.area)
    issue = _visit(project, supervisor).issues.get()

    with pytest.raises(PermissionDenied):
        supervision.follow_up_done(actor=supervisor, issue=issue, response="我来填")


def test_visit_form_records_issues_and_skips_blank_rows(client):
    project = delivery.project()
    supervisor = factories.user_with_role(Role.SUPERVISOR, area=project.program.area)
    client.force_login(supervisor)
    data = {"visited_on": timezone.localdate().isoformat(), "observations": "走访助餐点",
            "issue-TOTAL_FORMS": "3", "issue-INITIAL_FORMS": "0", "issue-MIN_NUM_FORMS": "0", "issue-MAX_NUM_FORMS": "10",
            "issue-0-description": "餐食温度偏低", "issue-0-severity": "low", "issue-0-follow_up": "配保温箱"}

    response = client.post(reverse("delivery:visit-new", args=[project.pk]), data)

    visit = SupervisionVisit.objects.get()
    assert response["Location"] == reverse("delivery:visit", args=[visit.pk])
    assert list(visit.issues.values_list("description", flat=True)) == ["餐食温度偏低"]


def test_project_page_lists_visits_with_open_follow_ups_in_constant_queries(client, django_assert_max_num_queries):
    project = delivery.project()
    supervisor = factories.user_with_role(Role.SUPERVISOR, area=project.program.area)
    for _ in range(3):
        _visit(project, supervisor)
    client.force_login(supervisor)

    with django_assert_max_num_queries(30):
        response = client.get(reverse("delivery:project", args=[project.pk]))

    assert [v.open_issues for v in response.context["visits"]] == [1, 1, 1]
