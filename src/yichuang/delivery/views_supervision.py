"""Supervision pages: logging a visit, a visit with its issues and follow-ups, a visit's photos."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yichuang.core.forms import FAILED, run_step, submit
from yichuang.core.uploads import inline_image
from yichuang.delivery import permissions, supervision
from yichuang.delivery.forms import FollowUpDoneForm, IssueFormSet, VisitForm
from yichuang.projects.permissions import access_project, is_grantee


@login_required
def visit_new(request, pk: int):
    project = access_project(request.user, pk)
    if not permissions.is_supervisor(request.user, project):
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
    visit = permissions.access_visit(request.user, pk)
    project = visit.project
    return render(request, "delivery/visit.html", {
        "visit": visit, "project": project, "issues": list(visit.issues.select_related("responded_by", "reviewed_by")),
        "photos": list(visit.photos.all()), "grantee": is_grantee(request.user, project),
        "supervisor": permissions.is_supervisor(request.user, project), "done_form": FollowUpDoneForm()})


@login_required
@require_POST
def follow_up_done(request, pk: int):
    issue = permissions.access_issue(request.user, pk)
    if not is_grantee(request.user, issue.visit.project):
        raise PermissionDenied
    run_step(request, lambda: supervision.follow_up_done(actor=request.user, issue=issue,
                                                         response=request.POST.get("response", "")),
             _("Sent to the supervisor for acceptance."))
    return redirect("delivery:visit", pk=issue.visit_id)


@login_required
@require_POST
def follow_up_review(request, pk: int):
    issue = permissions.access_issue(request.user, pk)
    if not permissions.is_supervisor(request.user, issue.visit.project):
        raise PermissionDenied
    accept = request.POST.get("decision") == "accept"
    run_step(request, lambda: supervision.follow_up_review(actor=request.user, issue=issue, accept=accept,
                                                           note=request.POST.get("note", "")),
             _("The follow-up is accepted.") if accept else _("The follow-up is sent back to the organization."))
    return redirect("delivery:visit", pk=issue.visit_id)


@login_required
def visit_photo(request, pk: int):
    item = permissions.access_visit_photo(request.user, pk)
    return inline_image(item.image)
