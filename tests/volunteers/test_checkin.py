import datetime as dt
import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests import factories
from tests.volunteers import factories as vf
from yichuang.volunteers import records
from yichuang.volunteers.checkin import check_scan
from yichuang.volunteers.models import CheckEvent, ServiceRecord, Signup, Volunteer

pytestmark = pytest.mark.django_db


def _key():
    return uuid.uuid4().hex


def _on_shift(rounding="minute", started_minutes_ago=60):
    where = factories.community()
    org, member = vf.organizer(where)
    shift = vf.activity(org, member, where, rounding=rounding).shifts.get()
    volunteer = vf.volunteer(where)
    vf.signed_up(shift, volunteer)
    vf.move_shift(shift, started_minutes_ago=started_minutes_ago)
    return org, member, shift, volunteer


def _scan(shift, volunteer, kind, minutes_ago, key=None, **extra):
    return check_scan(actor=extra.pop("actor", volunteer.user), shift_id=shift.pk, volunteer=volunteer, kind=kind,
                      at=timezone.now() - dt.timedelta(minutes=minutes_ago), key=key or _key(), **extra)


def test_scan_retried_with_same_key_makes_one_event():
    _org, _member, shift, volunteer = _on_shift()
    key = _key()
    first, created = _scan(shift, volunteer, "in", 2, key=key)
    again, created_again = _scan(shift, volunteer, "in", 2, key=key)
    assert created and not created_again and first.pk == again.pk
    assert CheckEvent.objects.count() == 1


def test_check_out_writes_pending_record_to_the_minute_with_deadline():
    _org, _member, shift, volunteer = _on_shift()
    _scan(shift, volunteer, "in", 50)
    _scan(shift, volunteer, "out", 3)
    record = ServiceRecord.objects.get(shift=shift, volunteer=volunteer)
    assert record.minutes == 47 and record.status == ServiceRecord.Status.PENDING
    assert record.deadline == records.deadline_for(record.served_on) and record.deadline > record.served_on


def test_check_out_rounded_by_activity_rule():
    _org, _member, shift, volunteer = _on_shift(rounding="half_hour_down")
    _scan(shift, volunteer, "in", 55)
    _scan(shift, volunteer, "out", 1)
    assert ServiceRecord.objects.get(shift=shift).minutes == 30


def test_fourth_pair_in_a_day_is_refused():
    _org, _member, shift, volunteer = _on_shift(started_minutes_ago=120)
    for start in (110, 80, 50):
        _scan(shift, volunteer, "in", start)
        _scan(shift, volunteer, "out", start - 10)
    with pytest.raises(ValidationError, match="At most three"):
        _scan(shift, volunteer, "in", 20)
    assert CheckEvent.objects.count() == 6
    assert ServiceRecord.objects.get(shift=shift).minutes == 30


def test_check_out_without_check_in_is_refused():
    _org, _member, shift, volunteer = _on_shift()
    with pytest.raises(ValidationError, match="not checked in"):
        _scan(shift, volunteer, "out", 1)


def test_scan_outside_shift_window_is_refused():
    _org, _member, shift, volunteer = _on_shift(started_minutes_ago=60 * 8)  # ended five hours ago
    with pytest.raises(ValidationError, match="scans are accepted"):
        _scan(shift, volunteer, "in", 1)
    assert not CheckEvent.objects.exists()


def test_scan_for_shift_not_signed_up_is_refused():
    _org, _member, shift, _volunteer = _on_shift()
    stranger = vf.volunteer(shift.opportunity.area)
    with pytest.raises(ValidationError, match="no confirmed place"):
        _scan(shift, stranger, "in", 1)


def test_queued_scan_is_accepted_and_marked_late_within_grace(settings):
    settings.CHECK_IN_GRACE_HOURS = 48
    _org, _member, shift, volunteer = _on_shift(started_minutes_ago=60 * 26)
    event, _ = _scan(shift, volunteer, "in", 60 * 26 - 5)
    assert event.late and event.received_at - event.at > dt.timedelta(hours=25)


def test_queued_scan_older_than_grace_is_refused(settings):
    settings.CHECK_IN_GRACE_HOURS = 1
    _org, _member, shift, volunteer = _on_shift(started_minutes_ago=180)
    with pytest.raises(ValidationError, match="can no longer be sent"):
        _scan(shift, volunteer, "in", 170)


def test_scan_for_someone_else_by_a_volunteer_is_refused():
    _org, _member, shift, volunteer = _on_shift()
    other = vf.volunteer(shift.opportunity.area)
    with pytest.raises(PermissionDenied):
        _scan(shift, volunteer, "in", 1, actor=other.user)


def test_leader_forgotten_check_out_needs_reason():
    _org, member, shift, volunteer = _on_shift(started_minutes_ago=200)
    _scan(shift, volunteer, "in", 190)
    with pytest.raises(ValidationError, match="Say why"):
        _scan(shift, volunteer, "out", 30, actor=member, method=CheckEvent.Method.LEADER)
    event, _ = _scan(shift, volunteer, "out", 30, actor=member, method=CheckEvent.Method.LEADER, reason="忘记签退")
    assert event.recorded_by == member and ServiceRecord.objects.get(shift=shift).minutes == 160


def test_more_than_24_hours_in_a_day_is_refused():
    org, member, shift, volunteer = _on_shift()
    records.record_enter(actor=member, entry=records.Entry(
        volunteer=volunteer, organization=org, activity_name="夜间值守", served_on=timezone.localdate(), place="站点",
        content="值守", minutes=23 * 60 + 30, person_in_charge="李", nature="service"))
    _scan(shift, volunteer, "in", 50)
    with pytest.raises(ValidationError, match="more than 24 hours"):
        _scan(shift, volunteer, "out", 1)


def test_confirm_adds_minutes_to_volunteer_total():
    _org, member, shift, volunteer = _on_shift()
    _scan(shift, volunteer, "in", 50)
    _scan(shift, volunteer, "out", 5)
    done = records.records_confirm(actor=member, records=list(ServiceRecord.objects.filter(shift=shift)))
    assert done == 1
    assert Volunteer.objects.get(pk=volunteer.pk).minutes_confirmed == 45


def test_retry_after_the_place_was_given_up_returns_the_first_scan():
    _org, _member, shift, volunteer = _on_shift()
    key = _key()
    first, _ = _scan(shift, volunteer, "in", 2, key=key)
    Signup.objects.filter(shift=shift, volunteer=volunteer).update(status=Signup.Status.CANCELLED)

    again, created = _scan(shift, volunteer, "in", 2, key=key)

    assert again.pk == first.pk and not created
    with pytest.raises(ValidationError, match="no confirmed place"):
        _scan(shift, volunteer, "out", 1)
