import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from tests.charity.test_grants import _approve, _funded
from tests.charity.test_views import _client
from tests.delivery.test_closing import _settled, _submit
from tests.pdftext import pdf_text
from tests.projects.factories import project as signed_project
from tests.reviews.factories import officer_of
from yichuang.charity import disclosure, grants, reminders, services
from yichuang.charity.grants import GrantText
from yichuang.delivery import closing
from yichuang.kernel import charity as rules
from yichuang.kernel.money import Money

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


def _ended_co_funded_project():
    officer, fund = _funded((20_000, "", 3))
    project = signed_project(signed=True)
    grant = grants.grant_propose(actor=officer, fund=fund, text=GrantText(
        "project", "配套资助", Money.from_yuan(5_000), project=project))
    grants.grant_pay(actor=officer, grant=_approve(grant, officer), paid_on=TODAY)
    member = _settled(project)
    closing.final_report_decide(actor=officer_of(project.program), report=_submit(project, member), accept=True)
    return officer, fund, project


def test_an_ended_co_funded_project_has_a_full_report_due_in_three_months_public_once_published():
    officer, fund, project = _ended_co_funded_project()
    url = reverse("charity:project-report-pdf", args=[fund.pk, project.pk])

    [row] = disclosure.ended_projects(fund, TODAY)
    hidden = Client().get(url)
    _client(officer).post(reverse("charity:project-report-publish", args=[fund.pk, project.pk]))
    shown = Client().get(url)

    assert row["due"] == rules.project_report_due(TODAY) and row["published"] is None
    assert hidden.status_code == 404 and shown.status_code == 200
    text = pdf_text(shown.content)
    assert project.title in text and "¥5,000.00" in text
    assert project.title in Client().get(reverse("charity:fund", args=[fund.pk])).content.decode()


def test_project_report_reminder_and_no_grant_to_an_ended_project(django_capture_on_commit_callbacks):
    officer, fund, project = _ended_co_funded_project()

    with django_capture_on_commit_callbacks(execute=True):
        sent = reminders.disclosures_remind(today=rules.project_report_due(TODAY) - dt.timedelta(days=1))

    assert sent >= 1 and f"p{project.pk}-due" in type(fund).objects.get(pk=fund.pk).reminders_sent
    with pytest.raises(ValidationError, match="has ended"):
        grants.grant_propose(actor=officer, fund=fund, text=GrantText(
            "project", "再次资助", Money.from_yuan(100), project=project))
    with pytest.raises(ValidationError, match="has ended"):
        services.project_disclosure_publish(actor=officer, fund=fund, project=signed_project())
