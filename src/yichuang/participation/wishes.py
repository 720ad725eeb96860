"""Micro-wishes (微心愿): posted by a community worker for a resident, checked by a second person,
published without the resident's name, adopted by one donor or volunteer, fulfilled with proof and
confirmed by the community.

Adoption is decided by the database: the wish changes from "published" to "adopted" in one
conditional update, so of two people adopting at once exactly one succeeds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from yichuang.core.audit import log_action
from yichuang.core.uploads import check_upload, extension
from yichuang.delivery.photos import reencode
from yichuang.kernel.money import Money
from yichuang.kernel.personal import personal_data
from yichuang.notifications.messenger import Message, notify
from yichuang.participation import permissions
from yichuang.participation.models import MicroWish

PROOF_TYPES = ("jpg", "jpeg", "png", "pdf")
PROOF_MAX_MB = 10
MAX_VALUE = Money.from_yuan(2000)  # a micro-wish is small; larger needs are projects or aid
PUBLIC_FIELDS = ("title", "story")


@dataclass
class WishText:
    area: object
    wish_for: str
    title: str
    story: str
    value: Money
    deadline: dt.date
    beneficiary_name: str
    beneficiary_note: str = ""
    beneficiary_user: object = None


def _personal_data_problems(text: WishText) -> dict[str, str]:
    """For each public field that gives the resident away, what to remove."""
    kinds = {
        "phone": _("a telephone number"), "id_number": _("an ID-like number"),
        "address": _("a door number"), "name": _("the resident's name"),
    }
    problems = {}
    for field in PUBLIC_FIELDS:
        found = [f"{kinds[f.kind]} (“{f.text}”)" for f in personal_data(getattr(text, field),
                                                                          names=(text.beneficiary_name,))]
        if found:
            problems[field] = _("The public text must not identify the resident; remove %(found)s. Keep names, "
                                "phone numbers, ID numbers and addresses in the private fields.") % {
                "found": "、".join(dict.fromkeys(found))}
    return problems


def _clean(text: WishText) -> WishText:
    text.title, text.story = text.title.strip(), text.story.strip()
    text.beneficiary_name, text.beneficiary_note = text.beneficiary_name.strip(), text.beneficiary_note.strip()
    errors = {}
    if not text.title:
        errors["title"] = _("Say what the wish is.")
    if not text.story:
        errors["story"] = _("Say a few words about the wish: what is needed and why.")
    if not text.beneficiary_name:
        errors["beneficiary_name"] = _("Give the resident's name (it is never published).")
    if not Money(1) <= text.value <= MAX_VALUE:
        errors["value"] = _("A micro-wish is worth more than ¥0 and at most %(limit)s; larger needs belong in a "
                            "project.") % {"limit": MAX_VALUE.format()}
    if text.deadline <= timezone.localdate():
        errors["deadline"] = _("The date must be in the future.")
    if errors:
        raise ValidationError(errors)
    problems = _personal_data_problems(text)
    if problems:
        raise ValidationError(problems)
    return text


def _keeper(actor, area) -> None:
    if not permissions.keeps_area(actor, area):
        raise PermissionDenied


@transaction.atomic
def wish_post(*, actor, text: WishText, from_action=None, is_sample: bool = False) -> MicroWish:
    """A community worker posts a wish for a resident; it waits for a second person's check. Posted from
    a meeting's action item (``from_action``), the action links to it."""
    _keeper(actor, text.area)
    if from_action is not None and not permissions.keeps_area(actor, from_action.meeting.area):
        raise PermissionDenied
    _clean(text)
    wish = MicroWish.objects.create(
        area=text.area, wish_for=text.wish_for, title=text.title, story=text.story, value=text.value,
        deadline=text.deadline, beneficiary_name=text.beneficiary_name, beneficiary_note=text.beneficiary_note,
        beneficiary_user=text.beneficiary_user, posted_by=actor, is_sample=is_sample)
    log_action(actor=actor, action="participation.wish.posted", obj=wish, area_path=text.area.path,
               after={"title": wish.title, "value": wish.value.fen})
    if from_action is not None:
        type(from_action).objects.filter(pk=from_action.pk).update(wish=wish)
    return wish


def _locked(wish: MicroWish, *statuses) -> MicroWish:
    locked = MicroWish.objects.select_for_update(of=("self",)).select_related("area").get(pk=wish.pk)
    if statuses and locked.status not in statuses:
        raise ValidationError(_("This wish has changed in the meantime (it is now “%(status)s”); reload the page.")
                              % {"status": locked.get_status_display()})
    return locked


@transaction.atomic
def wish_edit(*, actor, wish: MicroWish, text: WishText) -> MicroWish:
    """The poster changes a wish that was returned (or is still waiting); it goes back to the check."""
    wish = _locked(wish, MicroWish.Status.CHECKING, MicroWish.Status.RETURNED)
    _keeper(actor, wish.area)
    if wish.posted_by_id != actor.pk:
        # The checker may only publish or return: a text the checker wrote would reach the public
        # without a second reader.
        raise PermissionDenied
    text.area = wish.area
    _clean(text)
    before = {"title": wish.title, "story": wish.story, "value": wish.value.fen}
    for field in ("wish_for", "title", "story", "value", "deadline", "beneficiary_name", "beneficiary_note",
                  "beneficiary_user"):
        setattr(wish, field, getattr(text, field))
    wish.status = MicroWish.Status.CHECKING
    wish.save()
    log_action(actor=actor, action="participation.wish.edited", obj=wish, area_path=wish.area.path, before=before,
               after={"title": wish.title, "story": wish.story, "value": wish.value.fen})
    return wish


@transaction.atomic
def wish_check(*, actor, wish: MicroWish, approve: bool, note: str = "") -> MicroWish:
    """A second keeper reads the wish: published, or returned to the poster with a note."""
    wish = _locked(wish, MicroWish.Status.CHECKING)
    _keeper(actor, wish.area)
    if wish.posted_by_id == actor.pk:
        raise ValidationError(_("Another person checks a wish before it is published, not the one who posted it."))
    note = note.strip()
    if not approve and not note:
        raise ValidationError({"note": _("Say what should change.")})
    if approve:
        problems = _personal_data_problems(WishText(wish.area, wish.wish_for, wish.title, wish.story, wish.value,
                                                    wish.deadline, wish.beneficiary_name))
        if problems:
            raise ValidationError(list(problems.values()))
    wish.status = MicroWish.Status.PUBLISHED if approve else MicroWish.Status.RETURNED
    wish.checked_by, wish.checked_at, wish.check_note = actor, timezone.now(), note[:300]
    wish.save(update_fields=["status", "checked_by", "checked_at", "check_note"])
    log_action(actor=actor, action="participation.wish.checked", obj=wish, area_path=wish.area.path, reason=note,
               after={"published": approve})
    if not approve:
        title = wish.title
        notify([wish.posted_by], lambda user: Message(
            "participation.wish_returned", _("A wish came back for changes: %(title)s") % {"title": title}, note,
            reverse("participation:wish", args=[wish.pk])), kind="participation.wish_returned")
    return wish


@transaction.atomic
def wish_adopt(*, actor, wish: MicroWish, show_name: bool = False) -> MicroWish:
    """Adopt a published wish. One adopter at a time: the database decides between two at once."""
    if not permissions.may_adopt(actor):
        raise PermissionDenied
    if wish.deadline < timezone.localdate():
        raise ValidationError(_("This wish was wanted by %(day)s and can no longer be adopted.")
                              % {"day": wish.deadline.isoformat()})
    won = MicroWish.objects.filter(pk=wish.pk, status=MicroWish.Status.PUBLISHED).update(
        status=MicroWish.Status.ADOPTED, adopter=actor, adopter_public=show_name, adopted_at=timezone.now())
    if not won:
        raise ValidationError(_("Someone else has just adopted this wish. Thank you — there are others waiting."))
    wish.refresh_from_db()
    log_action(actor=actor, action="participation.wish.adopted", obj=wish, area_path=wish.area.path,
               after={"show_name": show_name})
    keepers_url = reverse("participation:wish", args=[wish.pk])
    notify([wish.posted_by], lambda user: Message(
        "participation.wish_adopted", _("A wish was adopted: %(title)s") % {"title": wish.title},
        _("Help the adopter fulfil it; confirm when it has come true."), keepers_url), kind="participation.wish_adopted")
    return wish


@transaction.atomic
def wish_adopt_for(*, actor, wish: MicroWish, sponsor: str) -> MicroWish:
    """A keeper of the wish's community adopts it for a sponsor that pays for it (a community charity
    fund's grant): the sponsor's name is shown, the keeper fulfils it like any adopter."""
    if not permissions.keeps(actor, wish):
        raise PermissionDenied
    won = MicroWish.objects.filter(pk=wish.pk, status=MicroWish.Status.PUBLISHED).update(
        status=MicroWish.Status.ADOPTED, adopter=actor, adopter_public=False, sponsor=sponsor[:120],
        adopted_at=timezone.now())
    if not won:
        raise ValidationError(_("This wish is no longer waiting to be adopted."))
    wish.refresh_from_db()
    log_action(actor=actor, action="participation.wish.adopted", obj=wish, area_path=wish.area.path,
               after={"sponsor": sponsor})
    return wish


@transaction.atomic
def wish_release(*, actor, wish: MicroWish, reason: str = "") -> MicroWish:
    """The adopter gives the wish up, or a keeper releases it (with a reason); others may adopt it again."""
    wish = _locked(wish, MicroWish.Status.ADOPTED)
    if wish.sponsor:
        raise ValidationError(_("%(sponsor)s has paid for this wish: it is fulfilled, not released.")
                              % {"sponsor": wish.sponsor})
    is_adopter = wish.adopter_id == actor.pk
    if not is_adopter:
        _keeper(actor, wish.area)
        if not reason.strip():
            raise ValidationError({"reason": _("Say why the adoption is released (the adopter is told).")})
    adopter = wish.adopter
    wish.status, wish.adopter, wish.adopter_public, wish.adopted_at = MicroWish.Status.PUBLISHED, None, False, None
    wish.save(update_fields=["status", "adopter", "adopter_public", "adopted_at"])
    log_action(actor=actor, action="participation.wish.released", obj=wish, area_path=wish.area.path,
               reason=reason.strip(), before={"adopter": adopter.pk})
    if not is_adopter:
        notify([adopter], lambda user: Message(
            "participation.wish_released", _("Your adoption was released: %(title)s") % {"title": wish.title},
            reason.strip(), reverse("participation:wish", args=[wish.pk])), kind="participation.wish_released")
    return wish


@transaction.atomic
def wish_fulfil(*, actor, wish: MicroWish, proof, note: str) -> MicroWish:
    """The adopter reports the wish fulfilled, with a photo or a receipt as proof."""
    wish = _locked(wish, MicroWish.Status.ADOPTED)
    if wish.adopter_id != actor.pk:
        raise PermissionDenied
    check_upload(proof, allowed=PROOF_TYPES, max_mb=PROOF_MAX_MB, field="proof")
    if not note.strip():
        raise ValidationError({"note": _("Say how the wish was fulfilled (for example, delivered on Saturday).")})
    name = proof.name
    if extension(name) != "pdf":
        proof, _width, _height = reencode(proof, field="proof")  # a photo without its location or metadata
        name = name.rsplit(".", 1)[0] + ".jpg"
    wish.proof.save(name, proof, save=False)
    wish.proof_name, wish.proof_note, wish.fulfilled_at = name[:200], note.strip()[:300], timezone.now()
    wish.status = MicroWish.Status.FULFILLED
    wish.save(update_fields=["proof", "proof_name", "proof_note", "fulfilled_at", "status"])
    log_action(actor=actor, action="participation.wish.fulfilled", obj=wish, area_path=wish.area.path,
               after={"note": wish.proof_note})
    notify([wish.posted_by], lambda user: Message(
        "participation.wish_fulfilled", _("A wish was fulfilled: %(title)s") % {"title": wish.title},
        _("Look at the proof and confirm that it came true."), reverse("participation:wish", args=[wish.pk])),
        kind="participation.wish_fulfilled")
    return wish


@transaction.atomic
def wish_confirm(*, actor, wish: MicroWish, accept: bool, note: str = "") -> MicroWish:
    """A keeper confirms the wish came true (it closes), or sends it back to the adopter with a note."""
    wish = _locked(wish, MicroWish.Status.FULFILLED)
    _keeper(actor, wish.area)
    note = note.strip()
    if not accept and not note:
        raise ValidationError({"note": _("Say what is missing (the adopter is told).")})
    wish.status = MicroWish.Status.CLOSED if accept else MicroWish.Status.ADOPTED
    wish.confirmed_by, wish.confirmed_at = (actor, timezone.now()) if accept else (None, None)
    wish.save(update_fields=["status", "confirmed_by", "confirmed_at"])
    log_action(actor=actor, action="participation.wish.confirmed", obj=wish, area_path=wish.area.path, reason=note,
               after={"came_true": accept})
    title = wish.title
    notify([wish.adopter], lambda user: Message(
        "participation.wish_confirmed",
        (_("Thank you: the wish came true — %(title)s") if accept else _("A wish needs more: %(title)s"))
        % {"title": title}, note, reverse("participation:wish", args=[wish.pk])), kind="participation.wish_confirmed")
    return wish


@transaction.atomic
def wish_withdraw(*, actor, wish: MicroWish, reason: str) -> MicroWish:
    """A keeper withdraws a wish nobody has adopted yet (the resident moved, the need was met)."""
    wish = _locked(wish, MicroWish.Status.CHECKING, MicroWish.Status.RETURNED, MicroWish.Status.PUBLISHED)
    _keeper(actor, wish.area)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the wish is withdrawn.")})
    wish.status = MicroWish.Status.WITHDRAWN
    wish.save(update_fields=["status"])
    log_action(actor=actor, action="participation.wish.withdrawn", obj=wish, area_path=wish.area.path,
               reason=reason.strip())
    return wish
