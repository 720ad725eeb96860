"""Deliberation meetings, part 1: preparing one, registration with a waiting list, and attendance.

A community worker (a keeper of the community) prepares the meeting and its agenda from residents'
topics, opens registration, and starts it on the day. Verified residents of the community register
themselves; a keeper registers a resident without a phone under the name they give (assisted).
Places are given under the meeting's lock, so two people taking the last place cannot both get it;
when a place is given up, the first on the waiting list is promoted and told.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from yichuang.core.audit import log_action
from yichuang.kernel import deliberation
from yichuang.notifications.messenger import Message, notify
from yichuang.participation import permissions
from yichuang.participation.models import AgendaItem, Meeting, Registration, Topic

MAX_CAPACITY = 500
MAX_DOTS = 10
# Each step moves a meeting on; the page asks for them by purpose, never by the state's name.
NEXT = {Meeting.Status.DRAFT: Meeting.Status.OPEN, Meeting.Status.OPEN: Meeting.Status.IN_SESSION,
        Meeting.Status.IN_SESSION: Meeting.Status.VOTING}


@dataclass
class MeetingText:
    area: object
    title: str
    purpose: str
    format: str
    place: str
    starts_at: dt.datetime
    capacity: int
    voting: str
    dots_per_person: int = 3


def _check(text: MeetingText) -> dict[str, str]:
    errors = {}
    if not text.title.strip():
        errors["title"] = _("Name the meeting.")
    if not text.purpose.strip():
        errors["purpose"] = _("Say what the meeting is for.")
    if not text.place.strip():
        errors["place"] = _("Say where the meeting is held.")
    if text.starts_at <= timezone.now():
        errors["starts_at"] = _("The meeting must start in the future.")
    if not 1 <= text.capacity <= MAX_CAPACITY:
        errors["capacity"] = _("Give between 1 and %(n)s places.") % {"n": MAX_CAPACITY}
    if text.voting == Meeting.Voting.DOTS and not 1 <= text.dots_per_person <= MAX_DOTS:
        errors["dots_per_person"] = _("Give each person between 1 and %(n)s dots.") % {"n": MAX_DOTS}
    return errors


@transaction.atomic
def meeting_create(*, actor, text: MeetingText, topics=(), is_sample: bool = False) -> Meeting:
    """A keeper prepares a meeting; the topics chosen become its agenda, in the order given."""
    if not permissions.keeps_area(actor, text.area):
        raise PermissionDenied
    errors = _check(text)
    if errors:
        raise ValidationError(errors)
    meeting = Meeting.objects.create(
        area=text.area, title=text.title.strip(), purpose=text.purpose.strip(), format=text.format,
        place=text.place.strip(), starts_at=text.starts_at, capacity=text.capacity, voting=text.voting,
        dots_per_person=text.dots_per_person, organizer=actor, attendance_key=secrets.token_urlsafe(12),
        is_sample=is_sample)
    for position, topic in enumerate(topics, start=1):
        _add_item(meeting, topic.title[:80], topic, position)
    log_action(actor=actor, action="participation.meeting.created", obj=meeting, area_path=text.area.path,
               after={"title": meeting.title, "agenda": len(topics)})
    return meeting


EDITABLE_FIELDS = ("title", "purpose", "format", "place", "starts_at", "capacity", "voting", "dots_per_person")


@transaction.atomic
def meeting_edit(*, actor, meeting: Meeting, text: MeetingText) -> Meeting:
    """Change a meeting before it starts. More places promote the waiting list; fewer than those taken are
    refused; a new time or place is sent to everyone registered or waiting."""
    meeting = locked_meeting(meeting)
    require_keeper(actor, meeting)
    if meeting.status not in (Meeting.Status.DRAFT, Meeting.Status.OPEN):
        raise ValidationError(_("A meeting can be changed until it starts."))
    errors = _check(text)
    taken = _taken(meeting)
    if text.capacity < taken:
        errors["capacity"] = _("%(n)s people already have a place; give at least as many.") % {"n": taken}
    if text.area != meeting.area:
        errors["area"] = _("A meeting stays in its community; prepare a new one for another community.")
    if meeting.registrations.exists() and (text.format, text.voting) != (meeting.format, meeting.voting):
        errors["format"] = _("People have registered: the format and the way of voting stay as announced.")
    if errors:
        raise ValidationError(errors)
    before = {name: str(getattr(meeting, name)) for name in EDITABLE_FIELDS}
    moved = (text.starts_at, text.place.strip()) != (meeting.starts_at, meeting.place)
    for name in EDITABLE_FIELDS:
        value = getattr(text, name)
        setattr(meeting, name, value.strip() if isinstance(value, str) else value)
    meeting.save(update_fields=list(EDITABLE_FIELDS))
    log_action(actor=actor, action="participation.meeting.edited", obj=meeting, area_path=meeting.area.path,
               before=before, after={name: str(getattr(meeting, name)) for name in EDITABLE_FIELDS})
    while _taken(meeting) < meeting.capacity and meeting.registrations.filter(
            status=Registration.Status.WAITLISTED).exists():
        _promote(meeting)
    if moved:
        people = [r.user for r in meeting.registrations.exclude(status=Registration.Status.CANCELLED)
                  .exclude(user=None).select_related("user")]
        title, url = meeting.title, reverse("participation:meeting", args=[meeting.pk])
        when = timezone.localtime(meeting.starts_at).strftime("%Y-%m-%d %H:%M")
        notify(people, lambda user: Message(
            "participation.meeting_moved", _("The meeting has a new time or place: %(title)s") % {"title": title},
            _("Now: %(when)s, %(place)s.") % {"when": when, "place": meeting.place}, url),
            kind="participation.meeting_moved")
    return meeting


def _add_item(meeting: Meeting, title: str, topic: Topic | None, position: int) -> AgendaItem:
    if topic is not None and (topic.status != Topic.Status.OPEN or not topic.area.path.startswith(meeting.area.path)):
        raise ValidationError({"topic": _("Only an open topic of this community can go on its agenda.")})
    return AgendaItem.objects.create(meeting=meeting, title=title, topic=topic, position=position)


def locked_meeting(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update(of=("self",)).select_related("area").get(pk=meeting.pk)


def require_keeper(actor, meeting: Meeting) -> None:
    if not permissions.keeps_area(actor, meeting.area):
        raise PermissionDenied


@transaction.atomic
def agenda_add(*, actor, meeting: Meeting, title: str = "", topic: Topic | None = None) -> AgendaItem:
    """Add a topic (a resident's, or one the organizer words) to the agenda, before the meeting starts."""
    meeting = locked_meeting(meeting)
    require_keeper(actor, meeting)
    if meeting.status not in (Meeting.Status.DRAFT, Meeting.Status.OPEN):
        raise ValidationError(_("The agenda is fixed once the meeting has started."))
    title = (title.strip() or (topic.title if topic else ""))[:80]
    if not title:
        raise ValidationError({"title": _("Choose a topic or write one.")})
    if meeting.items.filter(title=title).exists():
        raise ValidationError({"title": _("This topic is already on the agenda.")})
    item = _add_item(meeting, title, topic, meeting.items.count() + 1)
    log_action(actor=actor, action="participation.meeting.agenda_changed", obj=meeting, area_path=meeting.area.path,
               after={"added": title})
    return item


@transaction.atomic
def meeting_advance(*, actor, meeting: Meeting) -> Meeting:
    """The next step: open registration, start the meeting, open the vote."""
    meeting = locked_meeting(meeting)
    require_keeper(actor, meeting)
    after = NEXT.get(meeting.status)
    if after is None:
        raise ValidationError(_("This meeting has no next step here."))
    if after == Meeting.Status.OPEN and not meeting.items.exists():
        raise ValidationError(_("Put at least one topic on the agenda before opening registration."))
    if after == Meeting.Status.VOTING and not meeting.proposals.exists():
        raise ValidationError(_("There is nothing to vote on yet: record the proposals first."))
    before, meeting.status = meeting.status, after
    meeting.save(update_fields=["status"])
    log_action(actor=actor, action="participation.meeting.advanced", obj=meeting, area_path=meeting.area.path,
               before={"status": before}, after={"status": after})
    return meeting


def _taken(meeting: Meeting) -> int:
    return meeting.registrations.filter(status=Registration.Status.REGISTERED).count()


def _item(meeting: Meeting, item: AgendaItem | None) -> AgendaItem | None:
    if item is not None and item.meeting_id != meeting.pk:
        raise ValidationError({"joined_item": _("Choose a topic of this meeting's agenda.")})
    return item


@transaction.atomic
def meeting_register(*, actor, meeting: Meeting, joined_item: AgendaItem | None = None,
                     assisted_name: str = "") -> Registration:
    """Register the actor (a verified resident of the community), or, by a keeper, a resident without a
    phone under the name given. Past the capacity, the registration joins the waiting list."""
    meeting = locked_meeting(meeting)
    assisted_name = assisted_name.strip()[:50]
    if assisted_name:
        require_keeper(actor, meeting)
    elif not permissions.is_resident_of(actor, meeting.area):
        raise PermissionDenied
    if meeting.status not in (Meeting.Status.OPEN, Meeting.Status.IN_SESSION):
        raise ValidationError(_("Registration for this meeting is not open."))
    user = None if assisted_name else actor
    place = deliberation.registration_place(meeting.capacity, _taken(meeting))
    try:
        with transaction.atomic():
            registration = Registration.objects.create(
                meeting=meeting, user=user, name=assisted_name or actor.get_full_name() or actor.username,
                assisted_by=actor if assisted_name else None, status=place, joined_item=_item(meeting, joined_item))
    except IntegrityError:
        registration = Registration.objects.select_for_update(of=("self",)).get(meeting=meeting, user=user)
        if registration.status != Registration.Status.CANCELLED:
            raise ValidationError(_("You are already registered for this meeting.")) from None
        registration.status, registration.joined_item = place, _item(meeting, joined_item)
        registration.save(update_fields=["status", "joined_item"])
    log_action(actor=actor, action="participation.meeting.registered", obj=meeting, area_path=meeting.area.path,
               after={"status": place, "assisted": bool(assisted_name)})
    return registration


@transaction.atomic
def registration_join(*, actor, registration: Registration, item: AgendaItem | None) -> Registration:
    """Choose (or change) the topic one wants to discuss; once the groups are formed, an attendee moves to
    the group of the topic chosen (the open space's "law of two feet")."""
    meeting = locked_meeting(registration.meeting)
    if registration.user_id != actor.pk and not permissions.keeps_area(actor, meeting.area):
        raise PermissionDenied
    if meeting.status not in (Meeting.Status.OPEN, Meeting.Status.IN_SESSION):
        raise ValidationError(_("Topics are chosen before the vote."))
    registration.joined_item = _item(meeting, item)
    fields = ["joined_item"]
    if meeting.groups.exists():
        if registration.attended_at is None:
            raise ValidationError(_("The groups are formed; join one at the meeting."))
        registration.group = meeting.groups.filter(item=registration.joined_item).first()
        fields.append("group")
    registration.save(update_fields=fields)
    return registration


@transaction.atomic
def registration_cancel(*, actor, registration: Registration) -> Registration:
    """Give up a place (or leave the waiting list); the first on the waiting list takes the place."""
    meeting = locked_meeting(registration.meeting)
    registration = Registration.objects.select_for_update(of=("self",)).get(pk=registration.pk)
    if registration.user_id != actor.pk and not permissions.keeps_area(actor, meeting.area):
        raise PermissionDenied
    if registration.status == Registration.Status.CANCELLED:
        raise ValidationError(_("This registration is already cancelled."))
    if registration.attended_at or meeting.status not in (Meeting.Status.OPEN, Meeting.Status.IN_SESSION):
        raise ValidationError(_("This registration can no longer be cancelled."))
    freed = registration.status == Registration.Status.REGISTERED
    registration.status = Registration.Status.CANCELLED
    registration.save(update_fields=["status"])
    log_action(actor=actor, action="participation.meeting.registration_cancelled", obj=meeting,
               area_path=meeting.area.path, after={"freed": freed})
    if freed:
        _promote(meeting)
    return registration


def _promote(meeting: Meeting) -> None:
    if _taken(meeting) >= meeting.capacity:
        return
    first = (Registration.objects.select_for_update(of=("self",))
             .filter(meeting=meeting, status=Registration.Status.WAITLISTED).order_by("created_at", "pk").first())
    if first is None:
        return
    first.status = Registration.Status.REGISTERED
    first.save(update_fields=["status"])
    if first.user_id:
        title, url = meeting.title, reverse("participation:meeting", args=[meeting.pk])
        notify([first.user], lambda user: Message(
            "participation.meeting_place", _("A place is yours: %(title)s") % {"title": title},
            _("Someone gave up their place and you were first on the waiting list."), url),
            kind="participation.meeting_place")


@transaction.atomic
def attendance_record(*, actor, meeting: Meeting, key: str = "", registration: Registration | None = None,
                      walk_in_name: str = "") -> Registration:
    """Attendance: a registered resident scans the door's QR code (``key``); a keeper ticks a registration
    (a waiting-list one too, when there is room in the hall) or adds someone who walked in."""
    meeting = locked_meeting(meeting)
    walk_in_name = walk_in_name.strip()
    if meeting.status not in (Meeting.Status.IN_SESSION, Meeting.Status.VOTING):
        raise ValidationError(_("Attendance is taken once the meeting has started."))
    if registration is None and not walk_in_name:
        if not secrets.compare_digest(key, meeting.attendance_key):
            raise PermissionDenied
        registration = meeting.registrations.filter(user=actor).exclude(status=Registration.Status.CANCELLED).first()
        if registration is None or registration.status != Registration.Status.REGISTERED:
            raise ValidationError(_("You are not registered for this meeting; please see the organizer at the door."))
    else:
        require_keeper(actor, meeting)
        if walk_in_name:
            registration = Registration.objects.create(meeting=meeting, name=walk_in_name[:50],
                                                       assisted_by=actor, status=Registration.Status.REGISTERED)
        elif registration.meeting_id != meeting.pk:
            raise PermissionDenied
    if registration.attended_at is None:
        registration.attended_at, registration.status = timezone.now(), Registration.Status.REGISTERED
        registration.save(update_fields=["attended_at", "status"])
        log_action(actor=actor, action="participation.meeting.attended", obj=meeting, area_path=meeting.area.path,
                   after={"assisted": registration.user_id is None})
    return registration
