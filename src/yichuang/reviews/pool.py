"""Writes to the expert pool: create, edit (optimistic locking), link an account. Audited."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from yichuang.core.audit import log_action, snapshot
from yichuang.core.errors import StaleEditError
from yichuang.kernel.chinese import pinyin_sort_key
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
    _check_loads(expert)
    _check_phone_unique(expert)
    if not Expert.objects.filter(pk=expert.pk, version=version).update(version=F("version") + 1):
        raise StaleEditError()
    expert.version = version + 1
    expert.save()
    for name, values in many.items():
        getattr(expert, name).set(values)
    log_action(actor=actor, action="reviews.expert.updated", obj=expert, before=before,
               after=snapshot(expert, AUDITED), area_path=expert.area.path)
    return expert
