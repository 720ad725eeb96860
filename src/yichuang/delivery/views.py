"""Delivery pages: a project's records and indicators, recording an activity (on a phone), an
activity with its photos and history, corrections, the beneficiary list, a program's progress."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yichuang.core.forms import FAILED, run_step, submit
from yichuang.core.paging import paginate
from yichuang.core.uploads import download, inline_image
from yichuang.delivery import exports, permissions, queries, services
from yichuang.delivery.forms import (
    BeneficiaryForm,
    CorrectionForm,
    IndicatorReportForm,
    NewActivityForm,
    PhotoForm,
)
from yichuang.delivery.models import CorrectionStatus
from yichuang.kernel.delivery import COUNTED_KINDS
from yichuang.programs.permissions import can_manage_program
from yichuang.projects.permissions import access_project, is_grantee, is_officer, visible_projects
from yichuang.reviews.permissions import access_readable_program


def _activity_form(form_class, project, data=None, files=None, **kwargs):
    return form_class(data, files, project=project, plan=queries.plan_document(project).get("activities") or [],
                      beneficiaries=project.beneficiaries.all(), **kwargs)


@login_required
def project_delivery(request, pk: int):
    project = access_project(request.user, pk)
    if request.GET.get("export") == "xlsx":
        return exports.activities_xlsx(project, queries.activities(project))
    grantee, officer = is_grantee(request.user, project), is_officer(request.user, project)
    rows = queries.indicators(project)
    context = {
        "project": project, "grantee": grantee, "officer": officer, "indicators": rows, "counted_kinds": COUNTED_KINDS,
        "tally": queries.project_totals(project), "period": queries.project_period(project),
        "may_record": permissions.can_record(request.user, project),
        "pending": list(queries.pending_corrections(project)) if officer or grantee else [],
        "report_forms": {row.position: IndicatorReportForm(initial={"position": row.position, "value": row.achieved})
                         for row in rows if row.kind not in COUNTED_KINDS} if permissions.can_record(request.user, project) else {},
        "beneficiary_count": project.beneficiaries.count(),
        "evaluations": list(project.evaluations.select_related("round").order_by("round__kind")),
        "visits": list(queries.visits(project)), "may_supervise": permissions.is_supervisor(request.user, project),
        **paginate(request, queries.activities(project), per_page=50),
    }
    return render(request, "delivery/project.html", context)


@login_required
def activity_new(request, pk: int):
    project = access_project(request.user, pk)
    if not is_grantee(request.user, project):
        raise PermissionDenied  # the project is visible to the reader: 403, not 404 (docs/decisions.md)
    form = _activity_form(NewActivityForm, project, request.POST or None, request.FILES or None,
                          initial={"beneficiary_group": queries.plan_document(project).get("beneficiary_group", "")})
    if request.method == "POST" and form.is_valid():
        activity = submit(form, lambda: services.activity_record(
            actor=request.user, project=project, data=form.data_object(), photo_uploads=form.cleaned_data["photos"],
            sign_in_sheet=form.cleaned_data.get("sign_in_sheet")))
        if activity is not FAILED:
            messages.success(request, _("Activity %(n)s is recorded.") % {"n": activity.number})
            return redirect("delivery:activity", pk=activity.pk)
    return render(request, "delivery/activity_form.html", {"project": project, "form": form, "new": True,
                                                           "period": queries.project_period(project)})


@login_required
def activity_detail(request, pk: int):
    activity = permissions.access_activity(request.user, pk)
    project = activity.project
    may_record = permissions.can_record(request.user, project)
    return render(request, "delivery/activity.html", {
        "activity": activity, "project": project, "may_record": may_record,
        "officer": permissions.can_decide_correction(request.user, project),
        "attendees": [a.beneficiary for a in activity.attendances.select_related("beneficiary")],
        "photos": list(activity.photos.all()), "photo_form": PhotoForm() if may_record else None,
        "corrections": [_with_changes(c) for c in activity.corrections.select_related("requested_by", "decided_by")],
        "pending": CorrectionStatus.PENDING,
    })


def _with_changes(correction):
    correction.changes = queries.correction_changes(correction)
    return correction


@login_required
@require_POST
def activity_photos(request, pk: int):
    activity = permissions.access_activity(request.user, pk)
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        run_step(request, lambda: services.activity_photos_add(actor=request.user, activity=activity,
                                                               uploads=form.cleaned_data["photos"]),
                 _("The photos are added."))
    else:
        messages.error(request, _("Choose at least one photo."))
    return redirect("delivery:activity", pk=activity.pk)


@login_required
def activity_correct(request, pk: int):
    activity = permissions.access_activity(request.user, pk)
    project = activity.project
    if not is_grantee(request.user, project):
        raise PermissionDenied  # the project is visible to the reader: 403, not 404 (docs/decisions.md)
    current = services.data_of(activity)
    initial = {"held_on": current.held_on, "place": current.place, "content": current.content,
               "planned": current.planned, "beneficiary_group": current.beneficiary_group,
               "attendees": current.attendees, "participants": current.participants,
               "person_times": current.person_times, "new_participants": current.new_participants,
               "volunteers": current.volunteers,
               "volunteer_hours": f"{current.volunteer_minutes / 60:g}"}
    form = _activity_form(CorrectionForm, project, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = submit(form, lambda: services.correction_request(actor=request.user, activity=activity,
                                                                data=form.data_object(), reason=form.cleaned_data["reason"]))
        if done is not FAILED:
            messages.success(request, _("Your correction is sent to the program's officer."))
            return redirect("delivery:activity", pk=activity.pk)
    return render(request, "delivery/activity_form.html", {"project": project, "form": form, "activity": activity,
                                                           "period": queries.project_period(project)})


@login_required
@require_POST
def correction_decide(request, pk: int):
    correction = permissions.access_correction(request.user, pk)
    if not is_officer(request.user, correction.activity.project):
        raise PermissionDenied
    apply = request.POST.get("decision") == "apply"
    run_step(request, lambda: services.correction_decide(actor=request.user, correction=correction, apply=apply,
                                                         note=request.POST.get("note", "")),
             _("The correction is applied.") if apply else _("The correction is rejected."))
    return redirect("delivery:activity", pk=correction.activity_id)


@login_required
def photo(request, pk: int):
    """A photo we re-encoded ourselves (a plain JPEG without metadata), so it may show inline."""
    item = permissions.access_photo(request.user, pk)
    return inline_image(item.image)


@login_required
def sign_in_sheet(request, pk: int):
    activity = permissions.access_activity(request.user, pk)
    if not activity.sign_in_sheet:
        raise Http404
    return download(activity.sign_in_sheet, activity.sign_in_sheet_name or "sign-in")


@login_required
def beneficiaries(request, pk: int):
    project = access_project(request.user, pk)
    may_add = permissions.can_record(request.user, project)
    form = BeneficiaryForm(request.POST or None) if may_add else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid() and submit(form, lambda: services.beneficiary_add(actor=request.user, project=project,
                                                                             **form.cleaned_data)) is not FAILED:
            messages.success(request, _("%(name)s is added to the list.") % {"name": form.cleaned_data["name"]})
            return redirect("delivery:beneficiaries", pk=project.pk)
    people = queries.beneficiaries(project)
    return render(request, "delivery/beneficiaries.html", {"project": project, "form": form,
                                                            **paginate(request, people, per_page=100)})


@login_required
@require_POST
def indicator_report(request, pk: int):
    project = access_project(request.user, pk)
    if not is_grantee(request.user, project):
        raise PermissionDenied  # the project is visible to the reader: 403, not 404 (docs/decisions.md)
    form = IndicatorReportForm(request.POST)
    if form.is_valid():
        run_step(request, lambda: services.indicator_report(actor=request.user, project=project, **form.cleaned_data),
                 _("The count is recorded."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("delivery:project", pk=project.pk)


@login_required
def program_progress(request, program_pk: int):
    program = access_readable_program(request.user, program_pk)
    rows = queries.program_progress(visible_projects(request.user).filter(program=program))
    if request.GET.get("export") == "xlsx":
        return exports.progress_xlsx(program, rows)
    return render(request, "delivery/program.html", {
        "program": program, "rows": rows, "at_risk": sum(row["at_risk"] for row in rows),
        "can_manage": can_manage_program(request.user, program)})
