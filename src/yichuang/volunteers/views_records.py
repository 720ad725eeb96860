"""Service records, corrections, late entries and certificates."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yichuang.core.forms import FAILED, run_step, submit
from yichuang.core.uploads import download
from yichuang.volunteers import certificates, permissions, records
from yichuang.volunteers.forms import CertificateRequestForm, CorrectionForm, EntryForm, minutes_from_hours
from yichuang.volunteers.models import Certificate, RecordCorrection, ServiceRecord, Volunteer


@login_required
def work(request):
    """The organizer's list: records to confirm, late entries to approve, corrections to decide."""
    if not permissions.is_staff_for_volunteers(request.user):
        raise PermissionDenied
    acting_ids = permissions.acting_organization_ids(request.user)
    managed = permissions.managed_records(request.user).select_related("volunteer", "organization", "shift")
    return render(request, "volunteers/work.html", {
        "pending": list(managed.filter(status=ServiceRecord.Status.PENDING).order_by("deadline", "pk")[:100]),
        "late": list(managed.filter(status=ServiceRecord.Status.AWAITING_APPROVAL).order_by("served_on")[:100]),
        "corrections": list(RecordCorrection.objects.filter(record__organization__in=acting_ids, status=RecordCorrection.Status.REQUESTED)
                            .select_related("record__volunteer", "record__organization")[:100]),
        "certificates": list(permissions.visible_certificates(request.user)
                             .filter(status=Certificate.Status.REQUESTED, organization__in=acting_ids)
                             .select_related("volunteer", "organization")[:100])})


@login_required
def entry(request):
    units = permissions.acting_organizations(request.user).order_by("name_sort")
    if not units.exists():
        raise PermissionDenied
    form = EntryForm(request.POST or None, organizations=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        volunteer = permissions.visible_volunteers(request.user).filter(
            number=data["volunteer_number"].strip(), status=Volunteer.Status.ACTIVE).first()
        if volunteer is None:
            form.add_error("volunteer_number", _("No volunteer with this number on your roster."))
        else:
            entry_data = records.Entry(
                volunteer=volunteer, organization=data["organization"], activity_name=data["activity_name"],
                served_on=data["served_on"], place=data["place"], content=data["content"],
                minutes=minutes_from_hours(data["hours"]), person_in_charge=data["person_in_charge"],
                nature=data["nature"], late_reason=data["late_reason"])
            record = submit(form, lambda: records.record_enter(actor=request.user, entry=entry_data))
            if record is not FAILED:
                messages.success(request, _("Recorded and confirmed.") if record.status == ServiceRecord.Status.CONFIRMED
                                 else _("Recorded as a late entry: another person must approve it."))
                return redirect("volunteers:record", record.pk)
    return render(request, "volunteers/entry.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def record(request, pk: int):
    row = permissions.access_record(request.user, pk)
    owns = permissions.owns_record(request.user, row)
    form = None
    if owns:
        initial = {"served_on": row.served_on, "hours": round(row.minutes / 60, 2), "place": row.place, "content": row.content}
        form = CorrectionForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            changes = {"served_on": data["served_on"], "minutes": minutes_from_hours(data["hours"]),
                       "place": data["place"], "content": data["content"]}
            done = submit(form, lambda: records.correction_request(actor=request.user, record=row, changes=changes,
                                                                   reason=data["reason"]))
            if done is not FAILED:
                messages.success(request, _("Sent to the organizer; the record stays as it is until they decide."))
                return redirect("volunteers:record", row.pk)
    elif request.method == "POST":
        raise PermissionDenied
    return render(request, "volunteers/record.html", {
        "record": row, "owns": owns, "form": form, "organizes": permissions.organizes_record(request.user, row),
        "corrections": list(row.corrections.select_related("requested_by", "decided_by"))},
        status=400 if form is not None and form.errors else 200)


@login_required
@require_POST
def record_late(request, pk: int):
    row = permissions.access_record(request.user, pk)
    if not permissions.organizes_record(request.user, row):
        raise Http404
    approve = request.POST.get("approve") == "1"
    run_step(request, lambda: records.record_decide_late(actor=request.user, record=row, approve=approve,
                                                         note=request.POST.get("note", "")),
             _("Approved.") if approve else _("Not accepted."))
    return redirect("volunteers:record", row.pk)


@login_required
@require_POST
def correction_decide(request, pk: int):
    correction = permissions.access_correction(request.user, pk)
    if not permissions.organizes_record(request.user, correction.record):
        raise Http404
    apply = request.POST.get("apply") == "1"
    run_step(request, lambda: records.correction_decide(actor=request.user, correction=correction, apply=apply,
                                                        note=request.POST.get("note", "")),
             _("Correction applied.") if apply else _("Correction rejected."))
    return redirect("volunteers:record", correction.record_id)


@login_required
def certificate_request(request):
    volunteer = permissions.own_volunteer(request.user)
    if volunteer is None:
        return redirect("volunteers:register")
    units = certificates.units_with_records(volunteer)
    from yichuang.places.models import Organization

    form = CertificateRequestForm(request.POST or None, organizations=Organization.objects.filter(pk__in=[u.pk for u in units]))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = submit(form, lambda: certificates.certificate_request(
            actor=request.user, organization=data["organization"], period_start=data["period_start"],
            period_end=data["period_end"]))
        if done is not FAILED:
            messages.success(request, _("Asked. The unit issues the certificate free of charge; you will find it on your page."))
            return redirect("volunteers:me")
    return render(request, "volunteers/certificate_request.html", {"form": form, "units": units},
                  status=400 if form.errors else 200)


@login_required
@require_POST
def certificate_decide(request, pk: int):
    certificate = permissions.access_certificate(request.user, pk)
    if not permissions.issues_certificate(request.user, certificate):
        raise Http404
    if request.POST.get("issue") == "1":
        run_step(request, lambda: certificates.certificate_issue(actor=request.user, certificate=certificate),
                 _("Issued: %(number)s.") % {"number": certificate.number})
    else:
        run_step(request, lambda: certificates.certificate_refuse(actor=request.user, certificate=certificate,
                                                                  reason=request.POST.get("reason", "")),
                 _("Refused; the volunteer sees why."))
    return redirect("volunteers:work")


@login_required
def certificate_pdf(request, pk: int):
    certificate = permissions.access_certificate(request.user, pk)
    if certificate.status != Certificate.Status.ISSUED:
        raise Http404
    return download(certificate.pdf, f"{certificate.number}.pdf")
