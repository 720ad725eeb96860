"""Numbers nobody meant: too large for a column, superscripts, other scripts' digits. Each gets a clear
message in a form and changes nothing; none answers 500."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import factories
from yichuang.accounts.roles import Role
from yichuang.programs.models import Program

pytestmark = pytest.mark.django_db


def _program_form(area, organizer, **overrides):
    data = {
        "name": "数字测试", "code": "num1", "organizer": organizer.pk, "area": area.pk, "year": "2027",
        "total_budget": "300000", "min_grant": "5000", "max_grant": "30000", "max_grant_ratio_bp": "60",
        "decided_by": "review", "budget_tolerance_bp": "10", "notice_min_working_days": "5",
        "applications_open_at": "2027-03-01T09:00", "applications_close_at": "2027-04-30T17:00",
        "attachment_max_mb": "10", "at_risk_margin_bp": "20", "fail_bar_years": "3", "domains": [factories.service_domain().pk],
        "stage-TOTAL_FORMS": "0", "stage-INITIAL_FORMS": "0", "tranche-TOTAL_FORMS": "1", "tranche-INITIAL_FORMS": "0",
        "tranche-0-percent_bp": "100", "tranche-0-trigger": "signing",
    }
    return {**data, **overrides}


@pytest.mark.parametrize(("field", "typed"), [
    ("total_budget", str(2**63)), ("total_budget", "9" * 20), ("total_budget", "-5"), ("year", "²⁰²⁷"),
    ("year", "٢٠٢٧"), ("attachment_max_mb", "99999999999999999999"), ("notice_min_working_days", "⁵"),
])
def test_program_form_with_an_unreadable_number_names_the_field_and_saves_nothing(client, field, typed):
    area = factories.district()
    organizer = factories.organization(area, org_type="government", uscc=None)
    client.force_login(factories.user_with_role(Role.PROGRAM_OFFICER, area=area))

    response = client.post(reverse("programs:program-create"), _program_form(area, organizer, **{field: typed}))

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Program.objects.filter(code="num1").exists()


def test_program_form_with_full_width_digits_is_read(client):
    area = factories.district()
    organizer = factories.organization(area, org_type="government", uscc=None)
    client.force_login(factories.user_with_role(Role.PROGRAM_OFFICER, area=area))

    client.post(reverse("programs:program-create"), _program_form(area, organizer, year="２０２７", total_budget="３０００００"))

    program = Program.objects.get(code="num1")
    assert (program.year, program.total_budget.fen) == (2027, 30_000_000)
