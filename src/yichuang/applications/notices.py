"""Public notices (公示): a time-boxed public list; objections must be answered before it is final.

The rules an auditor checks first: the period never starts before publication and lasts at least the
program's minimum of working days; a notice lists only applications whose state fits its kind, each
in one live notice of that kind; a draft can be edited or deleted, a published notice only withdrawn
with a reason, which stays on its page.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yichuang.applications.engine import application_step, step_for
from yichuang.applications.models import Application, NoticeItem, NoticeKind, Objection, PublicNotice
from yichuang.core.audit import log_action
from yichuang.core.calendar import earliest_end
from yichuang.core.timefmt import local_minute
from yichuang.programs import permissions as program_permissions
from yichuang.programs.models import Purpose
from yichuang.programs.queries import notice_candidate_states, publishable_states


def _require_officer(actor, program) -> None:
    if not program_permissions.can_manage_program(actor, program):
        raise PermissionDenied


# A draft planned for "now" is a few seconds old when saved; publishing moves its start to the moment
# of publication anyway, so a published notice never starts before it was published.
PLANNING_SLACK = timezone.timedelta(minutes=5)


def _check_period(program, opens_at, closes_at, *, now) -> None:
    if opens_at < now - PLANNING_SLACK:
        raise ValidationError({"opens_at": _("The notice period cannot start in the past: it starts at publication at the earliest.")})
    minimum = earliest_end(opens_at, program.notice_min_working_days)
    if closes_at < minimum:
        raise ValidationError({"closes_at": _(
            "A public notice of this program lasts at least %(days)s working days: starting %(start)s, it can end "
            "on %(end)s at the earliest."
        ) % {"days": program.notice_min_working_days, "start": local_minute(opens_at), "end": local_minute(minimum)}})


def _check_applications(program, kind: str, chosen: list[Application], *, exclude=None) -> list[Application]:
    """The chosen applications as they are now (in the order given), if a notice of ``kind`` may list them."""
    if not chosen:
        raise ValidationError({"applications": _("Choose the applications to publish.")})
    current = Application.objects.select_related("state").in_bulk([a.pk for a in chosen])
    applications = [current[a.pk] for a in chosen]
    if any(a.program_id != program.pk for a in applications):
        raise PermissionDenied
    fitting = notice_candidate_states(program, kind)
    unfit = [a for a in applications if a.state_id not in fitting]
    if unfit:
        raise ValidationError({"applications": [
            _("%(number)s is “%(state)s”: a notice of this kind cannot list it.")
            % {"number": a.number, "state": a.state.staff_label} for a in unfit
        ]})
    blocking = NoticeItem.objects.filter(
        application__in=applications, notice__kind=kind, notice__finalized_at=None, notice__withdrawn_at=None
    ).exclude(notice=exclude).select_related("notice", "application")
    if blocking:
        raise ValidationError({"applications": [
            _("%(number)s is already listed in the notice “%(notice)s”.")
            % {"number": item.application.number, "notice": item.notice.title} for item in blocking
        ]})
    return applications


def _set_items(notice: PublicNotice, applications: list[Application]) -> None:
    notice.items.all().delete()
    NoticeItem.objects.bulk_create([
        NoticeItem(notice=notice, application=a, position=i, amount=a.grant_requested) for i, a in enumerate(applications)
    ])


@transaction.atomic
def notice_create(
    *, actor, program, kind: str, title: str, body: str, opens_at, closes_at, applications: list[Application],
    is_sample: bool = False,
) -> PublicNotice:
    _require_officer(actor, program)
    _check_period(program, opens_at, closes_at, now=timezone.now())
    applications = _check_applications(program, kind, applications)
    notice = PublicNotice.objects.create(
        program=program, kind=kind, title=title, body=body, opens_at=opens_at, closes_at=closes_at,
        created_by=actor, is_sample=is_sample,
    )
    _set_items(notice, applications)
    log_action(
        actor=actor, action="applications.notice.created", obj=notice,
        after={"kind": kind, "applications": [a.number for a in applications]}, area_path=program.area.path,
    )
    return notice


def _locked_draft(notice: PublicNotice, actor) -> PublicNotice:
    notice = PublicNotice.objects.select_for_update(of=("self",)).select_related("program__area").get(pk=notice.pk)
    _require_officer(actor, notice.program)
    if notice.published_at is not None:
        raise ValidationError(_("This notice is published: it can no longer be changed, only withdrawn with a reason."))
    return notice


@transaction.atomic
def notice_update(
    *, actor, notice: PublicNotice, title: str, body: str, opens_at, closes_at, applications: list[Application],
) -> PublicNotice:
    notice = _locked_draft(notice, actor)
    applications = _check_applications(notice.program, notice.kind, applications, exclude=notice)
    _check_period(notice.program, opens_at, closes_at, now=timezone.now())
    before = {"title": notice.title, "opens_at": notice.opens_at.isoformat(), "closes_at": notice.closes_at.isoformat(),
              "applications": list(notice.items.values_list("application__number", flat=True))}
    notice.title, notice.body, notice.opens_at, notice.closes_at = title, body, opens_at, closes_at
    notice.save(update_fields=["title", "body", "opens_at", "closes_at"])
    _set_items(notice, applications)
    log_action(
        actor=actor, action="applications.notice.updated", obj=notice, before=before,
        after={"title": title, "opens_at": opens_at.isoformat(), "closes_at": closes_at.isoformat(),
               "applications": [a.number for a in applications]},
        area_path=notice.program.area.path,
    )
    return notice


@transaction.atomic
def notice_delete(*, actor, notice: PublicNotice) -> None:
    notice = _locked_draft(notice, actor)
    log_action(
        actor=actor, action="applications.notice.deleted", obj=notice.program,
        before={"notice": notice.pk, "title": notice.title}, area_path=notice.program.area.path,
    )
    notice.delete()


@transaction.atomic
def notice_publish(*, actor, notice: PublicNotice) -> PublicNotice:
    """Publish. A period planned to start earlier starts now; it must still last the minimum.
    A funding-decision notice also moves its applications into the notice state."""
    notice = PublicNotice.objects.select_for_update(of=("self",)).select_related("program__area").get(pk=notice.pk)
    _require_officer(actor, notice.program)
    if notice.published_at is not None:
        raise ValidationError(_("This notice is already published."))
    now = timezone.now()
    notice.opens_at = max(notice.opens_at, now)
    minimum = earliest_end(notice.opens_at, notice.program.notice_min_working_days)
    if notice.closes_at < minimum:
        raise ValidationError(_(
            "Published now, the notice would end before its minimum of %(days)s working days. Change its end to "
            "%(end)s or later, then publish."
        ) % {"days": notice.program.notice_min_working_days, "end": local_minute(minimum)})
    notice.published_at = now
    notice.save(update_fields=["published_at", "opens_at"])
    if notice.kind == NoticeKind.FINAL:
        publishable = publishable_states(notice.program)
        for item in notice.items.select_related("application"):
            if item.application.state_id in publishable:
                application_step(actor=actor, application=item.application, purpose=Purpose.PUBLISH_NOTICE)
    log_action(
        actor=actor, action="applications.notice.published", obj=notice,
        after={"opens_at": notice.opens_at.isoformat(), "closes_at": notice.closes_at.isoformat()},
        area_path=notice.program.area.path,
    )
    return notice


@transaction.atomic
def notice_withdraw(*, actor, notice: PublicNotice, reason: str) -> PublicNotice:
    """Take a published notice back. It stays on the public site, marked withdrawn with the reason;
    its applications can be listed again in a new notice."""
    notice = PublicNotice.objects.select_for_update(of=("self",)).select_related("program__area").get(pk=notice.pk)
    _require_officer(actor, notice.program)
    if notice.published_at is None:
        raise ValidationError(_("A draft notice is not withdrawn: delete it."))
    if not notice.is_live:
        raise ValidationError(_("This notice is already final or withdrawn."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the notice is withdrawn; the reason is shown on its public page.")})
    notice.withdrawn_at, notice.withdrawn_by, notice.withdrawn_reason = timezone.now(), actor, reason.strip()
    notice.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawn_reason"])
    log_action(
        actor=actor, action="applications.notice.withdrawn", obj=notice, reason=notice.withdrawn_reason,
        area_path=notice.program.area.path,
    )
    return notice


@transaction.atomic
def objection_file(*, notice: PublicNotice, item: NoticeItem | None, name: str, contact: str, text: str,
                   address: str = "") -> Objection:
    """Anyone may object while the notice is open; nothing else about them is stored. From one address
    at most ``OBJECTIONS_PER_ADDRESS_PER_HOUR`` objections to a notice an hour (the address is counted,
    never stored with the objection)."""
    if not notice.is_open():
        raise ValidationError(_("Objections can only be filed while the notice is open."))
    if not _objection_allowed(notice, address):
        raise ValidationError(_("Many objections to this notice came from your network in the last hour. Please "
                                "try again later, or write to the program office."), code="objection_limit")
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
    objection = Objection.objects.select_for_update(of=("self",)).select_related("notice__program__area").get(pk=objection.pk)
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


def _objection_allowed(notice: PublicNotice, address: str) -> bool:
    from django.conf import settings

    from yichuang.accounts import throttle

    return throttle.count(f"objections:{notice.pk}:{address}", 3600) <= settings.OBJECTIONS_PER_ADDRESS_PER_HOUR


@transaction.atomic
def objection_close(*, actor, objection: Objection, reason: str) -> Objection:
    """Close an abusive objection with a reason instead of answering it (audited; the text no longer
    appears on the public page, the count of objections does)."""
    objection = Objection.objects.select_for_update(of=("self",)).select_related("notice__program__area").get(pk=objection.pk)
    _require_officer(actor, objection.notice.program)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why this objection is closed without an answer.")})
    if objection.answered_at or objection.closed_at:
        raise ValidationError(_("This objection is already answered or closed."))
    objection.closed_at, objection.closed_by, objection.close_reason = timezone.now(), actor, reason.strip()[:300]
    objection.save(update_fields=["closed_at", "closed_by", "close_reason"])
    log_action(actor=actor, action="applications.objection.closed", obj=objection.notice, reason=objection.close_reason,
               after={"objection": objection.pk}, area_path=objection.notice.program.area.path)
    return objection


def _other_open_notices(notice: PublicNotice, now) -> list[str]:
    """Messages naming each other published notice whose period still holds one of this notice's applications."""
    others = NoticeItem.objects.filter(
        application__in=notice.items.values("application"), notice__published_at__isnull=False,
        notice__withdrawn_at=None, notice__closes_at__gt=now,
    ).exclude(notice=notice).select_related("notice", "application")
    return [
        _("%(number)s is also in the notice “%(notice)s”, whose period ends on %(end)s.")
        % {"number": item.application.number, "notice": item.notice.title, "end": local_minute(item.notice.closes_at)}
        for item in others
    ]


@transaction.atomic
def notice_finalize(*, actor, notice: PublicNotice) -> PublicNotice:
    """Close the notice. Only after its period ended with every objection answered; a funding
    notice then approves its applications through the workflow (whose guards check the same)."""
    notice = PublicNotice.objects.select_for_update(of=("self",)).select_related("program__area").get(pk=notice.pk)
    _require_officer(actor, notice.program)
    if notice.published_at is None or not notice.is_live:
        raise ValidationError(_("Only a published notice that is not final yet can be made final."))
    now = timezone.now()
    if now < notice.closes_at:
        raise ValidationError(
            _("The notice period ends on %(end)s; the decision can be final only after that.") % {"end": local_minute(notice.closes_at)}
        )
    if notice.objections.filter(answered_at=None, closed_at=None).exists():
        raise ValidationError(_("Every objection must be answered before the decision is final."))
    blockers = _other_open_notices(notice, now) if notice.kind == NoticeKind.FINAL else []
    if blockers:
        raise ValidationError(blockers)
    notice.finalized_at = now
    notice.save(update_fields=["finalized_at"])
    if notice.kind == NoticeKind.FINAL:
        # A project declined after an upheld objection has already left the notice state: only the rest are approved.
        for item in notice.items.select_related("application"):
            if step_for(item.application, Purpose.APPROVE) is not None:
                application_step(actor=actor, application=item.application, purpose=Purpose.APPROVE)
    log_action(actor=actor, action="applications.notice.finalized", obj=notice, area_path=notice.program.area.path)
    return notice
