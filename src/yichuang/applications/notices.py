"""Public notices (公示): a time-boxed public list; objections must be answered before it is final."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yichuang.applications.engine import application_transition
from yichuang.applications.models import Application, NoticeItem, NoticeKind, Objection, PublicNotice
from yichuang.core.audit import log_action
from yichuang.programs import permissions as program_permissions


def _require_officer(actor, program) -> None:
    if not program_permissions.can_manage_program(actor, program):
        raise PermissionDenied


@transaction.atomic
def notice_create(
    *, actor, program, kind: str, title: str, body: str, opens_at, closes_at, applications: list[Application],
    is_sample: bool = False,
) -> PublicNotice:
    _require_officer(actor, program)
    if closes_at <= opens_at:
        raise ValidationError({"closes_at": _("The notice period must end after it starts.")})
    if not applications:
        raise ValidationError({"applications": _("Choose the applications to publish.")})
    if any(a.program_id != program.pk for a in applications):
        raise PermissionDenied
    if any(a.submitted_at is None for a in applications):
        raise ValidationError({"applications": _("Only submitted applications can be published.")})
    notice = PublicNotice.objects.create(
        program=program, kind=kind, title=title, body=body, opens_at=opens_at, closes_at=closes_at,
        created_by=actor, is_sample=is_sample,
    )
    NoticeItem.objects.bulk_create(
        [
            NoticeItem(notice=notice, application=a, position=i, amount=a.grant_requested)
            for i, a in enumerate(applications)
        ]
    )
    log_action(
        actor=actor, action="applications.notice.created", obj=notice,
        after={"kind": kind, "applications": [a.number for a in applications]}, area_path=program.area.path,
    )
    return notice


@transaction.atomic
def notice_publish(*, actor, notice: PublicNotice) -> PublicNotice:
    """Publish: a funding-decision notice also moves its applications into the notice state."""
    notice = PublicNotice.objects.select_for_update().get(pk=notice.pk)
    _require_officer(actor, notice.program)
    if notice.published_at is not None:
        raise ValidationError(_("This notice is already published."))
    notice.published_at = timezone.now()
    notice.save(update_fields=["published_at"])
    if notice.kind == NoticeKind.FINAL:
        for item in notice.items.select_related("application"):
            application_transition(actor=actor, application=item.application, code="publish")
    log_action(actor=actor, action="applications.notice.published", obj=notice, area_path=notice.program.area.path)
    return notice


@transaction.atomic
def objection_file(*, notice: PublicNotice, item: NoticeItem | None, name: str, contact: str, text: str) -> Objection:
    """Anyone may object while the notice is open; nothing else about them is stored."""
    if not notice.is_open():
        raise ValidationError(_("Objections can only be filed while the notice is open."))
    if item is not None and item.notice_id != notice.pk:
        raise ValidationError(_("Choose a project from this notice."))
    objection = Objection(notice=notice, item=item, name=name.strip(), contact=contact.strip(), text=text.strip())
    objection.full_clean()
    objection.save()
    log_action(
        actor=None, action="applications.objection.filed", obj=notice,
        after={"objection": objection.pk, "item": item.pk if item else None}, area_path=notice.program.area.path,
    )
    return objection


@transaction.atomic
def objection_answer(*, actor, objection: Objection, answer: str) -> Objection:
    objection = Objection.objects.select_for_update().select_related("notice__program__area").get(pk=objection.pk)
    _require_officer(actor, objection.notice.program)
    if not answer.strip():
        raise ValidationError({"answer": _("Write the answer to the objection.")})
    before = {"answer": objection.answer}
    objection.answer = answer.strip()
    objection.answered_by = actor
    objection.answered_at = timezone.now()
    objection.save(update_fields=["answer", "answered_by", "answered_at"])
    log_action(
        actor=actor, action="applications.objection.answered", obj=objection.notice, before=before,
        after={"objection": objection.pk, "answer": objection.answer}, area_path=objection.notice.program.area.path,
    )
    return objection


@transaction.atomic
def notice_finalize(*, actor, notice: PublicNotice) -> PublicNotice:
    """Close the notice. Only after its period ended with every objection answered; a funding
    notice then approves its applications through the workflow (whose guards check the same)."""
    notice = PublicNotice.objects.select_for_update().get(pk=notice.pk)
    _require_officer(actor, notice.program)
    if notice.published_at is None or notice.finalized_at is not None:
        raise ValidationError(_("Only a published notice that is not final yet can be made final."))
    if timezone.now() < notice.closes_at:
        raise ValidationError(
            _("The notice period ends on %(end)s; the decision can be final only after that.")
            % {"end": timezone.localtime(notice.closes_at).strftime("%Y-%m-%d %H:%M")}
        )
    if notice.objections.filter(answered_at=None).exists():
        raise ValidationError(_("Every objection must be answered before the decision is final."))
    notice.finalized_at = timezone.now()
    notice.save(update_fields=["finalized_at"])
    if notice.kind == NoticeKind.FINAL:
        # A project declined after an upheld objection has already left the notice state: only the rest are approved.
        for item in notice.items.select_related("application__state"):
            if item.application.state.code == "public_notice":
                application_transition(actor=actor, application=item.application, code="approve")
    log_action(actor=actor, action="applications.notice.finalized", obj=notice, area_path=notice.program.area.path)
    return notice
