"""Who may see a report job: only the person who asked for it (anyone else gets 404, as for a missing one).
Asking for a report is for the program's staff (checked by the service)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from yichuang.reports.models import ReportJob


def access_job(user, pk) -> ReportJob:
    return get_object_or_404(ReportJob.objects.select_related("program"), pk=pk, requested_by=user)
