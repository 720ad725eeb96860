"""The audit trail filtered by who, what, kind, area and dates, searched, and exported to Excel."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests import factories
from yichuang.accounts.roles import Role
from yichuang.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def _world():
    wujin = factories.district("武进区")
    street = factories.area(wujin, name="湖塘镇")
    factories.organization(street, name="湖塘镇益邻服务社")
    factories.organization(wujin, name="武进区阳光服务中心")
    auditor = factories.user_with_role(Role.AUDITOR, area=wujin)
    return wujin, street, auditor


def test_audit_filter_by_area_keeps_only_its_changes(client):
    _wujin, street, auditor = _world()
    client.force_login(auditor)

    response = client.get(reverse("audit:audit-list"), {"area": street.pk, "action": "places.organization.created"})

    shown = [event.object_repr for event in response.context["page"].object_list]
    assert shown == ["湖塘镇益邻服务社"]


def test_audit_search_and_date_range_narrow_the_trail(client):
    _wujin, _street, auditor = _world()
    client.force_login(auditor)
    event = AuditEvent.objects.filter(object_repr="武进区阳光服务中心").first()
    day = timezone.localdate(event.at).isoformat()  # the filter's days are local days (Asia/Shanghai)

    found = client.get(reverse("audit:audit-list"), {"q": "阳光", "start": day, "end": day}).context["page"].object_list
    before = client.get(reverse("audit:audit-list"), {"q": "阳光", "end": "2000-01-01"}).context["page"].object_list

    assert {e.object_repr for e in found} == {"武进区阳光服务中心"} and list(before) == []


def test_audit_filter_with_the_end_before_the_start_says_so(client):
    _wujin, _street, auditor = _world()
    client.force_login(auditor)

    response = client.get(reverse("audit:audit-list"), {"start": "2026-05-02", "end": "2026-05-01"})

    assert response.context["filters"].errors["end"]


def test_audit_export_writes_the_filtered_changes_as_sentences(client):
    _wujin, _street, auditor = _world()
    client.force_login(auditor)

    response = client.get(reverse("audit:audit-export"), {"action": "places.organization.created"})

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert sorted(row[3] for row in rows) == ["武进区阳光服务中心", "湖塘镇益邻服务社"]
    assert all("“" + row[3] + "”" in row[5] for row in rows)


def test_audit_export_for_someone_who_may_not_read_the_trail_is_refused(client):
    client.force_login(factories.user_with_role(Role.EXPERT, area=factories.district()))

    assert client.get(reverse("audit:audit-export")).status_code == 403
