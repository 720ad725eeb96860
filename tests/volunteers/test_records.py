import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests import factories
from tests.volunteers import factories as vf
from yichuang.accounts.roles import Role
from yichuang.core.models import CalendarDay
from yichuang.volunteers import records
from yichuang.volunteers.models import RecordCorrection, ServiceRecord, Volunteer

pytestmark = pytest.mark.django_db


def _entry(volunteer, org, served_on, minutes=120, **extra):
    return records.Entry(volunteer=volunteer, organization=org, activity_name="助老陪伴", served_on=served_on,
                         place="活动室", content="陪伴老人", minutes=minutes, person_in_charge="李主任",
                         nature=extra.pop("nature", "service"), **extra)


def _world():
    where = factories.community()
    org, member = vf.organizer(where)
    return where, org, member, vf.volunteer(where)


def test_deadline_counts_working_days_with_holidays_and_makeup_days():
    # 2026-09-25 is a Friday; the National Day holiday (1–7 Oct) and a make-up Sunday are data.
    for day in range(1, 8):
        CalendarDay.objects.update_or_create(date=dt.date(2026, 10, day), defaults={"is_workday": False})
    CalendarDay.objects.update_or_create(date=dt.date(2026, 9, 27), defaults={"is_workday": True})
    CalendarDay.objects.update_or_create(date=dt.date(2026, 10, 10), defaults={"is_workday": False})  # no make-up day
    # 28, 29, 30 Sep, 27 Sep (make-up) = 4; then 8, 9 Oct (Thu, Fri) = 6; 12–15 Oct = 10.
    assert records.deadline_for(dt.date(2026, 9, 25)) == dt.date(2026, 10, 15)


def test_entry_within_deadline_is_confirmed_at_once():
    _where, org, member, volunteer = _world()
    record = records.record_enter(actor=member, entry=_entry(volunteer, org, timezone.localdate()))
    assert record.status == ServiceRecord.Status.CONFIRMED
    assert Volunteer.objects.get(pk=volunteer.pk).minutes_confirmed == 120


def test_late_entry_needs_reason_and_another_approver():
    where, org, member, volunteer = _world()
    long_ago = timezone.localdate() - dt.timedelta(days=40)
    with pytest.raises(ValidationError, match="10 working days"):
        records.record_enter(actor=member, entry=_entry(volunteer, org, long_ago))
    record = records.record_enter(actor=member, entry=_entry(volunteer, org, long_ago, late_reason="纸质签到表迟交"))
    assert record.status == ServiceRecord.Status.AWAITING_APPROVAL and record.source == ServiceRecord.Source.LATE_ENTRY
    with pytest.raises(ValidationError, match="someone other than"):
        records.record_decide_late(actor=member, record=record, approve=True)
    colleague = factories.user_with_role(Role.ORG_MEMBER, organization=org)
    records.record_decide_late(actor=colleague, record=record, approve=True)
    assert ServiceRecord.objects.get(pk=record.pk).status == ServiceRecord.Status.CONFIRMED
    assert Volunteer.objects.get(pk=volunteer.pk).minutes_confirmed == 120


def test_entry_for_meeting_is_refused():
    _where, org, member, volunteer = _world()
    with pytest.raises(ValidationError, match="not volunteer service"):
        records.record_enter(actor=member, entry=_entry(volunteer, org, timezone.localdate(), nature="meeting"))
    assert not ServiceRecord.objects.exists()


def test_entry_by_someone_outside_the_unit_is_refused():
    _where, org, _member, volunteer = _world()
    with pytest.raises(PermissionDenied):
        records.record_enter(actor=factories.UserFactory(), entry=_entry(volunteer, org, timezone.localdate()))


def test_correction_applied_keeps_both_versions_and_moves_total():
    _where, org, member, volunteer = _world()
    record = records.record_enter(actor=member, entry=_entry(volunteer, org, timezone.localdate(), minutes=120))
    correction = records.correction_request(actor=volunteer.user, record=record, changes={"minutes": 180},
                                            reason="实际服务了三小时")
    assert ServiceRecord.objects.get(pk=record.pk).minutes == 120  # unchanged until decided
    records.correction_decide(actor=member, correction=correction, apply=True)
    correction.refresh_from_db()
    assert correction.status == RecordCorrection.Status.APPLIED
    assert correction.before["minutes"] == 120 and correction.after["minutes"] == 180
    assert ServiceRecord.objects.get(pk=record.pk).minutes == 180
    assert Volunteer.objects.get(pk=volunteer.pk).minutes_confirmed == 180


def test_correction_rejected_needs_note_and_changes_nothing():
    _where, org, member, volunteer = _world()
    record = records.record_enter(actor=member, entry=_entry(volunteer, org, timezone.localdate()))
    correction = records.correction_request(actor=volunteer.user, record=record, changes={"place": "别处"}, reason="地点错")
    with pytest.raises(ValidationError, match="Say why"):
        records.correction_decide(actor=member, correction=correction, apply=False)
    records.correction_decide(actor=member, correction=correction, apply=False, note="签到表写的是活动室")
    assert ServiceRecord.objects.get(pk=record.pk).place == "活动室"


def test_correction_of_another_persons_record_is_refused():
    where, org, member, volunteer = _world()
    record = records.record_enter(actor=member, entry=_entry(volunteer, org, timezone.localdate()))
    other = vf.volunteer(where)
    with pytest.raises(PermissionDenied):
        records.correction_request(actor=other.user, record=record, changes={"minutes": 600}, reason="x")
    assert not RecordCorrection.objects.exists()


def test_star_level_from_confirmed_hours(settings):
    from yichuang.volunteers.queries import stars

    settings.VOLUNTEER_STAR_HOURS = "1/2/3"
    _where, org, member, volunteer = _world()
    records.record_enter(actor=member, entry=_entry(volunteer, org, timezone.localdate(), minutes=150))
    volunteer.refresh_from_db()
    assert stars(volunteer)["level"] == 2 and stars(volunteer)["to_next"] == 30
