"""Supervision (社工督导): a supervisor logs a visit to a project with observations, photos and issues;
each issue's follow-up stays open until the organization says how it dealt with it and a supervisor
accepts that, or sends it back with a note."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yichuang.core.audit import log_action
from yichuang.delivery.models import FollowUpStatus, Severity, SupervisionVisit, VisitIssue, VisitPhoto
from yichuang.delivery.permissions import is_supervisor
from yichuang.delivery.services import encode_photos, require_open, save_photos
from yichuang.projects.models import Project
from yichuang.projects.permissions import is_grantee


@dataclass
class IssueData:
    description: str
    severity: str
    follow_up: str
    due_on: datetime.date | None = None


def _area(project: Project) -> str:
    return project.program.area.path


@transaction.atomic
def visit_record(*, actor, project: Project, visited_on: datetime.date, observations: str, issues: list[IssueData],
                 photo_uploads=()) -> SupervisionVisit:
    if not is_supervisor(actor, project):
        raise PermissionDenied
    require_open(project)
    errors = {}
    if visited_on > timezone.localdate():
        errors["visited_on"] = _("A visit cannot be recorded before it happens: choose a date up to today.")
    if not observations.strip():
        errors["observations"] = _("Write what you observed.")
    for issue in issues:
        if issue.severity not in Severity.values or not issue.description.strip() or not issue.follow_up.strip():
            errors["issues"] = _("Each issue needs a description, a severity and the follow-up required.")
        elif issue.due_on and issue.due_on < visited_on:
            errors["issues"] = _("A follow-up cannot be due before the visit.")
    if errors:
        raise ValidationError(errors)
    encoded = encode_photos(photo_uploads, already=0)
    visit = SupervisionVisit.objects.create(project=project, visited_on=visited_on, supervisor=actor,
                                            observations=observations.strip())
    VisitIssue.objects.bulk_create([
        VisitIssue(visit=visit, description=i.description.strip(), severity=i.severity, follow_up=i.follow_up.strip(),
                   due_on=i.due_on) for i in issues])
    save_photos(actor, encoded, model=VisitPhoto, visit=visit)
    log_action(actor=actor, action="delivery.visit.recorded", obj=visit,
               after={"visited_on": visited_on.isoformat(), "issues": len(issues), "photos": len(encoded)},
               area_path=_area(project))
    return visit


def _locked(issue: VisitIssue) -> VisitIssue:
    return VisitIssue.objects.select_for_update(of=("self",)).select_related("visit__project__program__area").get(pk=issue.pk)


@transaction.atomic
def follow_up_done(*, actor, issue: VisitIssue, response: str) -> VisitIssue:
    """The organization says how it dealt with the issue; a supervisor then accepts or sends it back."""
    issue = _locked(issue)
    if not is_grantee(actor, issue.visit.project):
        raise PermissionDenied
    if issue.status != FollowUpStatus.OPEN:
        raise ValidationError(_("This follow-up is not open."))
    if not response.strip():
        raise ValidationError({"response": _("Say what was done.")})
    issue.status, issue.response = FollowUpStatus.DONE, response.strip()
    issue.responded_by, issue.responded_at = actor, timezone.now()
    issue.save()
    log_action(actor=actor, action="delivery.follow_up.done", obj=issue.visit, after={"issue": issue.pk},
               reason=issue.response, area_path=_area(issue.visit.project))
    return issue


@transaction.atomic
def follow_up_review(*, actor, issue: VisitIssue, accept: bool, note: str = "") -> VisitIssue:
    issue = _locked(issue)
    if not is_supervisor(actor, issue.visit.project):
        raise PermissionDenied
    if issue.status != FollowUpStatus.DONE:
        raise ValidationError(_("Only a follow-up the organization has dealt with can be accepted or sent back."))
    if not accept and not note.strip():
        raise ValidationError({"note": _("Say what is still missing.")})
    issue.status = FollowUpStatus.ACCEPTED if accept else FollowUpStatus.OPEN
    issue.reviewed_by, issue.reviewed_at, issue.review_note = actor, timezone.now(), note.strip()
    issue.save()
    log_action(actor=actor, action="delivery.follow_up.accepted" if accept else "delivery.follow_up.returned",
               obj=issue.visit, after={"issue": issue.pk, "status": issue.status}, reason=issue.review_note,
               area_path=_area(issue.visit.project))
    return issue
