"""Every write of delivery: activity records, the beneficiary list, photos, corrections, custom
indicator counts. Each runs in one transaction under the project's tally lock, checks permission,
refuses a closed project, leaves an audit row and recounts the project's tally."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from yichuang.core.audit import log_action
from yichuang.core.uploads import check_upload
from yichuang.delivery import photos, tally
from yichuang.delivery.messages import problem_text
from yichuang.delivery.models import (
    Activity,
    ActivityCorrection,
    ActivityPhoto,
    Attendance,
    Beneficiary,
    CorrectionStatus,
    IndicatorReport,
)
from yichuang.delivery.queries import plan_document, project_period
from yichuang.kernel.delivery import ActivityFigures, activity_problems
from yichuang.projects.models import Project, ProjectStatus
from yichuang.projects.permissions import is_grantee, is_officer

SHEET_TYPES = ("pdf", "jpg", "jpeg", "png")
SHEET_MAX_MB = 10


@dataclass
class ActivityData:
    held_on: object
    place: str
    content: str
    planned: int | None = None
    beneficiary_group: str = ""
    attendees: list[Beneficiary] = field(default_factory=list)  # named participants; empty: counted
    participants: int = 0
    person_times: int = 0
    new_participants: int = 0
    volunteers: int = 0
    volunteer_minutes: int = 0

    def figures(self) -> ActivityFigures:
        if self.attendees:  # named: each named person once; the names tell who is new
            self.participants = self.person_times = len(self.attendees)
            self.new_participants = 0
        return ActivityFigures(held_on=self.held_on, participants=self.participants, person_times=self.person_times,
                               volunteers=self.volunteers, volunteer_minutes=self.volunteer_minutes,
                               new_participants=self.new_participants)


def require_open(project: Project) -> None:
    """Refuse a closed project, as the database says now (the caller's copy may predate the closing)."""
    if Project.objects.filter(pk=project.pk, status=ProjectStatus.CLOSED).exists():
        raise ValidationError(_("This project is closed: its delivery records can no longer change."))


def _require_grantee(actor, project: Project) -> None:
    if not is_grantee(actor, project):
        raise PermissionDenied
    require_open(project)


def _check(project: Project, data: ActivityData) -> str:
    """Refuse what the record cannot say; returns the planned activity's name."""
    problems = activity_problems(data.figures(), period=project_period(project), today=timezone.localdate())
    errors: dict[str, list[str]] = {}
    for problem in problems:
        errors.setdefault(problem.path, []).append(problem_text(problem.code, problem.params))
    plan = plan_document(project).get("activities") or []
    if data.planned is not None and not 0 <= data.planned < len(plan):
        errors.setdefault("planned", []).append(_("Choose one of the project's planned activities."))
    if any(person.project_id != project.pk for person in data.attendees):
        errors.setdefault("attendees", []).append(_("Only people on this project's beneficiary list can be named."))
    if errors:
        raise ValidationError(errors)
    return str(plan[data.planned].get("name", "")) if data.planned is not None else ""


def _state(data: ActivityData, planned_name: str) -> dict:
    """An activity's facts as its history keeps them (people by beneficiary id, never by name)."""
    return {"held_on": data.held_on.isoformat(), "place": data.place, "content": data.content, "planned": data.planned,
            "planned_name": planned_name, "beneficiary_group": data.beneficiary_group, "named": bool(data.attendees),
            "participants": data.participants, "person_times": data.person_times,
            "new_participants": data.new_participants, "volunteers": data.volunteers,
            "volunteer_minutes": data.volunteer_minutes, "attendees": sorted(person.pk for person in data.attendees)}


def data_of(activity: Activity) -> ActivityData:
    """A recorded activity as the data that would record it again (the start of a correction)."""
    return ActivityData(held_on=activity.held_on, place=activity.place, content=activity.content,
                        planned=activity.planned, beneficiary_group=activity.beneficiary_group,
                        attendees=[a.beneficiary for a in activity.attendances.select_related("beneficiary")],
                        participants=activity.participants, person_times=activity.person_times,
                        new_participants=activity.new_participants, volunteers=activity.volunteers, volunteer_minutes=activity.volunteer_minutes)


@transaction.atomic
def activity_record(*, actor, project: Project, data: ActivityData, photo_uploads=(), sign_in_sheet=None) -> Activity:
    _require_grantee(actor, project)
    counter = tally.lock(project)
    planned_name = _check(project, data)
    if sign_in_sheet is not None:
        check_upload(sign_in_sheet, allowed=SHEET_TYPES, max_mb=SHEET_MAX_MB, field="sign_in_sheet")
    encoded = encode_photos(photo_uploads, already=0)
    number = (Activity.objects.filter(project=project).aggregate(n=Max("number"))["n"] or 0) + 1
    activity = Activity(project=project, number=number, held_on=data.held_on, place=data.place, content=data.content,
                        planned=data.planned, planned_name=planned_name, beneficiary_group=data.beneficiary_group,
                        named=bool(data.attendees), participants=data.participants, person_times=data.person_times,
                        new_participants=data.new_participants, volunteers=data.volunteers, volunteer_minutes=data.volunteer_minutes, recorded_by=actor)
    if sign_in_sheet is not None:
        activity.sign_in_sheet.save(sign_in_sheet.name, sign_in_sheet, save=False)
        activity.sign_in_sheet_name = sign_in_sheet.name[:200]
    activity.save()
    Attendance.objects.bulk_create([Attendance(activity=activity, beneficiary=person) for person in data.attendees])
    save_photos(actor, encoded, activity=activity)
    tally.recount(counter)
    log_action(actor=actor, action="delivery.activity.recorded", obj=activity, after=_state(data, planned_name),
               area_path=project.program.area.path)
    return activity


def encode_photos(uploads, *, already: int) -> list:
    uploads = list(uploads)
    if already + len(uploads) > photos.MAX_PER_ACTIVITY:
        raise ValidationError({"photos": _("An activity can have at most %(n)s photos.") % {"n": photos.MAX_PER_ACTIVITY}})
    return [(upload.name, *photos.reencode(upload)) for upload in uploads]


def save_photos(actor, encoded, model=ActivityPhoto, **owner) -> None:
    """Store re-encoded photos as ``model`` rows belonging to ``owner`` (an activity or a visit)."""
    for name, content, width, height in encoded:
        photo = model(name=name[:200], width=width, height=height, uploaded_by=actor, **owner)
        photo.image.save(content.name, content, save=False)
        photo.save()


@transaction.atomic
def activity_photos_add(*, actor, activity: Activity, uploads) -> list[ActivityPhoto]:
    """More photos for a recorded activity (adding evidence is not a correction)."""
    _require_grantee(actor, activity.project)
    tally.lock(activity.project)
    encoded = encode_photos(uploads, already=activity.photos.count())
    if not encoded:
        raise ValidationError({"photos": _("Choose at least one photo.")})
    save_photos(actor, encoded, activity=activity)
    log_action(actor=actor, action="delivery.activity.photos_added", obj=activity, after={"photos": len(encoded)},
               area_path=activity.project.program.area.path)
    return list(activity.photos.all())


@transaction.atomic
def beneficiary_add(*, actor, project: Project, name: str, group: str = "", note: str = "") -> Beneficiary:
    _require_grantee(actor, project)
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Enter the person's name.")})
    if Beneficiary.objects.filter(project=project, name=name, note=note.strip()).exists():
        raise ValidationError({"note": _("%(name)s is already on the list: add a note that tells the two apart.")
                                       % {"name": name}})
    person = Beneficiary.objects.create(project=project, name=name, group=group.strip(), note=note.strip(),
                                        added_by=actor)
    # The trail names the project and the row, not the person: names of people served stay on the list.
    log_action(actor=actor, action="delivery.beneficiary.added", obj=project, after={"beneficiary": person.pk},
               area_path=project.program.area.path)
    return person


@transaction.atomic
def correction_request(*, actor, activity: Activity, data: ActivityData, reason: str) -> ActivityCorrection:
    project = activity.project
    _require_grantee(actor, project)
    tally.lock(project)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the record must change.")})
    if activity.corrections.filter(status=CorrectionStatus.PENDING).exists():
        raise ValidationError(_("A correction of this activity is already waiting for a decision."))
    planned_name = _check(project, data)  # also counts the named participants into ``data``
    after, before = _state(data, planned_name), _state(data_of(activity), activity.planned_name)
    if after == before:
        raise ValidationError(_("Nothing is different from the record: change what is wrong, then send the request."))
    correction = ActivityCorrection.objects.create(activity=activity, before=before, after=after, reason=reason.strip(),
                                                   requested_by=actor)
    log_action(actor=actor, action="delivery.correction.requested", obj=correction, before=before, after=after,
               reason=correction.reason, area_path=project.program.area.path)
    return correction


@transaction.atomic
def correction_decide(*, actor, correction: ActivityCorrection, apply: bool, note: str = "") -> ActivityCorrection:
    """The program's officer applies or rejects a correction; applying rewrites the record and the tally."""
    correction = ActivityCorrection.objects.select_for_update(of=("self",)).select_related(
        "activity__project__program__area").get(pk=correction.pk)
    activity = correction.activity
    project = activity.project
    if not is_officer(actor, project):
        raise PermissionDenied
    require_open(project)
    if correction.status != CorrectionStatus.PENDING:
        raise ValidationError(_("This correction has already been decided."))
    if correction.requested_by_id == actor.pk:
        raise ValidationError(_("Someone other than the person who asked for a correction must decide it."))
    if not apply and not note.strip():
        raise ValidationError({"note": _("Say why the correction is rejected.")})
    counter = tally.lock(project)
    if apply:
        _apply(activity, correction.after)
        tally.recount(counter)
    correction.status = CorrectionStatus.APPLIED if apply else CorrectionStatus.REJECTED
    correction.decided_by, correction.decided_at, correction.decision_note = actor, timezone.now(), note.strip()
    correction.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    log_action(actor=actor, action="delivery.correction.decided", obj=correction, after={"status": correction.status},
               reason=correction.decision_note, area_path=project.program.area.path)
    return correction


def _apply(activity: Activity, after: dict) -> None:
    for name in ("place", "content", "planned", "planned_name", "beneficiary_group", "named", "participants",
                 "person_times", "new_participants", "volunteers", "volunteer_minutes"):
        setattr(activity, name, after.get(name, 0))
    activity.held_on = datetime.date.fromisoformat(after["held_on"])
    activity.version += 1
    activity.save()
    activity.attendances.all().delete()
    Attendance.objects.bulk_create([Attendance(activity=activity, beneficiary_id=pk) for pk in after["attendees"]])


@transaction.atomic
def indicator_report(*, actor, project: Project, position: int, value: int, note: str) -> IndicatorReport:
    """The organization's count so far for a custom indicator of its plan, with how it was counted."""
    _require_grantee(actor, project)
    indicators = plan_document(project).get("indicators") or []
    if not 0 <= position < len(indicators) or (indicators[position] or {}).get("kind") != "custom":
        raise ValidationError(_("Only the plan's own (custom) indicators are reported by hand; the others are counted from the records."))
    if not note.strip():
        raise ValidationError({"note": _("Say how the number was counted.")})
    report = IndicatorReport.objects.create(project=project, position=position, value=value, note=note.strip(),
                                            reported_by=actor)
    log_action(actor=actor, action="delivery.indicator.reported", obj=project, after={"position": position, "value": value},
               reason=report.note, area_path=project.program.area.path)
    return report
