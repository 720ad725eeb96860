"""Guard codes a workflow may use, each a question about the application right now."""

from __future__ import annotations

from django.utils import timezone

from yichuang.applications.models import Application


def evaluate(code: str, application: Application) -> bool:
    return GUARDS[code](application)


def _before_deadline(application: Application) -> bool:
    return timezone.now() < application.program.applications_close_at


def _document_complete(application: Application) -> bool:
    from yichuang.applications.documents import submission_problems

    return not submission_problems(application)


def _notice_period_over(application: Application) -> bool:
    now = timezone.now()
    notices = [item.notice for item in application.notice_items.select_related("notice")
               if item.notice.published_at and item.notice.withdrawn_at is None]
    return bool(notices) and all(notice.closes_at <= now for notice in notices)


def _objections_answered(application: Application) -> bool:
    from yichuang.applications.models import Objection

    return not Objection.objects.filter(notice__items__application=application, answered_at=None,
                                        closed_at=None).exists()


GUARDS = {
    "before_deadline": _before_deadline,
    "document_complete": _document_complete,
    "notice_period_over": _notice_period_over,
    "objections_answered": _objections_answered,
}
