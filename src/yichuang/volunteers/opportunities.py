"""Volunteer activities and their shifts: creating them, signing up, the waiting list.

A shift's ``confirmed_count`` is rewritten in the transaction that changes a sign-up, under a lock
on the shift row, so two people taking the last place at once cannot both get it; a cancellation
promotes the earliest person on the waiting list in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from yichuang.core.audit import log_action
from yichuang.notifications.messenger import Message, notify
from yichuang.places.models import Area, Organization
from yichuang.volunteers import permissions
from yichuang.volunteers.models import NOT_SERVICE, Nature, Opportunity, Shift, Signup, Skill, Team, Volunteer


def refuse_non_service(nature: str) -> None:
    if nature in NOT_SERVICE:
        raise ValidationError(_("%(kind)s is not volunteer service and cannot be recorded as service hours "
                                "(Ministry of Civil Affairs rules on volunteer records).") % {"kind": Nature(nature).label})


@dataclass
class ShiftPlan:
    starts_at: dt.datetime
    ends_at: dt.datetime
    capacity: int


def _check_shift(plan: ShiftPlan) -> None:
    if plan.ends_at <= plan.starts_at:
        raise ValidationError(_("A shift must end after it starts."))
    if plan.ends_at - plan.starts_at > dt.timedelta(hours=24):
        raise ValidationError(_("A shift cannot be longer than 24 hours; split it into days."))
    if plan.capacity < 1:
        raise ValidationError(_("A shift needs at least one place."))


@transaction.atomic
def opportunity_create(*, actor, organization: Organization, area: Area, title: str, nature: str, category: str,
                       place: str, content: str, person_in_charge: str, shifts: list[ShiftPlan],
                       skills: list[str] = (), team: Team | None = None, rounding: str = Opportunity.Rounding.MINUTE,
                       project=None, is_sample: bool = False) -> Opportunity:
    if not permissions.manages_organization(actor, organization.pk, organization.area.path):
        raise PermissionDenied
    refuse_non_service(nature)
    if not shifts:
        raise ValidationError(_("Add at least one shift."))
    for plan in shifts:
        _check_shift(plan)
    unknown = set(skills) - set(Skill.values)
    if unknown:
        raise ValidationError(_("Unknown skill."))
    opportunity = Opportunity.objects.create(
        title=title.strip(), organization=organization, area=area, team=team, project=project, nature=nature,
        category=category, skills=sorted(set(skills)), place=place.strip(), content=content.strip(),
        person_in_charge=person_in_charge.strip(), rounding=rounding, check_in_code=secrets.token_urlsafe(18),
        created_by=actor, is_sample=is_sample)
    Shift.objects.bulk_create([Shift(opportunity=opportunity, starts_at=plan.starts_at, ends_at=plan.ends_at,
                                     capacity=plan.capacity) for plan in shifts])
    log_action(actor=actor, action="volunteers.opportunity.created", obj=opportunity,
               after={"title": opportunity.title, "shifts": len(shifts)}, area_path=area.path)
    return opportunity


@transaction.atomic
def opportunity_close(*, actor, opportunity: Opportunity) -> None:
    if not permissions.manages_opportunity(actor, opportunity):
        raise PermissionDenied
    Opportunity.objects.filter(pk=opportunity.pk).update(status=Opportunity.Status.CLOSED)
    log_action(actor=actor, action="volunteers.opportunity.closed", obj=opportunity, area_path=opportunity.area.path)


def _overlapping(volunteer: Volunteer, shift: Shift):
    return (Signup.objects.filter(volunteer=volunteer, status=Signup.Status.CONFIRMED,
                                  shift__starts_at__lt=shift.ends_at, shift__ends_at__gt=shift.starts_at)
            .exclude(shift=shift))


@transaction.atomic
def signup_create(*, actor, shift: Shift) -> Signup:
    """Sign the actor up: a place if one is free, else the waiting list."""
    volunteer = permissions.own_volunteer(actor)
    if volunteer is None:
        raise ValidationError(_("Register as a volunteer first."))
    locked = Shift.objects.select_for_update(of=("self",)).select_related("opportunity").get(pk=shift.pk)
    opportunity = locked.opportunity
    if opportunity.status != Opportunity.Status.OPEN:
        raise ValidationError(_("This activity is closed for sign-up."))
    if locked.starts_at <= timezone.now():
        raise ValidationError(_("This shift has already started."))
    if opportunity.skills and not set(opportunity.skills) & set(volunteer.skills):
        raise ValidationError(_("This activity needs one of these skills: %(skills)s. Add a skill to your record "
                                "if you have it.") % {"skills": "、".join(str(Skill(s).label) for s in opportunity.skills)})
    if _overlapping(volunteer, locked).exists():
        raise ValidationError(_("You already have a shift at that time."))
    existing = Signup.objects.filter(shift=locked, volunteer=volunteer).first()
    if existing is not None and existing.status != Signup.Status.CANCELLED:
        raise ValidationError(_("You have already signed up for this shift."))
    status = Signup.Status.CONFIRMED if locked.confirmed_count < locked.capacity else Signup.Status.WAITLISTED
    if existing is None:
        signup = Signup.objects.create(shift=locked, volunteer=volunteer, status=status)
    else:
        # Signing up again after cancelling goes to the end of the queue.
        Signup.objects.filter(pk=existing.pk).delete()
        signup = Signup.objects.create(shift=locked, volunteer=volunteer, status=status)
    if status == Signup.Status.CONFIRMED:
        Shift.objects.filter(pk=locked.pk).update(confirmed_count=F("confirmed_count") + 1)
    log_action(actor=actor, action="volunteers.signup.created", obj=signup, after={"status": status},
               area_path=opportunity.area.path)
    return signup


@transaction.atomic
def signup_add(*, actor, shift: Shift, volunteer: Volunteer) -> Signup:
    """The organizer or a team leader puts a volunteer on a shift (someone without a phone, or a
    walk-in on the day): a place if one is free, else the waiting list, as for everyone."""
    locked = Shift.objects.select_for_update(of=("self",)).select_related("opportunity__area").get(pk=shift.pk)
    if not permissions.can_check_in_others(actor, locked.opportunity):
        raise PermissionDenied
    if volunteer.status != Volunteer.Status.ACTIVE:
        raise ValidationError(_("This volunteer's record has been deleted."))
    if Signup.objects.filter(shift=locked, volunteer=volunteer).exclude(status=Signup.Status.CANCELLED).exists():
        raise ValidationError(_("%(name)s is already on this shift.") % {"name": volunteer.name})
    if _overlapping(volunteer, locked).exists():
        raise ValidationError(_("%(name)s already has a shift at that time.") % {"name": volunteer.name})
    Signup.objects.filter(shift=locked, volunteer=volunteer).delete()
    status = Signup.Status.CONFIRMED if locked.confirmed_count < locked.capacity else Signup.Status.WAITLISTED
    signup = Signup.objects.create(shift=locked, volunteer=volunteer, status=status)
    if status == Signup.Status.CONFIRMED:
        Shift.objects.filter(pk=locked.pk).update(confirmed_count=F("confirmed_count") + 1)
    log_action(actor=actor, action="volunteers.signup.added", obj=signup,
               after={"status": status, "volunteer": volunteer.number}, area_path=locked.opportunity.area.path)
    return signup


@transaction.atomic
def signup_cancel(*, actor, signup: Signup) -> Signup | None:
    """Cancel a sign-up (the volunteer, or the activity's organizer); returns whoever was promoted."""
    locked_shift = Shift.objects.select_for_update(of=("self",)).select_related("opportunity__area").get(pk=signup.shift_id)
    signup = Signup.objects.select_related("volunteer").get(pk=signup.pk)
    if not (signup.volunteer.user_id == actor.pk or permissions.manages_opportunity(actor, locked_shift.opportunity)):
        raise PermissionDenied
    if signup.status == Signup.Status.CANCELLED:
        raise ValidationError(_("This sign-up is already cancelled."))
    was_confirmed = signup.status == Signup.Status.CONFIRMED
    Signup.objects.filter(pk=signup.pk).update(status=Signup.Status.CANCELLED, changed_at=timezone.now())
    promoted = None
    if was_confirmed:
        promoted = (Signup.objects.filter(shift=locked_shift, status=Signup.Status.WAITLISTED)
                    .select_related("volunteer").order_by("created_at", "pk").first())
        if promoted is not None:
            Signup.objects.filter(pk=promoted.pk).update(status=Signup.Status.CONFIRMED, changed_at=timezone.now())
        else:
            Shift.objects.filter(pk=locked_shift.pk).update(confirmed_count=F("confirmed_count") - 1)
    log_action(actor=actor, action="volunteers.signup.cancelled", obj=signup,
               after={"promoted": promoted.volunteer.number if promoted else ""},
               area_path=locked_shift.opportunity.area.path)
    if promoted is not None and promoted.volunteer.user_id:
        title = locked_shift.opportunity.title
        url = reverse("volunteers:activity", args=[locked_shift.opportunity_id])
        notify([promoted.volunteer.user], lambda user: Message(
            "volunteers.promoted", _("You have a place: %(title)s") % {"title": title},
            _("A place came free and you were next on the waiting list."), url), kind="volunteers.promoted")
    return promoted
