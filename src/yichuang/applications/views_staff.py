"""Pages of the program officer: the application list, screening, comparisons and exports."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yichuang.applications import engine, permissions, queries
from yichuang.applications.forms import ApplicationFilterForm
from yichuang.applications.messages import check_detail, check_label, outcome_label
from yichuang.applications.models import ApplicationVersion, NearDuplicate
from yichuang.core.exports import Sheet, xlsx_response
from yichuang.core.paging import paginate
from yichuang.core.pdf import pdf_response, render_pdf
from yichuang.core.uploads import download
from yichuang.kernel import applications as doc
from yichuang.places.queries import district_of
from yichuang.programs import permissions as program_permissions


def _filtered(request, program):
    form = ApplicationFilterForm(
        request.GET or None,
        states=list(program.workflow_version.states.exclude(initial=True)),
        domains=[pd.domain for pd in program.program_domains.select_related("domain")],
    )
    values = form.cleaned_data if form.is_valid() else {}
    applications = queries.program_applications(
        request.user, program, text=values.get("q", ""), state=values.get("state", ""), domain=values.get("domain", "")
    )
    return form, applications


@login_required
def staff_list(request, program_pk: int):
    program = program_permissions.access_staff_program(request.user, program_pk)
    form, applications = _filtered(request, program)
    context = {**paginate(request, applications, 50), "program": program, "filters": form}
    template = "applications/_staff_rows.html" if request.htmx else "applications/staff_list.html"
    return render(request, template, context)


@login_required
def staff_export(request, program_pk: int):
    program = program_permissions.access_staff_program(request.user, program_pk)
    _form, applications = _filtered(request, program)
    headers = [_("Number"), _("Title"), _("Organization"), _("Unified social credit code"), _("Service domain"),
               _("Community"), _("Grant requested"), _("Project budget"), _("Status"), _("Submitted"),
               _("Failed checks"), _("Near-duplicates")]
    rows = (
        [a.number, a.title, a.organization.name, a.organization.uscc or "", str(a.domain or ""),
         a.community.name if a.community else "", a.grant_requested, a.total_budget, a.state.staff_label,
         timezone.localtime(a.submitted_at).replace(tzinfo=None) if a.submitted_at else None, a.failed_checks,
         a.duplicate_count]
        for a in applications
    )
    return xlsx_response(f"{program.code}-applications.xlsx", [Sheet(title=program.name[:31], headers=headers, rows=rows)])


@login_required
def staff_detail(request, pk: int):
    application = permissions.access_staff_application(request.user, pk)
    version = application.latest_version
    checks = [
        {"label": check_label(r.code), "outcome": r.outcome, "outcome_label": outcome_label(r.outcome), "detail": check_detail(r)}
        for r in (version.checks.all() if version else [])
    ]
    context = {
        "application": application,
        "version": version,
        "document": version.document if version else {},
        "totals": doc.budget_totals(version.document) if version else None,
        "checks": checks,
        "duplicates": _scoped_duplicates(request.user, queries.duplicates_of(version)),
        "versions": list(application.versions.order_by("number")),
        "history": application.transitions.select_related("actor", "from_state", "to_state").order_by("at", "id"),
        "requests": application.info_requests.all(),
        "actions": engine.available_transitions(request.user, application),
        "attachments": application.attachments.filter(removed_at=None),
    }
    return render(request, "applications/staff_detail.html", context)


def _scoped_duplicates(user, duplicates) -> list:
    """Each near-duplicate marked ``visible`` when the other application is in the viewer's scope;
    of the others the page shows only the similarity, the number and the district."""
    ids = {d.other.application_id for d in duplicates}
    visible = set(permissions.staff_applications(user).filter(pk__in=ids).values_list("pk", flat=True))
    for duplicate in duplicates:
        duplicate.visible = duplicate.other.application_id in visible
        if not duplicate.visible:
            duplicate.district = district_of(duplicate.other.application.program.area)
    return duplicates


@login_required
@require_POST
def staff_transition(request, pk: int):
    application = permissions.access_staff_application(request.user, pk)
    if not permissions.is_officer(request.user, application):
        raise PermissionDenied
    code = request.POST.get("code", "")
    try:
        engine.application_transition(actor=request.user, application=application, code=code, reason=request.POST.get("reason", ""))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        application.refresh_from_db()
        messages.success(request, _("The application is now “%(state)s”.") % {"state": application.state.staff_label})
    return redirect("applications:staff-detail", pk=application.pk)


@login_required
def version_diff(request, pk: int, old: int, new: int):
    application = permissions.access_staff_application(request.user, pk)
    before = get_object_or_404(ApplicationVersion, application=application, number=old)
    after = get_object_or_404(ApplicationVersion, application=application, number=new)
    changes = doc.diff_documents(before.document, after.document)
    return render(request, "applications/version_diff.html", {"application": application, "before": before, "after": after, "changes": changes})


@login_required
def compare(request, pk: int, duplicate_pk: int):
    application = permissions.access_staff_application(request.user, pk)
    duplicate = get_object_or_404(
        NearDuplicate.objects.select_related("version", "other__application__organization",
                                             "other__application__program__area"),
        pk=duplicate_pk, version__application=application,
    )
    other = duplicate.other.application
    if not permissions.staff_applications(request.user).filter(pk=other.pk).exists():
        # Outside the officer's scope: the similarity, the other's number and district, never its text.
        context = {"application": application, "duplicate": duplicate, "other": other,
                   "district": district_of(other.program.area)}
        return render(request, "applications/compare_outside.html", context)
    left, right = queries.side_by_side(duplicate.version.text, duplicate.other.text)
    context = {"application": application, "duplicate": duplicate, "left": left, "right": right}
    return render(request, "applications/compare.html", context)


@login_required
def pdf(request, pk: int):
    """A printable application, for staff and for the applying organization."""
    application = permissions.staff_applications(request.user).filter(pk=pk).first() or permissions.access_own_application(request.user, pk)
    version = application.latest_version
    document = version.document if version else application.draft
    context = {"application": application, "document": document, "totals": doc.budget_totals(document), "version": version}
    return pdf_response(f"{application.number}.pdf", render_pdf("applications/pdf.html", context))


@login_required
def attachment_download(request, pk: int, attachment_pk: int):
    """An attachment, for exactly those who may read the application; always a download."""
    application = permissions.access_readable_application(request.user, pk)
    attachment = get_object_or_404(application.attachments.filter(removed_at=None), pk=attachment_pk)
    return download(attachment.file, attachment.original_name)
