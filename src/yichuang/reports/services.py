"""Asking for a report: a job, audited, whose task starts after the request's transaction commits."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from yichuang.core.audit import log_action
from yichuang.programs.permissions import staff_programs
from yichuang.reports.models import JobStatus, ReportJob, ReportKind


@transaction.atomic
def report_request(*, actor, program, kind: str) -> ReportJob:
    if not staff_programs(actor).filter(pk=program.pk).exists():
        raise PermissionDenied
    if kind not in ReportKind.values:
        raise ValidationError(_("Choose a report."))
    running = ReportJob.objects.filter(program=program, kind=kind, requested_by=actor,
                                       status__in=(JobStatus.QUEUED, JobStatus.RUNNING)).first()
    if running is not None:
        return running  # asking twice while it is being made gives the same job
    job = ReportJob.objects.create(program=program, kind=kind, requested_by=actor)
    log_action(actor=actor, action="reports.report.requested", obj=job, after={"kind": kind},
               area_path=program.area.path)
    from yichuang.reports.tasks import build_report

    transaction.on_commit(lambda: build_report.enqueue(job.pk))
    return job
