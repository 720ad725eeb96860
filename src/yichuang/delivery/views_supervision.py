"""Supervision pages: logging a visit, a visit with its issues and follow-ups, a visit's photos."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yichuang.core.forms import FAILED, run_step, submit
from yichuang.delivery import supervision
from yichuang.delivery.forms import FollowUpDoneForm, IssueFormSet, VisitForm
from yichuang.delivery.models import SupervisionVisit, VisitIssue, VisitPhoto
from yichuang.projects.permissions import access_project, is_grantee, visible_projects


def access_visit(user, pk) -> SupervisionVisit:
    return get_object_or_404(SupervisionVisit.objects.select_related("project__program__area", "project__organization",
                                                                     "supervisor")
                             .filter(project__in=visible_projects(user)), pk=pk)


def _access_issue(user, pk) -> VisitIssue:
    return get_object_or_404(VisitIssue.objects.select_related("visit__project__program__area")
                             .filter(visit__project__in=visible_projects(user)), pk=pk)


@login_required
def visit_new(request, pk: int):
    project = access_project(request.user, pk)
    if not supervision.is_supervisor(request.user, project):
        raise PermissionDenied  # visible to the reader (the organization, an officer): 403
    form = VisitForm(request.POST or None, request.FILES or None)
    issues = IssueFormSet(request.POST or None, prefix="issue")
    if request.method == "POST" and form.is_valid() and issues.is_valid():
        rows = [supervision.IssueData(**f.cleaned_data) for f in issues if not f.is_blank()]
        visit = submit(form, lambda: supervision.visit_record(
            actor=request.user, project=project, visited_on=form.cleaned_data["visited_on"],
            observations=form.cleaned_data["observations"], issues=rows, photo_uploads=form.cleaned_data["photos"]))
        if visit is not FAILED:
            messages.success(request, _("The visit is recorded; the organization sees the follow-ups on its home page."))
            return redirect("delivery:visit", pk=visit.pk)
    return render(request, "delivery/visit_form.html", {"project": project, "form": form, "issues": issues})


@login_required
def visit_detail(request, pk: int):
    visit = access_visit(request.user, pk)
    project = visit.project
    return render(request, "delivery/visit.html", {
        "visit": visit, "project": project, "issues": list(visit.issues.select_related("responded_by", "reviewed_by")),
        "photos": list(visit.photos.all()), "grantee": is_grantee(request.user, project),
        "supervisor": supervision.is_supervisor(request.user, project), "done_form": FollowUpDoneForm()})


@login_required
@require_POST
def follow_up_done(request, pk: int):
    issue = _access_issue(request.user, pk)
    if not is_grantee(request.user, issue.visit.project):
        raise PermissionDenied
    run_step(request, lambda: supervision.follow_up_done(actor=request.user, issue=issue,
                                                         response=request.POST.get("response", "")),
             _("Sent to the supervisor for acceptance."))
    return redirect("delivery:visit", pk=issue.visit_id)


@login_required
@require_POST
def follow_up_review(request, pk: int):
    issue = _access_issue(request.user, pk)
    if not supervision.is_supervisor(request.user, issue.visit.project):
        raise PermissionDenied
    accept = request.POST.get("decision") == "accept"
    run_step(request, lambda: supervision.follow_up_review(actor=request.user, issue=issue, accept=accept,
                                                           note=request.POST.get("note", "")),
             _("The follow-up is accepted.") if accept else _("The follow-up is sent back to the organization."))
    return redirect("delivery:visit", pk=issue.visit_id)


@login_required
def visit_photo(request, pk: int):
    item = get_object_or_404(VisitPhoto.objects.filter(visit__project__in=visible_projects(request.user)), pk=pk)
    response = FileResponse(item.image.open("rb"), content_type="image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response
