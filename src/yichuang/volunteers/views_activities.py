"""Activities, shifts, sign-ups, the check-in phone page and the organizer's shift page."""

from __future__ import annotations

import datetime as dt
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yichuang.accounts.scopes import q_path_within
from yichuang.core.forms import FAILED, flash_errors, run_step, submit
from yichuang.core.paging import paginate
from yichuang.core.qr import qr_svg_response
from yichuang.volunteers import checkin, opportunities, permissions, queries, records
from yichuang.volunteers.forms import OpportunityForm
from yichuang.volunteers.models import CheckEvent, Opportunity, ServiceRecord, Shift, Signup, Skill, Team


@login_required
def activity_list(request):
    rows = (permissions.visible_opportunities(request.user).select_related("organization", "area")
            .order_by("status", "-created_at"))
    return render(request, "volunteers/activity_list.html", {
        **paginate(request, rows, per_page=30), "can_create": permissions.acting_organizations(request.user).exists()})


@login_required
def activity_new(request):
    units = permissions.acting_organizations(request.user).order_by("name_sort")
    if not units.exists():
        raise PermissionDenied
    teams = Team.objects.filter(q_path_within("area__path", permissions.keeper_paths(request.user))
                                | Q(organization__in=units)).order_by("name")
    form = OpportunityForm(request.POST or None, organizations=units, teams=teams)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        opportunity = submit(form, lambda: opportunities.opportunity_create(
            actor=request.user, organization=data["organization"], area=data["area"], title=data["title"],
            nature=data["nature"], category=data["category"], place=data["place"], content=data["content"],
            person_in_charge=data["person_in_charge"], shifts=form.shift_plans(), skills=data["skills"],
            team=data["team"], rounding=data["rounding"]))
        if opportunity is not FAILED:
            messages.success(request, _("The activity is open for sign-up."))
            return redirect("volunteers:activity", opportunity.pk)
    return render(request, "volunteers/activity_form.html", {"form": form, "shift_rows": range(1, form.SHIFTS + 1)},
                  status=400 if form.errors else 200)


@login_required
def activity(request, pk: int):
    opportunity = permissions.access_opportunity(request.user, pk)
    me = permissions.own_volunteer(request.user)
    shifts = list(opportunity.shifts.all())
    mine = {s.shift_id: s for s in Signup.objects.filter(shift__in=shifts, volunteer=me).exclude(
        status=Signup.Status.CANCELLED)} if me else {}
    waiting = {row["shift"]: row["n"] for row in Signup.objects.filter(shift__in=shifts, status=Signup.Status.WAITLISTED)
               .values("shift").annotate(n=Count("pk"))}
    rows = [{"shift": s, "mine": mine.get(s.pk), "free": max(0, s.capacity - s.confirmed_count),
             "waiting": waiting.get(s.pk, 0)} for s in shifts]
    manages = permissions.can_check_in_others(request.user, opportunity)
    return render(request, "volunteers/activity.html", {
        "opportunity": opportunity, "rows": rows, "me": me, "manages": manages,
        "skills": [Skill(s).label for s in opportunity.skills if s in Skill.values],
        "scan_url": request.build_absolute_uri(reverse("volunteers:scan", args=[opportunity.check_in_code])) if manages else ""})


@login_required
def activity_qr(request, pk: int):
    opportunity = permissions.access_managed_opportunity(request.user, pk)
    return qr_svg_response(request, reverse("volunteers:scan", args=[opportunity.check_in_code]), opportunity.title)


@login_required
@require_POST
def activity_close(request, pk: int):
    opportunity = permissions.access_managed_opportunity(request.user, pk)
    run_step(request, lambda: opportunities.opportunity_close(actor=request.user, opportunity=opportunity),
             _("Closed for sign-up."))
    return redirect("volunteers:activity", opportunity.pk)


@login_required
@require_POST
def signup(request, pk: int):
    shift = permissions.access_shift(request.user, pk)
    try:
        result = opportunities.signup_create(actor=request.user, shift=shift)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        if result.status == Signup.Status.CONFIRMED:
            messages.success(request, _("You have a place. Scan the activity's code when you arrive."))
        else:
            messages.info(request, _("The shift is full: you are on the waiting list and will be told if a place comes free."))
    return redirect("volunteers:activity", shift.opportunity_id)


@login_required
@require_POST
def signup_cancel(request, pk: int):
    row = get_object_or_404(Signup.objects.select_related("shift__opportunity__area", "volunteer"), pk=pk)
    opportunity = row.shift.opportunity
    if not (row.volunteer.user_id == request.user.pk or permissions.manages_opportunity(request.user, opportunity)):
        raise Http404
    run_step(request, lambda: opportunities.signup_cancel(actor=request.user, signup=row), _("Cancelled."))
    if row.volunteer.user_id == request.user.pk:
        return redirect("volunteers:activity", opportunity.pk)
    return redirect("volunteers:shift", row.shift_id)


@login_required
def shift(request, pk: int):
    """The organizer's and leader's page of one shift: who came, scans, records to confirm."""
    shift = permissions.access_shift(request.user, pk)
    if not permissions.can_check_in_others(request.user, shift.opportunity):
        raise Http404
    roster = queries.shift_roster(shift)
    return render(request, "volunteers/shift.html", {
        "shift": shift, "opportunity": shift.opportunity, "roster": roster,
        "manages": permissions.manages_opportunity(request.user, shift.opportunity),
        "pending": [r for _s, _e, r in roster if r and r.status == ServiceRecord.Status.PENDING],
        "past_deadline": any(r and r.status == ServiceRecord.Status.PENDING and r.deadline < timezone.localdate()
                             for _s, _e, r in roster),
        "suggested": queries.suggest_volunteers(shift) if shift.starts_at > timezone.now() else []})


@login_required
@require_POST
def shift_scan(request, pk: int):
    """A leader checks someone in or out (no phone, or a forgotten check-out), with a reason."""
    shift = permissions.access_shift(request.user, pk)
    if not permissions.can_check_in_others(request.user, shift.opportunity):
        raise Http404
    row = Signup.objects.select_related("volunteer").filter(shift=shift, pk=_int(request.POST.get("signup"))).first()
    if row is None:
        messages.error(request, _("Choose a volunteer on this shift."))
        return redirect("volunteers:shift", shift.pk)
    kind = request.POST.get("kind", "")
    at = _parse_local(request.POST.get("at", ""), shift) or timezone.now()
    run_step(request, lambda: checkin.check_scan(
        actor=request.user, shift_id=shift.pk, volunteer=row.volunteer, kind=kind, at=at, key=uuid.uuid4().hex,
        method=CheckEvent.Method.LEADER, reason=request.POST.get("reason", "")), _("Recorded."))
    return redirect("volunteers:shift", shift.pk)


def _int(text) -> int:
    try:
        return int(text)
    except (TypeError, ValueError):
        return 0


def _parse_local(text: str, shift: Shift) -> dt.datetime | None:
    """A time typed as HH:MM on the shift's day (local time)."""
    try:
        clock = dt.time.fromisoformat(text.strip())
    except ValueError:
        return None
    day = timezone.localtime(shift.starts_at).date()
    return dt.datetime.combine(day, clock, tzinfo=timezone.get_current_timezone())


@login_required
@require_POST
def shift_confirm(request, pk: int):
    shift = permissions.access_shift(request.user, pk)
    if not permissions.manages_opportunity(request.user, shift.opportunity):
        raise Http404
    pending = list(ServiceRecord.objects.filter(shift=shift, status=ServiceRecord.Status.PENDING))
    count = [0]

    def confirm():
        count[0] = records.records_confirm(actor=request.user, records=pending, late_reason=request.POST.get("late_reason", ""))

    if run_step(request, confirm):
        messages.success(request, _("%(n)s record(s) confirmed.") % {"n": count[0]})
    return redirect("volunteers:shift", shift.pk)


@login_required
def scan(request, code: str):
    """The page the activity's QR code opens on a volunteer's phone."""
    opportunity = get_object_or_404(Opportunity.objects.select_related("organization", "area"), check_in_code=code)
    me = permissions.own_volunteer(request.user)
    today = timezone.localdate()
    mine = []
    if me is not None:
        mine = [s for s in Signup.objects.filter(volunteer=me, shift__opportunity=opportunity, status=Signup.Status.CONFIRMED)
                .select_related("shift").order_by("shift__starts_at")
                if timezone.localtime(s.shift.starts_at).date() == today]
    events = {}
    if mine:
        for event in CheckEvent.objects.filter(volunteer=me, shift__in=[s.shift for s in mine]).order_by("at"):
            events.setdefault(event.shift_id, []).append(event)
    return render(request, "volunteers/scan.html", {
        "opportunity": opportunity, "me": me, "rows": [(s.shift, events.get(s.shift_id, [])) for s in mine],
        "api_url": "/api/v1/check-ins"})
