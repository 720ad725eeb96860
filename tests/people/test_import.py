"""Inviting many people from Excel: all rows or none, with a message per row and column."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from tests import factories
from yichuang.accounts.roles import Role
from yichuang.core.models import OutboxMessage
from yichuang.people.imports import TEMPLATE_HEADINGS, people_import
from yichuang.people.models import Invitation

pytestmark = pytest.mark.django_db


def _sheet(*rows, headings=TEMPLATE_HEADINGS) -> SimpleUploadedFile:
    book = Workbook()
    book.active.append(list(headings))
    for row in rows:
        book.active.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("people.xlsx", buffer.getvalue())


@pytest.fixture
def world():
    district = factories.district("武进区")
    community = factories.community(district, "湖塘社区")
    organization = factories.organization(district)
    return district, community, organization, factories.user_with_role(Role.PROGRAM_OFFICER, area=district)


def test_people_import_invites_every_row_by_label_code_and_credit_code(world, django_capture_on_commit_callbacks):
    district, community, organization, officer = world
    upload = _sheet(["李社工", "13912345678", "社区工作者", community.code],
                    ["王督导", "wang@example.org", "Social-work supervisor", district.code],
                    ["陈会计", "13812345678", "org_member", organization.uscc.lower()])

    with django_capture_on_commit_callbacks(execute=True):
        result = people_import(actor=officer, upload=upload)

    assert result.problems == []
    assert [(i.role, i.area, i.organization) for i in result.invited] == [
        (Role.COMMUNITY_WORKER, community, None), (Role.SUPERVISOR, district, None), (Role.ORG_MEMBER, None, organization)]
    assert OutboxMessage.objects.filter(to__in=["+8613912345678", "wang@example.org", "+8613812345678"]).count() == 3


def test_people_import_one_bad_row_invites_nobody_and_names_row_and_column(world):
    district, community, _organization, officer = world
    upload = _sheet(["李社工", "13912345678", "社区工作者", community.code],
                    ["", "12345", "厨师", district.code],
                    ["王督导", "wang@example.org", "supervisor", "999999"],
                    ["李社工", "139 1234 5678", "community_worker", community.code])

    result = people_import(actor=officer, upload=upload)

    assert Invitation.objects.count() == 0 and result.invited == []
    assert any("姓名" in p and "3" in p for p in result.problems)
    assert any("手机或邮箱" in p and "3" in p for p in result.problems)
    assert any("角色" in p and "厨师" in p for p in result.problems)
    assert any("范围" in p and "999999" in p for p in result.problems)
    assert any("5" in p and "2" in p and "手机或邮箱" in p for p in result.problems)  # row 5 repeats row 2


def test_people_import_refuses_a_scope_outside_the_officers_area(world):
    _district, _community, _organization, officer = world
    elsewhere = factories.district("蜀山区")

    result = people_import(actor=officer, upload=_sheet(["王科长", "wang@example.org", "program_officer", elsewhere.code]))

    assert len(result.problems) == 1 and "范围" in result.problems[0]
    assert Invitation.objects.count() == 0


def test_people_import_page_shows_problems_and_keeps_nothing(client, world):
    _district, community, _organization, officer = world
    client.force_login(officer)

    response = client.post(reverse("people:import"), {"file": _sheet(["李社工", "不是号码", "社区工作者", community.code])})

    assert response.status_code == 400
    assert "手机或邮箱" in response.content.decode()
    assert Invitation.objects.count() == 0


def test_people_import_page_refuses_a_file_that_is_not_excel(client, world):
    *_rest, officer = world
    client.force_login(officer)

    response = client.post(reverse("people:import"), {"file": SimpleUploadedFile("people.xlsx", b"not a workbook")})

    assert response.status_code == 400
    assert response.context["form"].errors["file"]
    assert Invitation.objects.count() == 0


def test_people_import_template_has_the_headings_the_import_reads(client, world):
    *_rest, officer = world
    client.force_login(officer)

    response = client.get(reverse("people:import-template"))

    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert list(rows[0]) == TEMPLATE_HEADINGS
    assert people_import(actor=officer, upload=SimpleUploadedFile("t.xlsx", response.content)).problems == []


def test_people_import_is_not_for_an_expert(client, world):
    district, *_rest = world
    client.force_login(factories.user_with_role(Role.EXPERT, area=district))

    assert client.get(reverse("people:import")).status_code == 403
