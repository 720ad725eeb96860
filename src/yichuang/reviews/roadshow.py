"""The live roadshow (路演): the officer runs the pitches in order, the panel scores on their phones.

Points are typed text read with Decimal (0–100, at most one decimal) and stored as tenths. An
expert may score the current pitch or catch up on one already passed, never a future one; scoring
again before the close replaces the score (one row per expert and pitch, enforced by the database).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from yichuang.applications.models import Application
from yichuang.core.audit import log_action
from yichuang.notifications.messenger import Message, notify
from yichuang.programs import permissions as program_permissions
from yichuang.reviews.models import Conflict, Expert, RoadshowScore, RoadshowSession, RoadshowSlot, RoundEntry, SessionState


def _officer(actor, program) -> None:
    if not program_permissions.can_manage_program(actor, program):
        raise PermissionDenied


def _locked(session: RoadshowSession) -> RoadshowSession:
    return RoadshowSession.objects.select_for_update(of=("self",)).select_related("program__area").get(pk=session.pk)


def _log(actor, verb: str, session: RoadshowSession, **kwargs) -> None:
    log_action(actor=actor, action=f"reviews.roadshow.{verb}", obj=session, area_path=session.program.area.path, **kwargs)


@transaction.atomic
def roadshow_setup(*, actor, program, application_ids_in_order: list[int], panel: list[Expert], venue: str = "") -> RoadshowSession:
    """Create or replace the running order and the panel (only before the session goes live)."""
    _officer(actor, program)
    session, _created = RoadshowSession.objects.select_for_update(of=("self",)).get_or_create(program=program)
    if session.state != SessionState.SETUP:
        raise ValidationError(_("The roadshow has started; its running order can no longer change."))
    if not application_ids_in_order:
        raise ValidationError(_("Choose at least one application for the roadshow."))
    if not panel:
        raise ValidationError(_("Choose at least one expert for the roadshow panel."))
    if len(set(application_ids_in_order)) != len(application_ids_in_order):
        raise ValidationError(_("Each application can pitch only once."))
    entered = set(RoundEntry.objects.filter(round__program=program).values_list("application_id", flat=True))
    for pk in application_ids_in_order:
        if pk not in entered:
            number = Application.objects.filter(pk=pk).values_list("number", flat=True).first() or pk
            raise ValidationError(_("Application %(number)s is not under review in this program.") % {"number": number})
    before = list(session.slots.values_list("application_id", flat=True))
    session.slots.all().delete()
    RoadshowSlot.objects.bulk_create([RoadshowSlot(session=session, application_id=pk, position=i + 1)
                                      for i, pk in enumerate(application_ids_in_order)])
    session.venue = venue[:200]
    session.save(update_fields=["venue"])
    session.panel.set(panel)
    _log(actor, "setup", session, before={"order": before},
         after={"order": application_ids_in_order, "panel": sorted(e.pk for e in panel), "venue": session.venue})
    return session


@transaction.atomic
def roadshow_open(*, actor, session: RoadshowSession) -> RoadshowSession:
    session = _locked(session)
    _officer(actor, session.program)
    if session.state != SessionState.SETUP:
        raise ValidationError(_("Only a roadshow being prepared can be opened."))
    first = session.slots.order_by("position").first()
    if first is None:
        raise ValidationError(_("Choose at least one application for the roadshow."))
    session.state, session.current, session.opened_at = SessionState.LIVE, first, timezone.now()
    session.save(update_fields=["state", "current", "opened_at"])
    _log(actor, "opened", session, after={"state": session.state})
    users = [e.user for e in session.panel.select_related("user") if e.user_id]
    url = reverse("reviews:my-roadshow", args=[session.pk])

    def compose(user):
        return Message("roadshow.live", _("The roadshow of “%(program)s” has started") % {"program": session.program.name},
                       _("Open it on your phone to score each pitch."), url)

    notify(users, compose, kind="roadshow.live")
    return session


@transaction.atomic
def roadshow_move(*, actor, session: RoadshowSession, slot: RoadshowSlot) -> RoadshowSession:
    session = _locked(session)
    _officer(actor, session.program)
    if session.state != SessionState.LIVE or slot.session_id != session.pk:
        raise ValidationError(_("Only a live roadshow can move between its pitches."))
    before = session.current_id
    session.current = slot
    session.save(update_fields=["current"])
    _log(actor, "moved", session, before={"slot": before}, after={"slot": slot.pk})
    return session


def parse_points(text: str) -> int:
    """Tenths from typed points ("87", "87.5"); a ValidationError in the user's words otherwise."""
    raw = (text or "").strip().replace("，", ".").translate({c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)})
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise ValidationError(_("Enter the points as a number from 0 to 100, for example 87 or 87.5.")) from None
    if not value.is_finite():
        raise ValidationError(_("Enter the points as a number from 0 to 100, for example 87 or 87.5."))
    if value * 10 != (value * 10).to_integral_value():
        raise ValidationError(_("Use at most one decimal place, for example 87.5."))
    if not 0 <= value <= 100:
        raise ValidationError(_("Points must be between 0 and 100; you entered %(value)s.") % {"value": raw})
    return int(value * 10)


@transaction.atomic
def roadshow_score(*, actor, session: RoadshowSession, slot: RoadshowSlot, points: str) -> RoadshowScore:
    session = _locked(session)  # serialises two submissions of one expert: one row, the last one wins
    expert = Expert.objects.filter(user=actor, roadshows=session).first()
    if expert is None or slot.session_id != session.pk:
        raise PermissionDenied
    if session.state != SessionState.LIVE:
        raise ValidationError(_("The roadshow is not live: scores can be given only while it runs."))
    current = session.current.position if session.current_id else 0
    if slot.position > current:
        raise ValidationError(_("This team has not pitched yet."))
    if Conflict.objects.filter(round__program=session.program, expert=expert, application=slot.application_id).exists():
        raise ValidationError(_("You have a conflict of interest with this team, so you do not score its pitch."))
    tenths = parse_points(points)
    score = RoadshowScore.objects.filter(slot=slot, expert=expert).first()
    before = score.score_tenths if score else None
    score, _created = RoadshowScore.objects.update_or_create(slot=slot, expert=expert, defaults={"score_tenths": tenths})
    _log(actor, "scored", session, before={"slot": slot.pk, "tenths": before}, after={"slot": slot.pk, "tenths": tenths})
    return score


@transaction.atomic
def roadshow_close(*, actor, session: RoadshowSession, force: bool = False, reason: str = "") -> RoadshowSession:
    session = _locked(session)
    _officer(actor, session.program)
    if session.state != SessionState.LIVE:
        raise ValidationError(_("Only a live roadshow can be closed."))
    unscored = session.slots.filter(scores__isnull=True).order_by("position")
    if unscored.exists() and not force:
        numbers = "、".join(unscored.values_list("application__number", flat=True))
        raise ValidationError(_("No expert has scored %(numbers)s yet. Wait for the scores, or close anyway with a reason.")
                              % {"numbers": numbers})
    if unscored.exists() and not reason.strip():
        raise ValidationError(_("Give the reason for closing with pitches unscored."))
    session.state, session.closed_at = SessionState.CLOSED, timezone.now()
    session.save(update_fields=["state", "closed_at"])
    _log(actor, "closed", session, reason=reason, after={"state": session.state, "forced": bool(unscored.exists())})
    return session
