"""Report pages: ask for a report, watch its progress (htmx polls until it is ready), download it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from yichuang.core.forms import run_step
from yichuang.core.uploads import download
from yichuang.reports import services
from yichuang.reports.models import JobStatus, ReportJob
from yichuang.reports.permissions import access_job
from yichuang.reviews.permissions import access_readable_program


@login_required
@require_POST
def report_request(request, program_pk: int):
    program = access_readable_program(request.user, program_pk)
    jobs = []
    run_step(request, lambda: jobs.append(services.report_request(actor=request.user, program=program,
                                                                  kind=request.POST.get("kind", ""))))
    return redirect("reports:job", pk=jobs[0].pk) if jobs else redirect("reports:program", program_pk=program.pk)


@login_required
def program_reports(request, program_pk: int):
    program = access_readable_program(request.user, program_pk)
    from yichuang.reports.models import ReportKind

    return render(request, "reports/program.html", {
        "program": program, "kinds": ReportKind.choices,
        "jobs": ReportJob.objects.filter(program=program, requested_by=request.user)[:20]})


@login_required
def job_detail(request, pk: int):
    job = access_job(request.user, pk)
    template = "reports/_job.html" if request.headers.get("HX-Request") else "reports/job.html"
    return render(request, template, {"job": job, "finished": job.status in (JobStatus.DONE, JobStatus.FAILED)})


@login_required
def job_download(request, pk: int):
    job = access_job(request.user, pk)
    if job.status != JobStatus.DONE:
        return redirect("reports:job", pk=job.pk)
    return download(job.file, job.filename)
