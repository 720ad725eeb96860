"""The background task that makes a report (django-tasks: in-process when embedded, the database
backend and `yichuang db_worker` in production). It records its progress on the job as it goes."""

from __future__ import annotations

import logging

from django.core.files.base import ContentFile
from django.utils import timezone
from django_tasks import task

from yichuang.reports.builders import BUILDERS
from yichuang.reports.models import JobStatus, ReportJob

log = logging.getLogger(__name__)


@task()
def build_report(job_id: int) -> None:
    job = ReportJob.objects.select_related("program").get(pk=job_id)
    if job.status != JobStatus.QUEUED:
        return  # already made (a retried delivery of the same task)

    def step(percent: int) -> None:
        ReportJob.objects.filter(pk=job_id).update(progress=percent)

    ReportJob.objects.filter(pk=job_id).update(status=JobStatus.RUNNING, progress=5)
    try:
        content, filename = BUILDERS[job.kind](job.program, step)
    except Exception as error:  # a report that cannot be made says so on its page instead of spinning forever
        log.exception("report job %s failed", job_id)
        ReportJob.objects.filter(pk=job_id).update(status=JobStatus.FAILED, error=str(error)[:500],
                                                   finished_at=timezone.now())
        return
    job.file.save(filename, ContentFile(content), save=False)
    ReportJob.objects.filter(pk=job_id).update(file=job.file.name, filename=filename, status=JobStatus.DONE,
                                               progress=100, finished_at=timezone.now())
