"""Volunteer test worlds built through the services, as users would build them."""

from __future__ import annotations

import datetime as dt
import itertools

from django.utils import timezone
from stdnum.cn import ric as stdnum_ric

from tests import factories
from yichuang.accounts.roles import Role
from yichuang.volunteers import opportunities, registration
from yichuang.volunteers.models import IdKind, ServiceCategory

_serial = itertools.count(1)


def ric(birth: str = "19900101", *, male: bool = True, area: str = "340603") -> str:
    """A valid resident ID number, different each call."""
    sequence = next(_serial) % 500 * 2 + (1 if male else 0)
    body = f"{area}{birth}{sequence:03d}"
    return body + stdnum_ric.calc_check_digit(body + "?")


def details(where, **overrides) -> registration.Registration:
    male = overrides.pop("male", True)
    birth = overrides.pop("birth", "19900101")
    data = dict(name="王志愿", gender="male" if male else "female",
                birth_date=dt.date(int(birth[:4]), int(birth[4:6]), int(birth[6:])), id_kind=IdKind.RESIDENT_ID,
                id_number=ric(birth, male=male), area=where, phone="13812345678", skills=["elder_care"],
                categories=[ServiceCategory.ELDERLY], sensitive_consent=True)
    data.update(overrides)
    return registration.Registration(**data)


def volunteer(where=None, **overrides):
    """A self-registered volunteer with an account."""
    where = where or factories.community()
    user = factories.UserFactory()
    return registration.volunteer_register(actor=user, data=details(where, **overrides))


def organizer(where=None):
    """A social organization in the community's district and one of its members."""
    where = where or factories.community()
    org = factories.organization(where.parent.parent)
    member = factories.user_with_role(Role.ORG_MEMBER, organization=org)
    return org, member


def activity(org, member, where, *, capacity: int = 2, starts: dt.datetime | None = None, hours: int = 3, **extra):
    starts = starts or timezone.now() + dt.timedelta(days=1)
    plan = opportunities.ShiftPlan(starts, starts + dt.timedelta(hours=hours), capacity)
    fields = dict(title="助老陪伴", nature="service", category="elderly", place="安康社区活动室",
                  content="陪伴独居老人聊天、读报", person_in_charge="李主任")
    fields.update(extra)
    return opportunities.opportunity_create(actor=member, organization=org, area=where, shifts=[plan], **fields)


def signed_up(shift, volunteer):
    return opportunities.signup_create(actor=volunteer.user, shift=shift)


def move_shift(shift, *, started_minutes_ago: int, hours: int = 3):
    """Let time pass: the shift started this many minutes ago (sign-ups close when a shift starts)."""
    from yichuang.volunteers.models import Shift

    starts = timezone.now() - dt.timedelta(minutes=started_minutes_ago)
    Shift.objects.filter(pk=shift.pk).update(starts_at=starts, ends_at=starts + dt.timedelta(hours=hours))
    shift.refresh_from_db()
    return shift
