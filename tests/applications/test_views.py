from __future__ import annotations

import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from tests import factories
from tests.pdftext import pdf_text
from yichuang.accounts.roles import Role
from yichuang.applications.engine import application_transition
from yichuang.applications.models import Application, NearDuplicate
from yichuang.applications.services import application_autosave

pytestmark = pytest.mark.django_db


def _officer(program):
    return factories.user_with_role(Role.PROGRAM_OFFICER, area=program.area)


def _editor_post(document: dict, **extra) -> dict:
    """The editor's flat form fields for ``document`` (rows as ``budget-0-item`` …)."""
    data = {key: value for key, value in document.items() if not isinstance(value, list)}
    for section, rows in document.items():
        if isinstance(rows, list):
            for index, row in enumerate(rows):
                data.update({f"{section}-{index}-{name}": value for name, value in row.items()})
    return {**data, **extra}


# --- staff pages --------------------------------------------------------------------------------


def test_staff_list_query_count_does_not_grow_with_applications(client):
    counts = []
    for n in (1, 3):
        program = factories.program(factories.district(f"区{n}"))
        for _ in range(n):
            factories.submitted_application(program, factories.organization(program.area))
        client.force_login(_officer(program))

        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("applications:staff-list", args=[program.pk]))

        assert len(response.context["page"].object_list) == n
        counts.append(len(captured))
    assert counts[0] == counts[1], f"{counts[0]} queries for 1 application, {counts[1]} for 3"


def test_staff_list_never_shows_drafts(client):
    program = factories.program()
    submitted = factories.submitted_application(program, factories.organization(program.area))
    factories.draft_application(program, factories.organization(program.area))
    client.force_login(_officer(program))

    response = client.get(reverse("applications:staff-list", args=[program.pk]))

    assert list(response.context["page"].object_list) == [submitted]


def test_staff_detail_of_a_draft_answers_404(client):
    program = factories.program()
    draft = factories.draft_application(program, factories.organization(program.area))
    client.force_login(_officer(program))

    response = client.get(reverse("applications:staff-detail", args=[draft.pk]))

    assert response.status_code == 404
    assert draft.title not in response.content.decode()


def test_staff_detail_for_officer_of_another_area_answers_404(client):
    program = factories.program(factories.district("乙区"))
    application = factories.submitted_application(program, factories.organization(program.area))
    client.force_login(factories.user_with_role(Role.PROGRAM_OFFICER, area=factories.district("甲区")))

    response = client.get(reverse("applications:staff-detail", args=[application.pk]))

    assert response.status_code == 404
    assert application.title not in response.content.decode()


def test_staff_detail_for_officer_of_the_area_shows_checks_and_history(client):
    program = factories.program()
    application = factories.submitted_application(program, factories.organization(program.area))
    client.force_login(_officer(program))

    response = client.get(reverse("applications:staff-detail", args=[application.pk]))

    assert response.status_code == 200
    assert len(response.context["checks"]) == 8
    assert [log.transition for log in response.context["history"]] == ["submit"]


def test_staff_export_neutralises_formula_in_title(client):
    program = factories.program()
    title = '=HYPERLINK("http://evil.example","点我")'
    factories.submitted_application(program, factories.organization(program.area), factories.application_document(title=title))
    client.force_login(_officer(program))

    response = client.get(reverse("applications:staff-export", args=[program.pk]))

    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [cell.value for row in sheet.iter_rows(min_row=2) for cell in row]
    assert "'" + title in values
    assert not any(isinstance(v, str) and v.startswith("=") for v in values)


def test_pdf_of_submitted_application_is_a_pdf(client):
    program = factories.program()
    application = factories.submitted_application(program, factories.organization(program.area))
    client.force_login(_officer(program))

    response = client.get(reverse("applications:pdf", args=[application.pk]))

    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert application.number in text and "长者助餐与邻里探访" in text
    assert "¥32,000.00" in text  # the budget total


def test_compare_page_marks_the_shared_passages(client):
    program = factories.program()
    factories.submitted_application(program, factories.organization(program.area))
    copy = factories.submitted_application(program, factories.organization(program.area))
    duplicate = NearDuplicate.objects.get(version=copy.latest_version)
    client.force_login(_officer(program))

    response = client.get(reverse("applications:compare", args=[copy.pk, duplicate.pk]))

    marked = "".join(re.findall(r"<mark>(.*?)</mark>", response.content.decode(), flags=re.S))
    assert "独居和空巢老人一百二十名" in marked
    assert "子女长期在外地工作" in marked


def _duplicate_across_districts():
    elsewhere = factories.program(factories.district("别的区"))
    original = factories.submitted_application(elsewhere, factories.organization(elsewhere.area))
    program = factories.program(factories.district("本区"))
    copy = factories.submitted_application(program, factories.organization(program.area))
    return program, original, copy, NearDuplicate.objects.get(version=copy.latest_version)


def test_compare_page_with_another_districts_application_shows_no_text(client):
    program, original, copy, duplicate = _duplicate_across_districts()
    client.force_login(_officer(program))

    response = client.get(reverse("applications:compare", args=[copy.pk, duplicate.pk]))

    page = response.content.decode()
    assert 'data-testid="outside-scope"' in page and original.number in page and "别的区" in page
    assert "子女长期在外地工作" not in page and original.organization.name not in page


def test_staff_detail_lists_another_districts_duplicate_by_number_and_district_only(client):
    program, original, copy, _duplicate = _duplicate_across_districts()
    client.force_login(_officer(program))

    page = client.get(reverse("applications:staff-detail", args=[copy.pk])).content.decode()

    assert original.number in page and "别的区" in page
    assert original.organization.name not in page and original.program.name not in page


# --- the applicant's pages ----------------------------------------------------------------------


@pytest.mark.parametrize("url_name", ["applications:own-detail", "applications:edit", "applications:pdf"])
def test_own_application_page_of_another_organization_answers_404(client, url_name):
    program = factories.program()
    theirs = factories.draft_application(program, factories.organization(program.area))
    client.force_login(factories.applicant(factories.organization(program.area)))

    response = client.get(reverse(url_name, args=[theirs.pk]))

    assert response.status_code == 404
    assert theirs.title not in response.content.decode()


def test_editor_post_to_another_organization_answers_404_and_changes_nothing(client):
    program = factories.program()
    theirs = factories.draft_application(program, factories.organization(program.area))
    client.force_login(factories.applicant(factories.organization(program.area)))

    response = client.post(
        reverse("applications:edit", args=[theirs.pk]),
        _editor_post(factories.application_document(title="被篡改"), revision=theirs.draft_revision),
    )

    assert response.status_code == 404
    assert Application.objects.get(pk=theirs.pk).draft["title"] == "长者助餐与邻里探访"


def test_editor_add_budget_rows_shows_more_rows_and_saves_what_was_typed(client):
    program = factories.program()
    application = factories.draft_application(program, factories.organization(program.area))
    document = factories.application_document(
        budget=[{"category": "venue", "item": "场地租用", "grant": "三千", "own": "1,200.50", "matched": ""}]
    )
    client.force_login(factories.applicant(application.organization))

    response = client.post(
        reverse("applications:edit", args=[application.pk]),
        _editor_post(document, revision=application.draft_revision, action="add-budget"),
    )

    assert response.status_code == 200
    assert len(response.context["rows"]["budget"]) == 3
    assert 'name="budget-2-item"' in response.content.decode()
    assert 'value="三千"' in response.content.decode()
    row = Application.objects.get(pk=application.pk).draft["budget"][0]
    assert (row["item"], row["grant"], row["grant_fen"], row["own_fen"], row["matched_fen"]) == (
        "场地租用", "三千", None, 120050, 0
    )


def test_staff_list_during_info_request_shows_the_submitted_title_not_unsubmitted_edits(client):
    program = factories.program()
    application = factories.submitted_application(program, factories.organization(program.area))
    officer = _officer(program)
    application_transition(actor=officer, application=application, code="start_screening")
    application = application_transition(actor=officer, application=application, code="request_info", reason="请补充预算说明。")
    application_autosave(
        actor=factories.applicant(application.organization), application=application,
        raw=factories.application_document(title="尚未提交的新标题"), revision=application.draft_revision,
    )
    client.force_login(officer)

    response = client.get(reverse("applications:staff-list", args=[program.pk]))

    assert [a.title for a in response.context["page"].object_list] == ["长者助餐与邻里探访"]


def test_autosave_post_with_garbled_revision_is_refused_without_server_error(client):
    program = factories.program()
    application = factories.draft_application(program, factories.organization(program.area))
    client.force_login(factories.applicant(application.organization))
    client.raise_request_exception = False

    response = client.post(
        reverse("applications:autosave", args=[application.pk]),
        _editor_post(factories.application_document(title="乱码版本号"), revision="2x"),
    )

    assert response.status_code < 500
    assert Application.objects.get(pk=application.pk).draft["title"] == "长者助餐与邻里探访"
