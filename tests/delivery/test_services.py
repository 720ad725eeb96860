import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from tests import factories
from tests.delivery import factories as delivery
from tests.reviews.factories import officer_of
from yichuang.accounts.roles import Role
from yichuang.core.models import AuditEvent
from yichuang.delivery import queries, services, tally
from yichuang.delivery.models import Activity, ActivityCorrection, CorrectionStatus, ProjectTally
from yichuang.projects.models import Project, ProjectStatus
from yichuang.projects.permissions import visible_projects
from yichuang.projects.services import project_create

pytestmark = pytest.mark.django_db


def test_activity_record_counts_into_the_tally_and_audits():
    project = delivery.project()

    activity = services.activity_record(actor=delivery.member(project), project=project,
                                        data=delivery.data(new_participants=5))

    assert (activity.number, activity.planned_name, activity.named) == (1, "助餐配送", False)
    counted = ProjectTally.objects.get(project=project)
    assert (counted.activities, counted.person_times, counted.counted_participants, counted.volunteer_minutes) == (1, 12, 5, 360)
    assert AuditEvent.objects.filter(action="delivery.activity.recorded", object_id=str(activity.pk)).exists()


def test_activity_record_counts_named_participants_from_the_names():
    project = delivery.project()
    member = delivery.member(project)
    people = [services.beneficiary_add(actor=member, project=project, name=f"学员{i}") for i in range(3)]

    services.activity_record(actor=member, project=project, data=delivery.data(attendees=people, participants=99, person_times=99))
    services.activity_record(actor=member, project=project, data=delivery.data(attendees=people[:2]))

    first, second = Activity.objects.filter(project=project).order_by("number")
    assert (first.participants, first.person_times, first.named) == (3, 3, True)
    totals = queries.project_totals(project)
    assert (totals.person_times, totals.named_people, totals.counted_participants, totals.beneficiaries) == (5, 3, 0, 3)


@pytest.mark.parametrize(("overrides", "field"), [
    ({"held_on": timezone.localdate() + datetime.timedelta(days=1)}, "held_on"),
    ({"held_on": timezone.localdate() - datetime.timedelta(days=400)}, "held_on"),
    ({"participants": 10, "person_times": 9}, "person_times"),
    ({"volunteers": 1, "volunteer_minutes": 25 * 60}, "volunteer_hours"),
    ({"planned": 7}, "planned"),
])
def test_activity_record_refuses_bad_figures_and_changes_nothing(overrides, field):
    project = delivery.project()

    with pytest.raises(ValidationError) as error:
        services.activity_record(actor=delivery.member(project), project=project, data=delivery.data(**overrides))

    assert field in error.value.message_dict
    assert not Activity.objects.filter(project=project).exists()


def test_activity_record_refuses_people_of_another_project():
    project, other = delivery.project(), delivery.project()
    stranger = services.beneficiary_add(actor=delivery.member(other), project=other, name="别人")

    with pytest.raises(ValidationError) as error:
        services.activity_record(actor=delivery.member(project), project=project, data=delivery.data(attendees=[stranger]))

    assert "attendees" in error.value.message_dict


def test_activity_record_is_for_the_grantee_only():
    project = delivery.project()

    with pytest.raises(PermissionDenied):
        services.activity_record(actor=officer_of(project.program), project=project, data=delivery.data())


def test_activity_record_refuses_a_closed_project():
    project = delivery.project()
    Project.objects.filter(pk=project.pk).update(status=ProjectStatus.CLOSED)
    project.refresh_from_db()

    with pytest.raises(ValidationError, match="closed"):
        services.activity_record(actor=delivery.member(project), project=project, data=delivery.data())


def test_photos_are_resized_and_lose_their_location():
    project = delivery.project()

    activity = services.activity_record(actor=delivery.member(project), project=project, data=delivery.data(),
                                        photo_uploads=[delivery.jpeg_with_location()])

    photo = activity.photos.get()
    with photo.image.open("rb") as stored, Image.open(stored) as image:
        assert max(image.size) == 1600
        assert not image.getexif()
    assert (photo.width, photo.height) == (1600, 1200)


def test_a_file_that_is_not_a_photo_is_refused_with_its_name_and_nothing_is_recorded():
    project = delivery.project()
    fake = SimpleUploadedFile("照片.jpg", b"%PDF-1.4 not a photo", content_type="image/jpeg")

    with pytest.raises(ValidationError) as error:
        services.activity_record(actor=delivery.member(project), project=project, data=delivery.data(), photo_uploads=[fake])

    assert "照片.jpg" in error.value.message_dict["photos"][0]
    assert not Activity.objects.filter(project=project).exists()


def test_a_correction_changes_the_record_only_when_an_officer_applies_it():
    project = delivery.project()
    member = delivery.member(project)
    activity = services.activity_record(actor=member, project=project, data=delivery.data())

    correction = services.correction_request(actor=member, activity=activity,
                                             data=delivery.data(participants=15, person_times=30), reason="漏记了第二场")
    assert Activity.objects.get(pk=activity.pk).person_times == 12
    services.correction_decide(actor=officer_of(project.program), correction=correction, apply=True)

    activity.refresh_from_db()
    assert (activity.person_times, activity.version) == (30, 2)
    assert queries.project_totals(project).person_times == 30
    kept = ActivityCorrection.objects.get(pk=correction.pk)
    assert (kept.status, kept.before["person_times"], kept.after["person_times"]) == (CorrectionStatus.APPLIED, 12, 30)


def test_a_rejected_correction_needs_a_note_and_leaves_the_record():
    project = delivery.project()
    member = delivery.member(project)
    activity = services.activity_record(actor=member, project=project, data=delivery.data())
    correction = services.correction_request(actor=member, activity=activity, data=delivery.data(place="别处"), reason="地点写错")
    officer = officer_of(project.program)

    with pytest.raises(ValidationError):
        services.correction_decide(actor=officer, correction=correction, apply=False)
    services.correction_decide(actor=officer, correction=correction, apply=False, note="签到表显示在活动室")

    assert Activity.objects.get(pk=activity.pk).place == "社区活动室"


def test_a_correction_that_changes_nothing_is_refused():
    project = delivery.project()
    member = delivery.member(project)
    activity = services.activity_record(actor=member, project=project, data=delivery.data())

    with pytest.raises(ValidationError, match="Nothing is different"):
        services.correction_request(actor=member, activity=activity, data=delivery.data(), reason="没变")


def test_custom_indicator_counts_are_reported_with_how_they_were_counted():
    project = delivery.project()

    services.indicator_report(actor=delivery.member(project), project=project, position=4, value=8, note="签到表")

    rows = queries.indicators(project)
    assert rows[4].achieved == 8
    with pytest.raises(ValidationError):
        services.indicator_report(actor=delivery.member(project), project=project, position=0, value=8, note="x")


def test_tally_check_finds_a_tally_that_differs_from_its_records():
    project = delivery.project()
    services.activity_record(actor=delivery.member(project), project=project, data=delivery.data())
    assert tally.problems() == []

    ProjectTally.objects.filter(project=project).update(person_times=13)

    assert tally.problems() == [f"delivery tally of project {project.number} differs from its activity records"]


def test_indicators_flag_a_project_behind_plan():
    project = delivery.project()  # 100 of 201 days gone: about half of each target is due
    services.activity_record(actor=delivery.member(project), project=project, data=delivery.data())

    rows = {row.kind: row for row in queries.indicators(project)}

    assert rows["activities"].at_risk and rows["person_times"].at_risk
    assert rows["activities"].expected == pytest.approx(50 * 101 / 201, abs=0.1)


def test_program_progress_lists_every_project_in_constant_queries(django_assert_max_num_queries):
    first = delivery.project()
    program = first.program
    for _ in range(3):
        organization = factories.organization(program.area)
        application = factories.submitted_application(program, organization, delivery.plan_document())
        project_create(actor=officer_of(program), application=application)
    reader = factories.user_with_role(Role.PROGRAM_OFFICER, area=program.area)

    with django_assert_max_num_queries(6):
        rows = queries.program_progress(visible_projects(reader).filter(program=program))

    assert len(rows) == 4 and all(row["at_risk"] for row in rows)  # halfway through, nothing recorded


def test_a_photo_over_the_size_limit_is_refused_by_name():
    project = delivery.project()
    big = SimpleUploadedFile("大照片.jpg", b"\xff\xd8\xff" + b"0" * (10 * 1024 * 1024), content_type="image/jpeg")

    with pytest.raises(ValidationError) as error:
        services.activity_record(actor=delivery.member(project), project=project, data=delivery.data(), photo_uploads=[big])

    assert "大照片.jpg" in error.value.message_dict["photos"][0] and "10 MB" in error.value.message_dict["photos"][0]
    assert not Activity.objects.filter(project=project).exists()
