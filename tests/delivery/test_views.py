import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories
from tests.delivery import factories as delivery
from tests.reviews.factories import officer_of
from yichuang.accounts.roles import Role
from yichuang.delivery import services
from yichuang.delivery.models import Activity, Beneficiary

pytestmark = pytest.mark.django_db


def _post(client, project, **fields):
    data = {"held_on": (timezone.localdate() - datetime.timedelta(days=1)).isoformat(), "place": "社区活动室",
            "content": "手工课", "planned": "1", "beneficiary_group": "老人", "participants": "10",
            "person_times": "10", "volunteers": "2", "volunteer_hours": "3.5"}
    data.update(fields)
    return client.post(reverse("delivery:activity-new", args=[project.pk]), data)


def test_activity_new_records_counted_figures_and_hours_in_minutes(client):
    project = delivery.project()
    client.force_login(delivery.member(project))

    response = _post(client, project)

    activity = Activity.objects.get(project=project)
    assert response.status_code == 302 and response["Location"] == reverse("delivery:activity", args=[activity.pk])
    assert (activity.planned_name, activity.participants, activity.volunteer_minutes) == ("邻里探访", 10, 210)


def test_activity_new_counts_ticked_names_and_ignores_typed_numbers(client):
    project = delivery.project()
    member = delivery.member(project)
    people = [services.beneficiary_add(actor=member, project=project, name=n) for n in ("张三", "李四")]
    client.force_login(member)

    _post(client, project, attendees=[p.pk for p in people], participants="", person_times="")

    activity = Activity.objects.get(project=project)
    assert (activity.named, activity.participants, activity.person_times) == (True, 2, 2)


@pytest.mark.parametrize(("fields", "message"), [
    ({"person_times": "5"}, "cannot be fewer than the 10 participants"),
    ({"volunteers": "1", "volunteer_hours": "30"}, "more than 24 hours"),
    ({"volunteer_hours": "三小时"}, "Enter hours as a number"),
    ({"held_on": "2099-01-01"}, "before it happens"),
    ({"participants": ""}, "Enter the number, or tick the participants by name"),
])
def test_activity_new_shows_bad_input_on_the_form_and_keeps_what_was_typed(client, fields, message):
    project = delivery.project()
    client.force_login(delivery.member(project))

    response = _post(client, project, **fields)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert "手工课" in response.content.decode()  # what was typed is still there
    assert not Activity.objects.filter(project=project).exists()


def test_project_delivery_page_traces_each_figure_to_its_records(client, django_assert_max_num_queries):
    project = delivery.project()
    member = delivery.member(project)
    for day in range(1, 6):
        services.activity_record(actor=member, project=project, data=delivery.data(
            held_on=timezone.localdate() - datetime.timedelta(days=day), participants=10, person_times=10 + day))
    client.force_login(officer_of(project.program))

    with django_assert_max_num_queries(30):
        response = client.get(reverse("delivery:project", args=[project.pk]))

    page = response.content.decode()
    assert response.context["tally"].person_times == sum(10 + day for day in range(1, 6))
    assert page.count('href="/delivery/activities/') == 5
    assert 'href="#activities"' in page


def test_public_project_page_shows_figures_without_names_or_recorders(client):
    project = delivery.project()
    member = delivery.member(project)
    person = services.beneficiary_add(actor=member, project=project, name="王秀英")
    services.activity_record(actor=member, project=project, data=delivery.data(attendees=[person]))

    response = client.get(reverse("public-projects:detail", args=[project.number]))

    page = response.content.decode()
    assert response.context["tally"].person_times == 1
    assert "王秀英" not in page and member.display_name not in page
    assert "/delivery/photos/" not in page


def test_public_project_list_pages_in_constant_queries(client, django_assert_max_num_queries):
    first = delivery.project()
    for _ in range(4):
        organization = factories.organization(first.program.area)
        application = factories.submitted_application(first.program, organization, delivery.plan_document())
        from yichuang.projects.services import project_create

        project_create(actor=officer_of(first.program), application=application)

    with django_assert_max_num_queries(8):
        response = client.get(reverse("public-projects:list"))

    assert len(response.context["page"].object_list) == 5


def test_beneficiaries_are_added_by_the_grantee_and_refused_to_others(client):
    project = delivery.project()
    client.force_login(delivery.member(project))
    client.post(reverse("delivery:beneficiaries", args=[project.pk]), {"name": "赵六", "group": "老人", "note": ""})
    supervisor = factories.user_with_role(Role.SUPERVISOR, area=project.program.area)
    client.force_login(supervisor)

    refused = client.post(reverse("delivery:beneficiaries", args=[project.pk]), {"name": "钱七"})
    listed = client.get(reverse("delivery:beneficiaries", args=[project.pk]))

    assert refused.status_code == 403
    assert list(Beneficiary.objects.filter(project=project).values_list("name", flat=True)) == ["赵六"]
    assert "赵六" in listed.content.decode()


def test_correction_is_requested_by_the_grantee_and_applied_by_the_officer(client):
    project = delivery.project()
    member = delivery.member(project)
    activity = services.activity_record(actor=member, project=project, data=delivery.data())
    client.force_login(member)
    client.post(reverse("delivery:activity-correct", args=[activity.pk]), {
        "held_on": activity.held_on.isoformat(), "place": "社区食堂", "content": activity.content, "planned": "0",
        "participants": "12", "person_times": "12", "volunteers": "3", "volunteer_hours": "6", "reason": "地点写错"})
    correction = activity.corrections.get()
    client.force_login(officer_of(project.program))

    client.post(reverse("delivery:correction-decide", args=[correction.pk]), {"decision": "apply"})
    page = client.get(reverse("delivery:activity", args=[activity.pk])).content.decode()

    assert Activity.objects.get(pk=activity.pk).place == "社区食堂"
    assert "<del>社区活动室</del>" in page and "<ins>社区食堂</ins>" in page


def test_activity_records_export_to_excel_with_formulas_neutralised(client):
    import io

    from openpyxl import load_workbook

    project = delivery.project()
    services.activity_record(actor=delivery.member(project), project=project,
                             data=delivery.data(content="=HYPERLINK(\"http://evil\")"))
    client.force_login(officer_of(project.program))

    response = client.get(reverse("delivery:project", args=[project.pk]), {"export": "xlsx"})

    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 2
    assert sheet.cell(row=2, column=5).value.startswith("'=")


def test_program_progress_exports_to_excel(client):
    import io

    from openpyxl import load_workbook

    project = delivery.project()
    client.force_login(officer_of(project.program))

    response = client.get(reverse("delivery:program", args=[project.program_id]), {"export": "xlsx"})

    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in rows] == [project.number]
