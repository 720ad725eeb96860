"""The demo's delivery records say what the articles report, and every figure is the sum of its records."""

import pytest
from django.db.models import Sum

from tests.demo_world import demo_load
from yichuang.delivery import queries, tally
from yichuang.delivery.models import Activity
from yichuang.ledger.checks import problems
from yichuang.projects.models import Project

pytestmark = pytest.mark.django_db


def test_demo_agan_records_add_up_to_the_articles_51_activities_and_1020_person_times():
    demo_load()
    project = Project.objects.get(program__code="SS2025", organization__name__contains="阿甘之家")

    records = Activity.objects.filter(project=project)

    assert records.count() == 51
    assert records.aggregate(n=Sum("person_times"))["n"] == 1020
    assert (project.tally.activities, project.tally.person_times) == (51, 1020)


def test_demo_tallies_equal_their_records_and_check_ledger_passes():
    demo_load()

    assert tally.problems() == []
    assert problems() == []


def test_demo_wujin_projects_all_deliver_and_two_are_behind_plan():
    demo_load()
    projects = Project.objects.filter(program__code="WJ2024")

    rows = queries.program_progress(projects)

    assert len(rows) == 14 and all(row["tally"].activities > 0 for row in rows)
    assert sorted(row["project"].number for row in rows if row["at_risk"]) == ["WJ2024-004", "WJ2024-010"]
