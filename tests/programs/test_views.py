from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories
from yichuang.accounts.roles import Role
from yichuang.programs.models import ProgramStatus

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url_name", ["programs:program-detail", "programs:program-edit", "programs:rubric", "programs:workflow"]
)
def test_program_page_for_officer_of_another_district_answers_404(client, url_name):
    program = factories.program(factories.district("乙区"), start=False)
    client.force_login(factories.user_with_role(Role.PROGRAM_OFFICER, area=factories.district("甲区")))

    response = client.get(reverse(url_name, args=[program.pk]))

    assert response.status_code == 404
    assert program.name not in response.content.decode()


def test_program_start_by_officer_of_another_district_answers_404_and_stays_in_setup(client):
    program = factories.program(factories.district("乙区"), start=False)
    client.force_login(factories.user_with_role(Role.PROGRAM_OFFICER, area=factories.district("甲区")))

    response = client.post(reverse("programs:program-start", args=[program.pk]))

    assert response.status_code == 404
    program.refresh_from_db()
    assert program.status == ProgramStatus.SETUP


def test_program_detail_for_officer_of_the_district_shows_the_program(client):
    program = factories.program(factories.district("甲区"))
    client.force_login(factories.user_with_role(Role.PROGRAM_OFFICER, area=program.area))

    response = client.get(reverse("programs:program-detail", args=[program.pk]))

    assert response.status_code == 200
    assert response.context["program"] == program
    assert [d.code for d in response.context["domains"]] == ["elderly", "community"]


def test_program_list_query_count_does_not_grow_with_programs(client):
    counts = []
    for n in (1, 3):
        where = factories.district(f"区{n}")
        for _ in range(n):
            program = factories.program(where)
            factories.submitted_application(program, factories.organization(where))
        client.force_login(factories.user_with_role(Role.PROGRAM_OFFICER, area=where))

        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("programs:program-list"))

        assert [p.submitted for p in response.context["page"].object_list] == [1] * n
        counts.append(len(captured))
    assert counts[0] == counts[1], f"{counts[0]} queries for 1 program, {counts[1]} for 3"
