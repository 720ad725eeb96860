"""Project pages: who sees what, the agreement PDF, tranche and spending forms as a browser posts them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories
from tests.pdftext import pdf_text
from tests.projects.factories import PLAN, project, second_officer, voucher
from tests.reviews.factories import officer_of
from yichuang.projects.models import Expenditure, Tranche, TrancheStatus

pytestmark = pytest.mark.django_db


def test_program_projects_query_count_does_not_grow_with_projects(client):
    counts = []
    for count in (1, 3):
        program = factories.program(tranches=PLAN)
        made = [project(program, signed=True) for _ in range(count)]
        client.force_login(officer_of(program))
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("projects:program", args=[program.pk]))
        assert all(p.number in response.content.decode() for p in made)
        counts.append(len(queries))

    assert counts[0] == counts[1]


def test_project_detail_of_another_organization_answers_404(client):
    created = project()
    client.force_login(factories.applicant(factories.organization(created.program.area)))

    response = client.get(reverse("projects:detail", args=[created.pk]))

    assert response.status_code == 404


def test_agreement_pdf_shows_the_grant_in_chinese_capitals(client):
    created = project()
    client.force_login(factories.applicant(created.organization))

    response = client.get(reverse("projects:agreement-pdf", args=[created.pk]))

    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert "¥18,000.00（人民币壹万捌仟元整）" in text
    assert "¥9,000.00人民币玖仟元整签订协议时" in text  # the first tranche, in words


def test_agreement_confirm_without_the_tick_changes_nothing(client):
    created = project()
    client.force_login(officer_of(created.program))

    response = client.post(reverse("projects:agreement-confirm", args=[created.pk]), {}, follow=True)

    assert [str(m) for m in response.context["messages"]] == ["Tick the box to confirm that you have read the agreement."]
    created.agreement.refresh_from_db()
    assert created.agreement.funder_confirmed_at is None


def test_tranche_action_propose_then_self_approve_is_refused_with_a_message(client):
    created = project(signed=True)
    first = created.tranches.first()
    client.force_login(officer_of(created.program))
    client.post(reverse("projects:tranche-action", args=[first.pk, "propose"]), {"amount": "9000"})

    response = client.post(reverse("projects:tranche-action", args=[first.pk, "approve"]), follow=True)

    assert "another officer" in response.content.decode()
    assert Tranche.objects.get(pk=first.pk).status == TrancheStatus.PROPOSED


def test_tranche_action_with_a_float_looking_amount_of_three_decimals_is_refused(client):
    created = project(signed=True)
    first = created.tranches.first()
    client.force_login(officer_of(created.program))

    response = client.post(reverse("projects:tranche-action", args=[first.pk, "propose"]), {"amount": "9000.001"},
                           follow=True)

    assert "Enter an amount in yuan" in response.content.decode()
    assert Tranche.objects.get(pk=first.pk).status == TrancheStatus.SCHEDULED


def test_tranche_action_by_the_grantee_answers_404(client):
    created = project(signed=True)
    client.force_login(factories.applicant(created.organization))

    response = client.post(reverse("projects:tranche-action", args=[created.tranches.first().pk, "propose"]))

    assert response.status_code == 404


def test_expenditure_add_over_the_line_keeps_what_was_typed_and_asks_for_the_file_again(client):
    created = project()
    line = created.budget_lines.last()  # ¥3,000
    client.force_login(factories.applicant(created.organization))

    response = client.post(reverse("projects:expenditure-add", args=[created.pk]), {
        "spend-line": line.pk, "spend-amount": "3500", "spend-spent_on": "2025-01-05", "spend-description": "社工服务费一季度",
        "spend-voucher": voucher()})

    page = response.content.decode()
    assert response.status_code == 400 and "社工服务费一季度" in page and "more than the whole budget" in page
    assert "Choose the voucher file again" in page
    assert Expenditure.objects.count() == 0


def test_voucher_is_served_to_the_officer_and_not_to_another_organization(client):
    created = project()
    client.force_login(factories.applicant(created.organization))
    client.post(reverse("projects:expenditure-add", args=[created.pk]), {
        "spend-line": created.budget_lines.first().pk, "spend-amount": "100", "spend-spent_on": "2025-01-05", "spend-description": "食材",
        "spend-voucher": voucher()})
    expenditure = Expenditure.objects.get()

    client.force_login(second_officer(created.program))
    allowed = client.get(reverse("projects:voucher", args=[expenditure.pk]))
    client.force_login(factories.applicant(factories.organization(created.program.area)))
    refused = client.get(reverse("projects:voucher", args=[expenditure.pk]))

    assert b"".join(allowed.streaming_content).startswith(b"%PDF") and refused.status_code == 404
