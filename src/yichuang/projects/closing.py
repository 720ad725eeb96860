"""Closing a project (结项): once its money is settled, an officer closes it (the delivery app does this
when it accepts the project's final report); a closed project's records no longer change."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from yichuang.core.audit import log_action
from yichuang.projects import permissions
from yichuang.projects.models import Project, ProjectStatus, TrancheStatus

SETTLED = (TrancheStatus.PAID, TrancheStatus.CANCELLED)


def unsettled_tranche(project: Project):
    """The first tranche neither paid nor cancelled, or None."""
    return project.tranches.exclude(status__in=SETTLED).order_by("position").first()


@transaction.atomic
def project_close(*, actor, project: Project, reason: str) -> Project:
    project = Project.objects.select_for_update(of=("self",)).select_related("program__area").get(pk=project.pk)
    if not permissions.is_officer(actor, project):
        raise PermissionDenied
    if project.status == ProjectStatus.CLOSED:
        raise ValidationError(_("This project is already closed."))
    tranche = unsettled_tranche(project)
    if tranche is not None:
        raise ValidationError(_("Tranche %(n)s is still “%(status)s”: pay or cancel it before closing the project.")
                              % {"n": tranche.position + 1, "status": tranche.get_status_display()})
    before = project.status
    project.status = ProjectStatus.CLOSED
    project.save(update_fields=["status"])
    log_action(actor=actor, action="projects.project.closed", obj=project, before={"status": before},
               after={"status": project.status}, reason=reason, area_path=project.program.area.path)
    return project
