from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests import factories
from yichuang.accounts.roles import Role
from yichuang.core.errors import StaleEditError
from yichuang.core.models import AuditEvent
from yichuang.places.models import Area, Organization, OrganizationType
from yichuang.places.services import area_create, organization_create, organization_update

pytestmark = pytest.mark.django_db


def test_area_create_builds_path_and_level_under_parent():
    district = factories.district()

    street = area_create(actor=factories.operator(), parent=district, code=district.code + "001", name="湖塘镇")

    assert street.level == "street"
    assert street.path == f"{district.path}{street.code}/"
    assert district.contains(street)


def test_area_create_with_code_outside_parent_is_refused_and_nothing_saved():
    district = factories.district()
    before = Area.objects.count()

    with pytest.raises(ValidationError) as error:
        area_create(actor=factories.operator(), parent=district, code="999999001", name="外区街道")

    assert district.code in str(error.value)
    assert Area.objects.count() == before


def test_area_create_with_wrong_code_length_names_the_expected_length():
    district = factories.district()

    with pytest.raises(ValidationError) as error:
        area_create(actor=factories.operator(), parent=district, code=district.code + "01", name="短码街道")

    assert "9" in str(error.value)


def test_area_create_by_officer_outside_scope_is_denied():
    mine, other = factories.district("甲区"), factories.district("乙区")
    officer = factories.user_with_role(Role.PROGRAM_OFFICER, area=mine)

    with pytest.raises(PermissionDenied):
        area_create(actor=officer, parent=other, code=other.code + "001", name="越权街道")


def test_organization_create_writes_audit_row_with_after_state():
    where = factories.district()

    organization = factories.organization(where, name="武进区益能社会工作服务中心")

    event = AuditEvent.objects.get(action="places.organization.created", object_id=str(organization.pk))
    assert event.after["name"] == "武进区益能社会工作服务中心"
    assert event.after["uscc"] == organization.uscc
    assert event.area_path == where.path


def test_organization_create_with_bad_check_character_says_which_character():
    where = factories.district()
    good = factories.valid_uscc(where.code)
    wrong_check = good[:17] + ("0" if good[17] != "0" else "1")

    with pytest.raises(ValidationError) as error:
        organization_create(
            actor=factories.operator(),
            data={"name": "校验位错误", "org_type": OrganizationType.SOCIAL_GROUP, "area": where, "uscc": wrong_check},
        )

    assert good[17] in error.value.message_dict["uscc"][0]
    assert not Organization.objects.filter(name="校验位错误").exists()


def test_organization_create_with_duplicate_code_is_refused():
    existing = factories.organization()

    with pytest.raises(ValidationError) as error:
        factories.organization(existing.area, name="重复的组织", uscc=existing.uscc)

    assert "uscc" in error.value.message_dict
    assert Organization.objects.filter(uscc=existing.uscc).count() == 1


def test_organization_create_community_group_outside_community_is_refused():
    district = factories.district()

    with pytest.raises(ValidationError) as error:
        factories.organization(district, name="楼栋互助会", org_type=OrganizationType.COMMUNITY_GROUP)

    assert "area" in error.value.message_dict


def test_organization_create_registered_type_without_code_is_refused():
    with pytest.raises(ValidationError) as error:
        organization_create(
            actor=factories.operator(),
            data={"name": "无代码基金会", "org_type": OrganizationType.FOUNDATION, "area": factories.district(), "uscc": ""},
        )

    assert "uscc" in error.value.message_dict


def test_organization_update_with_stale_version_is_refused_and_changes_nothing():
    organization = factories.organization(name="原名称")
    officer = factories.user_with_role(Role.PROGRAM_OFFICER, area=organization.area)
    organization_update(actor=officer, organization=organization, data={"address": "第一次"}, expected_version=1)

    with pytest.raises(StaleEditError):
        organization_update(
            actor=officer, organization=Organization.objects.get(pk=organization.pk), data={"address": "第二次"},
            expected_version=1,
        )

    organization.refresh_from_db()
    assert organization.address == "第一次"
    assert organization.version == 2


def test_organization_update_records_before_after_and_reason():
    organization = factories.organization(name="旧名称")
    officer = factories.user_with_role(Role.PROGRAM_OFFICER, area=organization.area)

    organization_update(
        actor=officer, organization=organization, data={"name": "新名称"}, expected_version=1, reason="更名登记"
    )

    event = AuditEvent.objects.get(action="places.organization.updated", object_id=str(organization.pk))
    assert (event.before["name"], event.after["name"], event.reason, event.actor) == ("旧名称", "新名称", "更名登记", officer)


def test_organization_update_by_member_of_officer_fields_is_denied():
    organization = factories.organization(name="成员不能改名")
    member = factories.user_with_role(Role.ORG_MEMBER, organization=organization)

    with pytest.raises(PermissionDenied):
        organization_update(actor=member, organization=organization, data={"name": "改了名"}, expected_version=1)

    organization.refresh_from_db()
    assert organization.name == "成员不能改名"


def test_organization_update_by_member_of_contact_fields_is_saved_normalised():
    organization = factories.organization()
    member = factories.user_with_role(Role.ORG_MEMBER, organization=organization)

    organization_update(
        actor=member, organization=organization, data={"contact_phone": "138 1234 5678"}, expected_version=1
    )

    organization.refresh_from_db()
    assert organization.contact_phone == "+8613812345678"


def test_organization_name_is_indexed_for_traditional_and_pinyin_search():
    organization = factories.organization(name="武进区益能社会工作服务中心")

    assert "武进区" in organization.search_text
    assert "wujinqu" in organization.search_text.replace(" ", "") or "wjq" in organization.search_text
