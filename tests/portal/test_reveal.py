"""Phone numbers masked on pages and in the audit trail; the full value only on request, with a reason,
and every such view recorded (PIPL)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import factories
from yichuang.accounts.roles import Role
from yichuang.core.models import AuditEvent
from yichuang.places.services import organization_update

pytestmark = pytest.mark.django_db


def _organization_with_phone():
    organization = factories.organization()
    return organization_update(actor=factories.operator(), organization=organization,
                               data={"contact_phone": "13812345678"}, expected_version=organization.version)


def test_organization_page_shows_the_contact_phone_masked(client):
    organization = _organization_with_phone()
    client.force_login(factories.user_with_role(Role.PROGRAM_OFFICER, area=organization.area))

    page = client.get(reverse("places:organization-detail", args=[organization.pk])).content.decode()

    assert "138****5678" in page and "13812345678" not in page


def test_reveal_with_a_reason_shows_the_full_number_and_is_recorded(client):
    organization = _organization_with_phone()
    officer = factories.user_with_role(Role.PROGRAM_OFFICER, area=organization.area)
    client.force_login(officer)

    response = client.post(reverse("portal:reveal", args=["organization-phone", organization.pk]),
                           {"reason": "核实联系人，电话回访", "next": "/"})

    assert "13812345678" in response.content.decode()
    event = AuditEvent.objects.get(action="core.personal_data.shown")
    assert (event.actor, event.reason, event.after) == (officer, "核实联系人，电话回访", {"field": "contact_phone"})


def test_reveal_without_a_reason_shows_nothing_and_records_nothing(client):
    organization = _organization_with_phone()
    client.force_login(factories.user_with_role(Role.PROGRAM_OFFICER, area=organization.area))

    response = client.post(reverse("portal:reveal", args=["organization-phone", organization.pk]), {"reason": " "})

    assert response.status_code == 302
    assert not AuditEvent.objects.filter(action="core.personal_data.shown").exists()


def test_reveal_outside_the_viewers_scope_answers_404(client):
    organization = _organization_with_phone()
    client.force_login(factories.user_with_role(Role.PROGRAM_OFFICER, area=factories.district("别区")))

    response = client.post(reverse("portal:reveal", args=["organization-phone", organization.pk]), {"reason": "好奇"})

    assert response.status_code == 404
    assert "13812345678" not in response.content.decode()


def test_audit_trail_keeps_phone_numbers_masked():
    organization = _organization_with_phone()

    event = AuditEvent.objects.filter(action="places.organization.updated", object_id=str(organization.pk)).get()

    assert event.after["contact_phone"] == "138****5678"
