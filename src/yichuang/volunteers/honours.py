"""Training (Art. 8), awards (Art. 9) and evaluations (Art. 10), recorded by the roster's keepers or
the registering organization."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yichuang.core.audit import log_action
from yichuang.places.models import Organization
from yichuang.volunteers.models import Award, Evaluation, Training, Volunteer


def _allowed(actor, volunteer: Volunteer, day: dt.date) -> None:
    if not actor.has_perm("volunteers.record_honour", volunteer):
        raise PermissionDenied
    if day > timezone.localdate():
        raise ValidationError(_("The date cannot be in the future."))


@transaction.atomic
def training_add(*, actor, volunteer: Volunteer, name: str, content: str, minutes: int, host: str,
                 held_on: dt.date) -> Training:
    _allowed(actor, volunteer, held_on)
    if not 0 < minutes <= 24 * 60:
        raise ValidationError(_("The length must be more than 0 and at most 24 hours."))
    row = Training.objects.create(volunteer=volunteer, name=name.strip(), content=content.strip(), minutes=minutes,
                                  host=host.strip(), held_on=held_on, recorded_by=actor)
    log_action(actor=actor, action="volunteers.training.added", obj=volunteer, after={"training": row.name},
               area_path=volunteer.area.path)
    return row


@transaction.atomic
def award_add(*, actor, volunteer: Volunteer, name: str, awarded_on: dt.date, granted_by: str) -> Award:
    _allowed(actor, volunteer, awarded_on)
    row = Award.objects.create(volunteer=volunteer, name=name.strip(), awarded_on=awarded_on,
                               granted_by=granted_by.strip(), recorded_by=actor)
    log_action(actor=actor, action="volunteers.award.added", obj=volunteer, after={"award": row.name},
               area_path=volunteer.area.path)
    return row


@transaction.atomic
def evaluation_add(*, actor, volunteer: Volunteer, organization: Organization, rating: str, note: str,
                   evaluated_on: dt.date) -> Evaluation:
    _allowed(actor, volunteer, evaluated_on)
    if rating not in Evaluation.Rating.values:
        raise ValidationError(_("Choose a rating."))
    row = Evaluation.objects.create(volunteer=volunteer, organization=organization, rating=rating, note=note.strip(),
                                    evaluated_on=evaluated_on, recorded_by=actor)
    log_action(actor=actor, action="volunteers.evaluation.added", obj=volunteer, after={"rating": rating},
               area_path=volunteer.area.path)
    return row
