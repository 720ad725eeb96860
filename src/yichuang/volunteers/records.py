"""Service records (Art. 7): made from scans or entered by the organizer, confirmed within 10 working
days of the activity (Art. 11), late entries (补录) approved by a second person, corrections on the
volunteer's request decided by the organizer (Art. 13) with both versions kept.

A volunteer's ``minutes_confirmed`` changes in the same transaction as the confirmed records."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from yichuang.core import calendar
from yichuang.core.audit import log_action
from yichuang.kernel import volunteers as rules
from yichuang.places.models import Organization
from yichuang.volunteers import permissions, scan_store
from yichuang.volunteers.models import RecordCorrection, ServiceRecord, Volunteer
from yichuang.volunteers.opportunities import refuse_non_service

RECORD_WORKING_DAYS = 10  # Art. 11
CORRECTABLE = ("served_on", "minutes", "content", "place")


def deadline_for(day: dt.date) -> dt.date:
    """The last day to enter and confirm a record: the 10th working day after the activity."""
    return calendar.nth_working_day_after(day, RECORD_WORKING_DAYS)


def _day_minutes(volunteer: Volunteer, day: dt.date, exclude: int | None = None) -> int:
    rows = ServiceRecord.objects.filter(volunteer=volunteer, served_on=day).exclude(status=ServiceRecord.Status.REJECTED)
    if exclude:
        rows = rows.exclude(pk=exclude)
    return rows.aggregate(total=Sum("minutes"))["total"] or 0


def _check_day(volunteer: Volunteer, day: dt.date, minutes: int, exclude: int | None = None,
               other_minutes: int | None = None) -> None:
    if other_minutes is None:
        other_minutes = _day_minutes(volunteer, day, exclude)
    if other_minutes + minutes > rules.MINUTES_PER_DAY:
        raise ValidationError(_("%(name)s would have more than 24 hours of service on %(day)s.")
                              % {"name": volunteer.name, "day": day.isoformat()})


def record_from_scans(*, actor, place: scan_store.Place, volunteer: Volunteer,
                      scans: list[tuple[str, dt.datetime]]) -> int:
    """Write the shift's record from the person's closed pairs on it (inside the scan's transaction,
    the scans just read under the sign-up's lock); returns the record's minutes."""
    minutes = rules.service_minutes(scans, place.rounding)
    day = timezone.localtime(place.starts_at).date()
    state = scan_store.record_state(place.shift_id, volunteer.pk, day)
    _check_day(volunteer, day, minutes, other_minutes=state.other_minutes)
    if state.record_id is not None:
        if state.status == ServiceRecord.Status.CONFIRMED:
            raise ValidationError(_("This shift's record is already confirmed; ask for a correction instead."))
        ServiceRecord.objects.filter(pk=state.record_id).update(minutes=minutes, version=F("version") + 1)
        return minutes
    ServiceRecord.objects.create(
        volunteer=volunteer, shift_id=place.shift_id, organization_id=place.organization_id,
        activity_name=place.title, served_on=day, place=place.place, content=place.content[:500], minutes=minutes,
        person_in_charge=place.person_in_charge, source=ServiceRecord.Source.CHECK_IN,
        status=ServiceRecord.Status.PENDING, deadline=deadline_for(day), entered_by=actor)
    return minutes


@dataclass
class Entry:
    volunteer: Volunteer
    organization: Organization
    activity_name: str
    served_on: dt.date
    place: str
    content: str
    minutes: int
    person_in_charge: str
    nature: str
    late_reason: str = ""


@transaction.atomic
def record_enter(*, actor, entry: Entry) -> ServiceRecord:
    """An organizer enters service by hand (a paper sign-in sheet). Within the deadline it is
    confirmed at once; after it, it is a late entry (补录) waiting for a second person's approval."""
    organization = entry.organization
    if not permissions.manages_organization(actor, organization.pk, organization.area.path):
        raise PermissionDenied
    refuse_non_service(entry.nature)
    today = timezone.localdate()
    if entry.served_on > today:
        raise ValidationError(_("Service cannot be recorded before it happens."))
    if not 0 < entry.minutes <= rules.MINUTES_PER_DAY:
        raise ValidationError(_("Service time must be more than 0 and at most 24 hours."))
    _check_day(entry.volunteer, entry.served_on, entry.minutes)
    deadline = deadline_for(entry.served_on)
    late = today > deadline
    if late and not entry.late_reason.strip():
        raise ValidationError(_("The 10 working days for recording this service ended on %(day)s: say why it is "
                                "entered late; another person must approve it.") % {"day": deadline.isoformat()})
    record = ServiceRecord.objects.create(
        volunteer=entry.volunteer, organization=organization, activity_name=entry.activity_name.strip(),
        served_on=entry.served_on, place=entry.place.strip(), content=entry.content.strip(), minutes=entry.minutes,
        person_in_charge=entry.person_in_charge.strip(),
        source=ServiceRecord.Source.LATE_ENTRY if late else ServiceRecord.Source.ENTERED,
        status=ServiceRecord.Status.AWAITING_APPROVAL if late else ServiceRecord.Status.CONFIRMED,
        deadline=deadline, entered_by=actor, late_reason=entry.late_reason.strip(),
        decided_by=None if late else actor, decided_at=None if late else timezone.now())
    if not late:
        Volunteer.objects.filter(pk=entry.volunteer.pk).update(minutes_confirmed=F("minutes_confirmed") + entry.minutes)
    log_action(actor=actor, action="volunteers.record.entered", obj=record,
               after={"minutes": entry.minutes, "late": late, "volunteer": entry.volunteer.number},
               reason=entry.late_reason.strip(), area_path=organization.area.path)
    return record


@transaction.atomic
def records_confirm(*, actor, records: list[ServiceRecord], late_reason: str = "") -> int:
    """Confirm pending records. Past the deadline they become late entries needing a second person."""
    today = timezone.localdate()
    done = 0
    for record in ServiceRecord.objects.select_for_update(of=("self",)).select_related("organization__area", "volunteer") \
            .filter(pk__in=[r.pk for r in records], status=ServiceRecord.Status.PENDING):
        if not permissions.organizes_record(actor, record):
            raise PermissionDenied
        if today > record.deadline:
            if not late_reason.strip():
                raise ValidationError(_("The 10 working days for confirming %(activity)s ended on %(day)s: say why it "
                                        "is confirmed late; another person must approve it.")
                                      % {"activity": record.activity_name, "day": record.deadline.isoformat()})
            ServiceRecord.objects.filter(pk=record.pk).update(
                status=ServiceRecord.Status.AWAITING_APPROVAL, source=ServiceRecord.Source.LATE_ENTRY,
                late_reason=late_reason.strip()[:300], entered_by=actor, version=F("version") + 1)
        else:
            _confirm(record, actor)
        log_action(actor=actor, action="volunteers.record.confirmed", obj=record, after={"minutes": record.minutes},
                   reason=late_reason.strip(), area_path=record.organization.area.path)
        done += 1
    return done


def _confirm(record: ServiceRecord, actor) -> None:
    ServiceRecord.objects.filter(pk=record.pk).update(status=ServiceRecord.Status.CONFIRMED, decided_by=actor,
                                                      decided_at=timezone.now(), version=F("version") + 1)
    Volunteer.objects.filter(pk=record.volunteer_id).update(minutes_confirmed=F("minutes_confirmed") + record.minutes)


@transaction.atomic
def record_decide_late(*, actor, record: ServiceRecord, approve: bool, note: str = "") -> None:
    """A late entry (补录) is approved or turned down by someone other than who entered it."""
    record = ServiceRecord.objects.select_for_update(of=("self",)).select_related("organization__area").get(pk=record.pk)
    if not permissions.organizes_record(actor, record):
        raise PermissionDenied
    if record.status != ServiceRecord.Status.AWAITING_APPROVAL:
        raise ValidationError(_("This record is not waiting for approval."))
    if record.entered_by_id == actor.pk:
        raise ValidationError(_("A late entry must be approved by someone other than the person who entered it."))
    if approve:
        _confirm(record, actor)
    else:
        if not note.strip():
            raise ValidationError(_("Say why the late entry is not accepted."))
        ServiceRecord.objects.filter(pk=record.pk).update(status=ServiceRecord.Status.REJECTED, decided_by=actor,
                                                          decided_at=timezone.now(), version=F("version") + 1)
    log_action(actor=actor, action="volunteers.record.late_decided", obj=record, after={"approved": approve},
               reason=note.strip(), area_path=record.organization.area.path)


def _snapshot(record: ServiceRecord) -> dict:
    return {"served_on": record.served_on.isoformat(), "minutes": record.minutes, "content": record.content,
            "place": record.place}


@transaction.atomic
def correction_request(*, actor, record: ServiceRecord, changes: dict, reason: str) -> RecordCorrection:
    """The volunteer asks to correct their own record (Art. 13)."""
    if not permissions.owns_record(actor, record):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError(_("Say what is wrong with the record."))
    before = _snapshot(record)
    after = dict(before)
    after.update({k: v for k, v in changes.items() if k in CORRECTABLE and v not in (None, "")})
    if isinstance(after["served_on"], dt.date):
        after["served_on"] = after["served_on"].isoformat()
    if after == before:
        raise ValidationError(_("Change at least one value, or say nothing is wrong."))
    if not 0 < int(after["minutes"]) <= rules.MINUTES_PER_DAY:
        raise ValidationError(_("Service time must be more than 0 and at most 24 hours."))
    if record.corrections.filter(status=RecordCorrection.Status.REQUESTED).exists():
        raise ValidationError(_("A correction of this record is already waiting for the organizer."))
    correction = RecordCorrection.objects.create(record=record, before=before, after=after, reason=reason.strip(),
                                                 requested_by=actor)
    log_action(actor=actor, action="volunteers.correction.requested", obj=record, before=before, after=after,
               reason=reason.strip(), area_path=record.organization.area.path)
    return correction


@transaction.atomic
def correction_decide(*, actor, correction: RecordCorrection, apply: bool, note: str = "") -> None:
    correction = RecordCorrection.objects.select_for_update(of=("self",)).get(pk=correction.pk)
    record = ServiceRecord.objects.select_for_update(of=("self",)).select_related("organization__area", "volunteer") \
        .get(pk=correction.record_id)
    if not permissions.organizes_record(actor, record):
        raise PermissionDenied
    if correction.status != RecordCorrection.Status.REQUESTED:
        raise ValidationError(_("This correction has already been decided."))
    if not apply and not note.strip():
        raise ValidationError(_("Say why the correction is rejected; the volunteer is told."))
    if apply:
        after = correction.after
        new_minutes = int(after["minutes"])
        day = dt.date.fromisoformat(after["served_on"])
        _check_day(record.volunteer, day, new_minutes, exclude=record.pk)
        ServiceRecord.objects.filter(pk=record.pk).update(served_on=day, minutes=new_minutes, content=after["content"],
                                                          place=after["place"], version=F("version") + 1)
        if record.status == ServiceRecord.Status.CONFIRMED:
            Volunteer.objects.filter(pk=record.volunteer_id).update(
                minutes_confirmed=F("minutes_confirmed") + new_minutes - record.minutes)
    RecordCorrection.objects.filter(pk=correction.pk).update(
        status=RecordCorrection.Status.APPLIED if apply else RecordCorrection.Status.REJECTED, decided_by=actor,
        decided_at=timezone.now(), decision_note=note.strip()[:300])
    log_action(actor=actor, action="volunteers.correction.decided", obj=record, before=correction.before,
               after=correction.after if apply else correction.before, reason=note.strip(),
               area_path=record.organization.area.path)
