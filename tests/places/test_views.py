from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests import factories
from yichuang.accounts.roles import Role
from yichuang.places.models import Organization, OrganizationType

pytestmark = pytest.mark.django_db


@pytest.fixture
def wujin():
    return factories.district("武进区")


@pytest.fixture
def officer(wujin):
    return factories.user_with_role(Role.PROGRAM_OFFICER, area=wujin)


def test_organization_detail_outside_scope_answers_like_missing(client, wujin):
    shushan = factories.district("蜀山区")
    theirs = factories.organization(shushan, name="阿甘之家")
    client.force_login(factories.user_with_role(Role.PROGRAM_OFFICER, area=wujin))

    outside_url = reverse("places:organization-detail", args=[theirs.pk])
    missing_url = reverse("places:organization-detail", args=[999999])
    outside, missing = client.get(outside_url), client.get(missing_url)

    assert outside.status_code == missing.status_code == 404
    assert _normalised(outside, outside_url) == _normalised(missing, missing_url)


def _normalised(response, url: str) -> str:
    """The page without what differs by design: the requested path and the masked CSRF token."""
    body = response.content.decode().replace(url, "")
    return re.sub(r'(name="csrfmiddlewaretoken" value|name="csrf-token" content)="[^"]+"', "", body)


def test_organization_edit_of_another_organization_by_url_answers_404_and_changes_nothing(client, wujin):
    mine = factories.organization(wujin, name="我的组织")
    other = factories.organization(wujin, name="别人的组织")
    client.force_login(factories.user_with_role(Role.ORG_MEMBER, organization=mine))

    response = client.post(
        reverse("places:organization-edit", args=[other.pk]), {"address": "被篡改", "version": 1}
    )

    assert response.status_code == 404
    other.refresh_from_db()
    assert other.address == ""


def test_organization_edit_by_member_keeps_officer_fields_even_if_posted(client, wujin):
    mine = factories.organization(wujin, name="我的组织")
    client.force_login(factories.user_with_role(Role.ORG_MEMBER, organization=mine))

    response = client.post(
        reverse("places:organization-edit", args=[mine.pk]),
        {"name": "偷改名字", "org_type": "foundation", "contact_name": "联系人", "address": "新地址", "version": 1},
    )

    assert response.status_code == 302
    mine.refresh_from_db()
    assert (mine.name, mine.org_type, mine.address) == ("我的组织", OrganizationType.PRIVATE_NON_ENTERPRISE, "新地址")


def test_organization_create_with_bad_code_shows_message_in_chinese_and_saves_nothing(client, officer, wujin):
    client.force_login(officer)

    response = client.post(
        reverse("places:organization-create"),
        {"name": "坏代码组织", "org_type": "social_group", "uscc": "91110000600037341", "area": wujin.pk},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )

    assert "统一社会信用代码应为 18 位，当前为 17 位。" in response.content.decode()
    assert not Organization.objects.filter(name="坏代码组织").exists()


def test_organization_create_with_script_in_name_is_rendered_escaped(client, officer, wujin):
    client.force_login(officer)
    name = '<script>alert("x")</script>互助会'

    client.post(
        reverse("places:organization-create"),
        {"name": name, "org_type": "private_non_enterprise", "uscc": factories.valid_uscc(wujin.code), "area": wujin.pk},
    )
    organization = Organization.objects.get(name=name)
    page = client.get(reverse("places:organization-detail", args=[organization.pk])).content.decode()

    assert "<script>alert" not in page
    assert "&lt;script&gt;alert" in page


def test_organization_create_with_over_long_name_is_refused_with_message(client, officer, wujin):
    client.force_login(officer)

    response = client.post(
        reverse("places:organization-create"),
        {"name": "长" * 201, "org_type": "private_non_enterprise", "uscc": factories.valid_uscc(wujin.code), "area": wujin.pk},
    )

    assert [e.code for e in response.context["form"].errors.as_data()["name"]] == ["max_length"]
    assert "目前字符数 201" in response.content.decode()
    assert not Organization.objects.filter(name__startswith="长长").exists()


def test_organization_edit_with_stale_version_shows_conflict_message(client, officer, wujin):
    organization = factories.organization(wujin)
    client.force_login(officer)
    data = {
        "name": organization.name, "org_type": organization.org_type, "uscc": organization.uscc,
        "area": wujin.pk, "address": "甲的修改", "version": 1,
    }
    client.post(reverse("places:organization-edit", args=[organization.pk]), data)

    response = client.post(reverse("places:organization-edit", args=[organization.pk]), {**data, "address": "乙的修改"})

    assert response.status_code == 200
    assert "reload" in response.content.decode().lower() or "刷新" in response.content.decode()
    organization.refresh_from_db()
    assert organization.address == "甲的修改"


def test_organization_list_search_in_traditional_finds_simplified_name(client, officer, wujin):
    factories.organization(wujin, name="武进区益能社会工作服务中心")
    factories.organization(wujin, name="蓝精灵儿童康复中心")
    client.force_login(officer)

    response = client.get(reverse("places:organization-list"), {"q": "武進區益能"})

    names = [o.name for o in response.context["page"].object_list]
    assert names == ["武进区益能社会工作服务中心"]


def test_organization_list_is_ordered_by_pinyin(client, officer, wujin):
    for name in ["張家互助会", "阿甘之家", "蓝精灵儿童康复中心"]:
        factories.organization(wujin, name=name)
    client.force_login(officer)

    response = client.get(reverse("places:organization-list"))

    assert [o.name for o in response.context["page"].object_list] == ["阿甘之家", "蓝精灵儿童康复中心", "張家互助会"]


def test_organization_list_htmx_request_returns_only_the_rows(client, officer, wujin):
    factories.organization(wujin, name="阿甘之家")
    client.force_login(officer)

    response = client.get(reverse("places:organization-list"), {"q": "阿甘"}, HTTP_HX_REQUEST="true")

    body = response.content.decode()
    assert "阿甘之家" in body and "<html" not in body


@pytest.mark.parametrize(
    "url_name",
    ["places:organization-list", "places:area-list", "audit:audit-list", "portal:home"],
)
def test_list_page_query_count_does_not_grow_with_items(client, url_name):
    def world(n: int):
        where = factories.district(f"区{n}")
        for i in range(n):
            street = factories.area(where, name=f"街道{i}")
            factories.organization(street, name=f"组织{n}-{i}")
        return factories.user_with_role(Role.PROGRAM_OFFICER, area=where)

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for n in (1, 3):
        user = world(n)
        client.force_login(user)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse(url_name))
        assert response.status_code == 200
        if url_name == "places:organization-list":
            assert all(f"组织{n}-{i}" in response.content.decode() for i in range(n))
        counts.append(len(captured))
    assert counts[0] == counts[1], f"{url_name}: {counts[0]} queries for 1 item, {counts[1]} for 3"


def test_area_detail_query_count_does_not_grow_with_items(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for n in (1, 3):
        where = factories.district(f"区{n}")
        for i in range(n):
            factories.organization(factories.area(where, name=f"街道{i}"), name=f"组织{n}-{i}")
        client.force_login(factories.user_with_role(Role.PROGRAM_OFFICER, area=where))
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("places:area-detail", args=[where.pk]))
        assert len(response.context["page"].object_list) == n
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_area_create_by_officer_adds_child_and_redirects(client, officer, wujin):
    client.force_login(officer)

    response = client.post(
        reverse("places:area-create", args=[wujin.pk]), {"code": wujin.code + "123", "name": "湖塘镇", "code_official": "on"}
    )

    assert response.status_code == 302
    assert wujin.children.get().name == "湖塘镇"


def test_area_create_with_bad_code_shows_message_and_saves_nothing(client, officer, wujin):
    client.force_login(officer)

    response = client.post(reverse("places:area-create", args=[wujin.pk]), {"code": "12345", "name": "错码镇"})

    assert "街道/镇的代码应为 9 位数字。" in response.content.decode()
    assert not wujin.children.exists()


def test_organization_search_fragment_runs_no_navigation_queries(client, officer, wujin):
    factories.organization(wujin, name="阿甘之家")
    client.force_login(officer)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as fragment:
        client.get(reverse("places:organization-list"), {"q": "阿甘"}, HTTP_HX_REQUEST="true")
    with CaptureQueriesContext(connection) as page:
        client.get(reverse("places:organization-list"), {"q": "阿甘"})

    def inbox(captured):
        return [q for q in captured.captured_queries if "notifications_notification" in q["sql"]]

    assert inbox(fragment) == [] and len(inbox(page)) == 1
