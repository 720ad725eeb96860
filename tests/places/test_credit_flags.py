from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from tests import factories
from yichuang.accounts.roles import Role
from yichuang.core.models import AuditEvent
from yichuang.places.models import CreditFlag
from yichuang.places.queries import organization_list

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    organization = factories.organization(name="被列入名录的组织")
    officer = factories.user_with_role(Role.PROGRAM_OFFICER, area=organization.area)
    return organization, officer


def test_credit_flag_add_marks_organization_in_list(client, setting):
    organization, officer = setting
    client.force_login(officer)

    client.post(
        reverse("places:credit-flag-add", args=[organization.pk]),
        {"kind": "abnormal_operation", "listed_on": "2024-03-01", "authority": "武进区民政局"},
    )

    listed = organization_list(officer).get(pk=organization.pk)
    assert listed.has_active_flag
    assert AuditEvent.objects.filter(action="places.credit_flag.added", object_id=str(organization.pk)).exists()


def test_credit_flag_remove_needs_reason_and_keeps_the_flag_history(client, setting):
    organization, officer = setting
    client.force_login(officer)
    client.post(
        reverse("places:credit-flag-add", args=[organization.pk]),
        {"kind": "serious_dishonesty", "listed_on": "2023-01-01"},
    )
    flag = CreditFlag.objects.get(organization=organization)
    url = reverse("places:credit-flag-remove", args=[organization.pk, flag.pk])

    refused = client.post(url, {"removed_on": "2024-01-01", "reason": ""})
    client.post(url, {"removed_on": "2024-01-01", "reason": "已移出名单"})

    assert refused.status_code == 200
    flag.refresh_from_db()
    assert flag.removed_on == datetime.date(2024, 1, 1)
    assert not flag.is_active_on(datetime.date(2024, 6, 1))
    assert flag.is_active_on(datetime.date(2023, 6, 1))
    assert AuditEvent.objects.get(action="places.credit_flag.removed").reason == "已移出名单"


def test_credit_flag_remove_before_listing_date_is_refused(client, setting):
    organization, officer = setting
    client.force_login(officer)
    client.post(reverse("places:credit-flag-add", args=[organization.pk]), {"kind": "abnormal_operation", "listed_on": "2024-05-01"})
    flag = CreditFlag.objects.get(organization=organization)

    response = client.post(
        reverse("places:credit-flag-remove", args=[organization.pk, flag.pk]), {"removed_on": "2024-04-01", "reason": "错"}
    )

    assert response.status_code == 200
    flag.refresh_from_db()
    assert flag.removed_on is None


def test_credit_flag_add_by_member_is_forbidden(client, setting):
    organization, _officer = setting
    client.force_login(factories.user_with_role(Role.ORG_MEMBER, organization=organization))

    response = client.post(
        reverse("places:credit-flag-add", args=[organization.pk]), {"kind": "abnormal_operation", "listed_on": "2024-03-01"}
    )

    assert response.status_code == 403
    assert not CreditFlag.objects.exists()
