import io

import pytest
from django.db.models import Sum
from django.urls import reverse
from openpyxl import load_workbook

from tests import factories
from tests.delivery import factories as delivery
from tests.demo_world import demo_load
from yichuang.accounts.models import User
from yichuang.accounts.roles import Role
from yichuang.delivery import services
from yichuang.delivery.models import Activity
from yichuang.ledger.models import Posting

pytestmark = pytest.mark.django_db


def _chart(response, code):
    return next(c for c in response.context["charts"] if c.code == code)


def _column(chart, header_index):
    return sum(row[header_index] for row in chart.rows)


def test_dashboard_figures_equal_the_sums_of_the_demo_records(client):
    demo_load()
    client.force_login(User.objects.get(username="admin"))

    response = client.get(reverse("delivery:dashboard"))

    activities = Activity.objects.aggregate(t=Sum("person_times"), m=Sum("volunteer_minutes"))
    domain = _chart(response, "domain")
    assert _column(domain, 1) == activities["t"]
    assert _column(domain, 4) == Activity.objects.count()
    assert _column(domain, 3) == pytest.approx(activities["m"] / 60, abs=0.1 * len(domain.rows))
    money = _chart(response, "money")
    paid = -sum(p.amount.fen for p in Posting.objects.filter(account__code__startswith="project:"))
    assert _column(money, 2) == paid
    assert _column(_chart(response, "street"), 1) == activities["t"]
    assert _column(_chart(response, "years"), 4) == activities["t"]


def test_dashboard_filters_by_domain_and_area(client):
    first = delivery.project()
    member = delivery.member(first)
    services.activity_record(actor=member, project=first, data=delivery.data(participants=5, person_times=7))
    officer = factories.user_with_role(Role.PROGRAM_OFFICER, area=first.program.area)
    client.force_login(officer)
    domain = first.application.domain

    everything = client.get(reverse("delivery:dashboard"))
    filtered = client.get(reverse("delivery:dashboard"), {"domain": domain.pk + 1000})

    assert _column(_chart(everything, "domain"), 1) == 7
    assert filtered.status_code == 200 and not filtered.context["form"].is_valid()  # an unknown domain is refused


def test_dashboard_renders_in_constant_queries(client, django_assert_max_num_queries):
    demo_load()
    client.force_login(User.objects.get(username="officer"))

    with django_assert_max_num_queries(30):
        response = client.get(reverse("delivery:dashboard"))

    assert response.status_code == 200


def test_dashboard_chart_exports_to_excel_with_its_table(client):
    demo_load()
    client.force_login(User.objects.get(username="officer"))

    response = client.get(reverse("delivery:dashboard"), {"export": "domain"})

    sheet = load_workbook(io.BytesIO(response.content)).active
    chart = _chart(client.get(reverse("delivery:dashboard")), "domain")
    assert [c.value for c in sheet[1]] == [str(h) for h in chart.headers]
    assert [c.value for c in sheet[2]][1] == chart.rows[0][1]
    assert sheet.max_row == len(chart.rows) + 1


def test_dashboard_is_for_program_staff_only(client):
    demo_load()
    client.force_login(User.objects.get(username="org"))

    assert client.get(reverse("delivery:dashboard")).status_code == 403
