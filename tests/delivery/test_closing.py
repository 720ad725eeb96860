import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tests import factories
from tests.delivery import factories as delivery
from tests.projects.factories import project as signed_project
from tests.projects.factories import second_officer, voucher
from tests.reviews.factories import officer_of
from yichuang.delivery import closing, services
from yichuang.delivery.models import ReportStatus
from yichuang.kernel.money import Money
from yichuang.projects import spending, tranches
from yichuang.projects.models import Project, ProjectStatus

pytestmark = pytest.mark.django_db


def _settled(project, *, spend_yuan=9_000):
    """Every tranche paid or cancelled, and ¥``spend_yuan`` of the ¥9,000 first tranche spent."""
    officer = officer_of(project.program)
    first = project.tranches.get(position=0)
    tranches.tranche_propose(actor=officer, tranche=first)
    tranches.tranche_approve(actor=second_officer(project.program), tranche=first)
    for tranche in project.tranches.exclude(position=0):
        tranches.tranche_cancel(actor=officer, tranche=tranche, reason="结项")
    member = factories.applicant(project.organization)
    line = project.budget_lines.order_by("position").first()
    spending.expenditure_record(actor=member, line=line, amount=Money.from_yuan(spend_yuan), spent_on=line.project.created_at.date(),
                                description="物料", voucher=voucher())
    return member


def _submit(project, member, **fields):
    values = {"narrative": "完成全部计划活动", "lessons": "", "leftover_handling": "none", "leftover_note": ""}
    values.update(fields)
    return closing.final_report_save(actor=member, project=project, submit=True, **values)


def test_accepting_the_final_report_closes_the_project_and_freezes_its_figures():
    project = signed_project(signed=True)
    member = _settled(project)

    report = _submit(project, member)
    closing.final_report_decide(actor=officer_of(project.program), report=report, accept=True)

    assert Project.objects.get(pk=project.pk).status == ProjectStatus.CLOSED
    assert report.figures["paid"] == report.figures["spent"] == 900_000
    with pytest.raises(ValidationError, match="closed"):
        services.activity_record(actor=member, project=project, data=delivery.data())


def test_money_left_over_must_be_handled_and_is_returned_through_the_ledger():
    project = signed_project(signed=True)
    member = _settled(project, spend_yuan=8_000)

    with pytest.raises(ValidationError) as error:
        _submit(project, member)
    assert "leftover_handling" in error.value.message_dict
    report = _submit(project, member, leftover_handling="return")
    closing.final_report_decide(actor=officer_of(project.program), report=report, accept=True)

    assert tranches.paid_to(project) == 800_000  # ¥1,000 clawed back


def test_the_officer_cannot_close_while_a_tranche_is_unsettled():
    project = signed_project(signed=True)
    member = factories.applicant(project.organization)
    report = _submit(project, member)

    with pytest.raises(ValidationError, match="Tranche 1"):
        closing.final_report_decide(actor=officer_of(project.program), report=report, accept=True)

    assert Project.objects.get(pk=project.pk).status == ProjectStatus.ACTIVE


def test_a_report_sent_back_needs_a_note_and_can_be_changed_again():
    project = signed_project(signed=True)
    member = factories.applicant(project.organization)
    report = _submit(project, member)
    officer = officer_of(project.program)

    with pytest.raises(ValidationError):
        closing.final_report_decide(actor=officer, report=report, accept=False)
    closing.final_report_decide(actor=officer, report=report, accept=False, note="请补充服务对象反馈")
    changed = _submit(project, member, narrative="完成全部计划活动，附服务对象反馈")

    assert changed.status == ReportStatus.SUBMITTED


def test_final_report_is_written_by_the_grantee_only():
    project = signed_project(signed=True)

    with pytest.raises(PermissionDenied):
        _submit(project, officer_of(project.program))


def test_final_report_page_saves_a_draft_the_officer_does_not_see(client):
    project = signed_project(signed=True)
    client.force_login(factories.applicant(project.organization))
    client.post(reverse("delivery:final-report", args=[project.pk]),
                {"narrative": "草稿内容", "leftover_handling": "none", "action": "save"})
    client.force_login(officer_of(project.program))

    page = client.get(reverse("delivery:final-report", args=[project.pk])).content.decode()

    assert project.final_report.status == ReportStatus.DRAFT
    assert "草稿内容" not in page
