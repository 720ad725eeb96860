"""Check-in and check-out (扫码签到/签退): by the volunteer's phone, by a leader, or by another system.

Idempotent: every scan carries a key made by the client; a retried request (the same key) returns
the first event and changes nothing. Scans queued on a phone without network keep the time they
were made and are accepted up to ``CHECK_IN_GRACE_HOURS`` later, marked as sent late. The person's
sign-up row is locked while a scan is checked, so two scans of one person are decided one after
the other; scans of different people never wait for each other.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yichuang.core.audit import log_action
from yichuang.kernel import volunteers as rules
from yichuang.volunteers import permissions, scan_store
from yichuang.volunteers.models import CheckEvent, Opportunity, Volunteer
from yichuang.volunteers.records import record_from_scans

EARLY_IN = dt.timedelta(minutes=60)  # check in up to an hour before the shift
LATE_OUT = dt.timedelta(hours=2)  # check out up to two hours after it
SENT_LATE_AFTER = dt.timedelta(minutes=5)
CLOCK_SKEW = dt.timedelta(minutes=5)  # a phone's clock may run a little fast


def _scan_message(code: str, params: dict) -> str:
    return {
        "already_in": _("You are already checked in; check out first."),
        "too_many_pairs": _("At most three check-ins and check-outs per person per activity per day."),
        "not_in": _("You are not checked in, so you cannot check out."),
        "out_before_in": _("The check-out time is before the check-in time."),
    }[code] % params


def _check_time(shift: scan_store.Place, kind: str, at: dt.datetime, now: dt.datetime, method: str) -> bool:
    """Raise if ``at`` is impossible; return whether the scan arrives late."""
    if at > now + CLOCK_SKEW:
        raise ValidationError(_("The scan time is in the future; check the phone's clock."))
    opens, closes = shift.starts_at - EARLY_IN, shift.ends_at + LATE_OUT
    if not opens <= at <= closes:
        local = timezone.localtime
        raise ValidationError(_("This shift runs from %(start)s to %(end)s; scans are accepted from an hour before "
                                "it starts until two hours after it ends.")
                              % {"start": local(shift.starts_at).strftime("%H:%M"), "end": local(shift.ends_at).strftime("%H:%M")})
    if method == CheckEvent.Method.LEADER:
        return False  # a leader records after the fact on purpose, with a reason; nothing was queued
    late = now - at > SENT_LATE_AFTER
    if late and now - at > dt.timedelta(hours=settings.CHECK_IN_GRACE_HOURS):
        raise ValidationError(_("This scan was made more than %(hours)s hours ago and can no longer be sent; ask "
                                "your team leader to record it with a reason.") % {"hours": settings.CHECK_IN_GRACE_HOURS})
    return late


def _allowed(actor, volunteer: Volunteer, shift_id: int, method: str) -> Opportunity | None:
    """Raise unless the actor may record this scan; a leader's gets the activity (for the audit row)."""
    if method == CheckEvent.Method.LEADER:
        opportunity = Opportunity.objects.select_related("area", "organization", "team").filter(shifts=shift_id).first()
        if opportunity is None or not permissions.can_check_in_others(actor, opportunity):
            raise PermissionDenied
        return opportunity
    if volunteer.user_id != actor.pk:
        raise PermissionDenied
    return None


def check_scan(*, actor, shift_id: int, volunteer: Volunteer, kind: str, at: dt.datetime, key: str,
               method: str = CheckEvent.Method.PHONE, reason: str = "") -> tuple[CheckEvent, bool]:
    """Record one scan; returns (event, created). ``created`` is False for a retried request. A new
    check-out carries the minutes of the shift's record so far as ``event.service_minutes``. Without
    a confirmed place on the shift the ValidationError has the code "no_place"."""
    try:
        with transaction.atomic():
            return _record(actor=actor, shift_id=shift_id, volunteer=volunteer, kind=kind, at=at, key=key,
                           method=method, reason=reason)
    except IntegrityError:
        # The key is taken: the same request arrived twice at once and the other one won, or the key
        # belongs to another person's scan. Answer as for a retry (which refuses the second case).
        existing = CheckEvent.objects.filter(key=key).first()
        if existing is None:
            raise
        return _replayed(existing, volunteer, shift_id, kind)


def _replayed(existing: CheckEvent, volunteer: Volunteer, shift_id: int, kind: str) -> tuple[CheckEvent, bool]:
    if (existing.volunteer_id, existing.shift_id, existing.kind) != (volunteer.pk, shift_id, kind):
        raise ValidationError(_("This request key was already used for another scan."))
    return existing, False


def _record(*, actor, shift_id, volunteer, kind, at, key, method, reason) -> tuple[CheckEvent, bool]:
    if kind not in CheckEvent.Kind.values:
        raise ValidationError(_("Choose check-in or check-out."))
    if len(key) < 8 or len(key) > 64:
        raise ValidationError(_("A request key must have 8 to 64 characters."))
    opportunity = _allowed(actor, volunteer, shift_id, method)
    if method == CheckEvent.Method.LEADER and not reason.strip() and kind == CheckEvent.Kind.OUT and at < timezone.now() - SENT_LATE_AFTER:
        raise ValidationError(_("Say why you record this check-out for someone else (for example, they forgot)."))
    # The sign-up row is the person's lock; their scans of the activity are read under it, and a
    # retried request (its key among them) is answered before any rule that time may have changed.
    place = scan_store.lock_place(shift_id, volunteer.pk)
    if place is None:
        existing = CheckEvent.objects.filter(key=key).first()  # a retry after the place was given up
        if existing is not None:
            return _replayed(existing, volunteer, shift_id, kind)
        raise ValidationError(_("%(name)s has no confirmed place on this shift.") % {"name": volunteer.name},
                              code="no_place")
    scans = scan_store.scans_of(place.opportunity_id, volunteer.pk)
    for scan in scans:
        if scan.key == key:
            return _replayed(scan, volunteer, shift_id, kind)
    now = timezone.now()
    late = _check_time(place, kind, at, now, method)
    day = timezone.localtime(at).date()
    problem = rules.scan_problem([(e.kind, e.at) for e in scans if timezone.localtime(e.at).date() == day], kind, at)
    if problem:
        raise ValidationError(_scan_message(problem, {}))
    event = scan_store.insert_scan(CheckEvent(
        shift_id=shift_id, volunteer_id=volunteer.pk, kind=kind, at=at, received_at=now, late=late, method=method,
        recorded_by_id=actor.pk, key=key, reason=reason.strip()[:200]))
    if opportunity is not None:
        # Scans people make themselves are their own trail (who, when, how, received when); one made
        # for someone else is a decision about their hours, so it goes into the audit trail too.
        log_action(actor=actor, action="volunteers.scan.recorded_for", obj=event, reason=event.reason,
                   after={"volunteer": volunteer.number, "kind": kind, "at": at.isoformat()},
                   area_path=opportunity.area.path)
    if kind == CheckEvent.Kind.OUT:
        pairs = [(e.kind, e.at) for e in scans if e.shift_id == shift_id] + [(kind, at)]
        event.service_minutes = record_from_scans(actor=actor, place=place, volunteer=volunteer, scans=pairs)
    return event, True
