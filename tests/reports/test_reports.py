import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests import factories
from tests.demo_world import demo_load
from tests.pdftext import pdf_text
from yichuang.accounts.models import User
from yichuang.accounts.roles import Role
from yichuang.programs.models import Program
from yichuang.reports import services
from yichuang.reports.models import JobStatus, ReportJob

pytestmark = pytest.mark.django_db


@pytest.fixture
def _request(django_capture_on_commit_callbacks):
    """Ask for a report through the page; the task, enqueued on commit, runs as the request's commit would."""
    def ask(client, program, kind):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse("reports:request", args=[program.pk]), {"kind": kind})
    return ask


def test_annual_report_pdf_is_made_in_the_background_with_charts_and_figures(client, _request):
    demo_load()
    officer, program = User.objects.get(username="officer"), Program.objects.get(code="WJ2024")
    client.force_login(officer)

    response = _request(client, program, "program_pdf")

    job = ReportJob.objects.get()
    assert response["Location"] == reverse("reports:job", args=[job.pk])
    assert (job.status, job.progress) == (JobStatus.DONE, 100)
    download = client.get(reverse("reports:download", args=[job.pk]))
    text = pdf_text(b"".join(download.streaming_content))
    assert program.name in text and "各领域的服务人次" in text
    assert "WJ2024-004" in text


def test_projects_workbook_lists_every_project_with_its_figures(client, _request):
    demo_load()
    client.force_login(User.objects.get(username="officer"))
    program = Program.objects.get(code="WJ2024")

    _request(client, program, "program_xlsx")

    job = ReportJob.objects.get()
    sheet = load_workbook(io.BytesIO(job.file.read())).active
    assert sheet.max_row == 1 + program.projects.count()
    assert sum(row[7] for row in sheet.iter_rows(min_row=2, values_only=True)) == sum(
        p.tally.person_times for p in program.projects.all())


def test_a_job_is_seen_and_downloaded_by_the_person_who_asked_only(client):
    demo_load()
    program = Program.objects.get(code="WJ2024")
    job = services.report_request(actor=User.objects.get(username="officer"), program=program, kind="program_xlsx")
    client.force_login(User.objects.get(username="auditor"))

    assert client.get(reverse("reports:job", args=[job.pk])).status_code == 404
    assert client.get(reverse("reports:download", args=[job.pk])).status_code == 404


def test_reports_are_for_the_programs_staff_and_an_unknown_kind_is_refused(client, _request):
    program = factories.program()
    outsider = factories.user_with_role(Role.PROGRAM_OFFICER, area=factories.district("别区"))
    officer = factories.user_with_role(Role.PROGRAM_OFFICER, area=program.area)
    client.force_login(outsider)
    assert _request(client, program, "program_pdf").status_code == 404
    client.force_login(officer)

    response = _request(client, program, "secret_dump")

    assert response.status_code == 302 and not ReportJob.objects.exists()
