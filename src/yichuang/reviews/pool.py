"""Writes to the expert pool: create, edit (optimistic locking), link an account. Audited."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from yichuang.accounts.roles import Role
from yichuang.core.audit import log_action, snapshot
from yichuang.core.errors import StaleEditError
from yichuang.kernel.chinese import pinyin_sort_key
from yichuang.people.services import invitation_create, open_invitation_for
from yichuang.places.validation import clean_phone
from yichuang.reviews import permissions
from yichuang.reviews.models import Expert

EDITABLE = ["name", "phone", "title", "employer", "area", "domains", "affiliations", "min_load", "max_load",
            "available", "note"]
AUDITED = [*EDITABLE, "user", "is_sample"]
MANY = {"domains", "affiliations"}


def _clean(fields: dict) -> dict:
    fields = dict(fields)
    if "name" in fields:
        fields["name"] = (fields["name"] or "").strip()
        if not fields["name"]:
            raise ValidationError({"name": _("Enter the expert's name.")})
    if fields.get("phone"):
        fields["phone"] = clean_phone(fields["phone"])
    return fields


def _check_loads(expert: Expert) -> None:
    if expert.min_load > expert.max_load:
        raise ValidationError({"min_load": _("The fewest applications per round cannot exceed the most.")})


def _check_phone_unique(expert: Expert) -> None:
    if expert.phone and Expert.objects.filter(phone=expert.phone).exclude(pk=expert.pk).exists():
        raise ValidationError({"phone": _("Another expert in the pool already has this mobile number.")})


def _apply(expert: Expert, fields: dict) -> dict:
    many = {name: fields.pop(name) for name in list(fields) if name in MANY}
    for name, value in fields.items():
        setattr(expert, name, value)
    expert.name_sort = pinyin_sort_key(expert.name)[:300]
    return many


@transaction.atomic
def expert_create(*, actor, **fields) -> Expert:
    fields = _clean(fields)
    expert = Expert()
    many = _apply(expert, fields)
    if not permissions.can_manage_expert(actor, expert):
        raise PermissionDenied
    _check_loads(expert)
    _check_phone_unique(expert)
    expert.save()
    for name, values in many.items():
        getattr(expert, name).set(values)
    log_action(actor=actor, action="reviews.expert.created", obj=expert, after=snapshot(expert, AUDITED),
               area_path=expert.area.path)
    return expert


@transaction.atomic
def expert_update(*, actor, expert: Expert, version: int, **fields) -> Expert:
    expert = Expert.objects.select_for_update(of=("self",)).select_related("area").get(pk=expert.pk)
    if not permissions.can_manage_expert(actor, expert):
        raise PermissionDenied
    before = snapshot(expert, AUDITED)
    many = _apply(expert, _clean(fields))
    if not permissions.can_manage_expert(actor, expert):  # the new home area must be in scope too
        raise PermissionDenied
    _check_phone_unique(expert)
    return _save_edit(actor, expert, version, many, before, "reviews.expert.updated")


def _save_edit(actor, expert: Expert, version: int, many: dict, before: dict, action: str) -> Expert:
    """Save an edit made on ``version`` (refused if someone saved in between) and record it."""
    _check_loads(expert)
    if not Expert.objects.filter(pk=expert.pk, version=version).update(version=F("version") + 1):
        raise StaleEditError()
    expert.version = version + 1
    expert.save()
    for name, values in many.items():
        getattr(expert, name).set(values)
    log_action(actor=actor, action=action, obj=expert, before=before, after=snapshot(expert, AUDITED),
               area_path=expert.area.path)
    return expert


@transaction.atomic
def expert_invite(*, actor, expert: Expert) -> tuple:
    """Invite a pool expert to review: the link opens (or links) an account with the expert role in
    the expert's home area and ties it to this pool entry. Returns the invitation and its secret."""
    if not permissions.can_manage_expert(actor, expert):
        raise PermissionDenied
    if expert.user_id is not None:
        raise ValidationError(_("%(name)s already has an account and can review.") % {"name": expert.name})
    if not expert.phone:
        raise ValidationError(_("Add %(name)s's mobile number first: the invitation is sent there.") % {"name": expert.name})
    if open_invitation_for("expert", expert.pk) is not None:
        raise ValidationError(_("%(name)s has an open invitation already; withdraw it on the People page to send a new one.")
                              % {"name": expert.name})
    return invitation_create(actor=actor, display_name=expert.name, address=expert.phone, role=Role.EXPERT,
                             area=expert.area, purpose="expert", subject_id=expert.pk)


@transaction.atomic
def experts_invite_all(*, actor, experts) -> int:
    """Invite every expert of ``experts`` who has a mobile number, no account and no open invitation."""
    sent = 0
    for expert in experts.filter(user=None).exclude(phone="").select_related("area"):
        if permissions.can_manage_expert(actor, expert) and open_invitation_for("expert", expert.pk) is None:
            expert_invite(actor=actor, expert=expert)
            sent += 1
    return sent


def expert_accepted(*, invitation, user) -> None:
    """The invitation hook: the account that accepted becomes this pool entry's, unless it has one."""
    expert = Expert.objects.select_for_update(of=("self",)).select_related("area").filter(pk=invitation.subject_id).first()
    if expert is None or expert.user_id == user.pk:
        return
    if expert.user_id is not None or Expert.objects.filter(user=user).exists():
        raise ValidationError(_("This account is already linked to an expert of the pool; ask the officer who invited you."))
    before = snapshot(expert, AUDITED)
    expert.user = user
    expert.save(update_fields=["user"])
    log_action(actor=user, action="reviews.expert.linked", obj=expert, before=before, after=snapshot(expert, AUDITED),
               area_path=expert.area.path)


PROFILE_FIELDS = ["domains", "affiliations", "available", "max_load", "note"]


@transaction.atomic
def expert_profile_update(*, actor, expert: Expert, version: int, **fields) -> Expert:
    """An expert keeps their own profile: domains, standing conflicts (affiliations), availability, load, note."""
    expert = Expert.objects.select_for_update(of=("self",)).select_related("area").get(pk=expert.pk)
    if expert.user_id != actor.pk:
        raise PermissionDenied
    if set(fields) - set(PROFILE_FIELDS):  # the pool's officers keep the rest
        raise PermissionDenied
    before = snapshot(expert, AUDITED)
    many = _apply(expert, fields)
    return _save_edit(actor, expert, version, many, before, "reviews.expert.profile_updated")
