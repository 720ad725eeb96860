"""Roster import pages (the upload, the job with its progress and problems, the template) and the
exports of hours."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yichuang.core.exports import Sheet, xlsx_response
from yichuang.core.forms import FAILED, StyledFormMixin, submit
from yichuang.volunteers import permissions, roster_import
from yichuang.volunteers.models import RosterImport, ServiceRecord


class ImportForm(StyledFormMixin, forms.Form):
    organization = forms.ModelChoiceField(label=gettext_lazy("Registering unit"), queryset=None, empty_label=None)
    file = forms.FileField(label=gettext_lazy("Roster (.xlsx)"))
    mode = forms.ChoiceField(label=gettext_lazy("If a row has a problem"), choices=RosterImport.Mode.choices,
                             widget=forms.RadioSelect, initial=RosterImport.Mode.ALL_OR_NOTHING)
    paper_consent = forms.BooleanField(label=gettext_lazy(
        "I hold the signed consent form of everyone on the list (and a guardian's for a child under 14)."))

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations


@login_required
def import_start(request):
    units = permissions.acting_organizations(request.user).order_by("name_sort")
    if not units.exists():
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None, organizations=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        job = submit(form, lambda: roster_import.roster_import_start(
            actor=request.user, organization=data["organization"], upload=data["file"], mode=data["mode"],
            paper_consent=data["paper_consent"]))
        if job is not FAILED:
            return redirect("volunteers:import-job", job.pk)
    return render(request, "volunteers/import.html", {
        "form": form, "recent": RosterImport.objects.filter(requested_by=request.user).select_related("organization")[:10],
        "max_rows": roster_import.MAX_ROWS}, status=400 if form.errors else 200)


def _job(request, pk: int) -> RosterImport:
    """An import is seen by the person who started it, like a report."""
    return get_object_or_404(RosterImport.objects.select_related("organization"), pk=pk, requested_by=request.user)


@login_required
def import_job(request, pk: int):
    job = _job(request, pk)
    finished = job.status in (RosterImport.Status.DONE, RosterImport.Status.FAILED)
    context = {"job": job, "finished": finished, "problems": job.problems[:200]}
    if request.htmx:
        return render(request, "volunteers/_import_job.html", context)
    return render(request, "volunteers/import_job.html", context)


@login_required
def import_problems(request, pk: int):
    job = _job(request, pk)
    return xlsx_response(f"problems-{job.pk}.xlsx", [Sheet(_("Problems"), [_("Row"), _("Problem")], job.problems)])


@login_required
def import_template(request):
    if not permissions.acting_organizations(request.user).exists():
        raise PermissionDenied
    example = ["王秀英（示例）", "女", "1962-03-08", "居民身份证", "11010519491231002X", "安康社区", "13912345678",
               "为老照护、烹饪", "扶老助老", "退休教师", "", ""]
    return xlsx_response("volunteer-roster-template.xlsx", [Sheet(
        _("Roster"), [names[0] for names in roster_import.HEADINGS.values()], [example])])


@login_required
def hours_export(request):
    """Confirmed service of the units the viewer organizes for, one row per record (Art. 7 fields)."""
    if not permissions.is_staff_for_volunteers(request.user):
        raise PermissionDenied
    rows = (permissions.managed_records(request.user).filter(status=ServiceRecord.Status.CONFIRMED)
            .select_related("volunteer", "organization").order_by("served_on", "pk")[:100_000])
    header = [_("Volunteer number"), _("Full name"), _("Activity name"), _("Date"), _("Place"), _("Service content"),
              _("Service time (hours)"), _("Organizing unit"), _("Person in charge"), _("How it was recorded")]
    data = ([r.volunteer.number, r.volunteer.name, r.activity_name, r.served_on, r.place, r.content,
             round(r.minutes / 60, 2), r.organization.name, r.person_in_charge, r.get_source_display()] for r in rows)
    return xlsx_response("volunteer-hours.xlsx", [Sheet(_("Service hours"), header, data)])
