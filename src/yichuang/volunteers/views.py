"""Volunteer pages: the volunteer's own record, registration, the roster and a volunteer's page."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yichuang.core.exports import Sheet, content_disposition, xlsx_response
from yichuang.core.forms import FAILED, flash_errors, run_step, submit
from yichuang.core.paging import paginate
from yichuang.kernel.chinese import search_key
from yichuang.volunteers import honours, permissions, queries, registration
from yichuang.volunteers.forms import (
    AwardForm,
    EvaluationForm,
    RegistrationForm,
    RevealForm,
    TrainingForm,
    minutes_from_hours,
)
from yichuang.volunteers.models import Skill, Volunteer


@login_required
def home(request):
    """The volunteer's own page when registered; the registration invitation otherwise; the roster
    keepers and organizers see their work."""
    me = permissions.own_volunteer(request.user)
    if me is not None:
        return redirect("volunteers:me")
    if permissions.is_staff_for_volunteers(request.user):
        return redirect("volunteers:roster")
    return redirect("volunteers:register")


@login_required
def register(request):
    if permissions.own_volunteer(request.user) is not None:
        return redirect("volunteers:me")
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        volunteer = submit(form, lambda: registration.volunteer_register(actor=request.user, data=form.registration()))
        if volunteer is not FAILED:
            messages.success(request, _("Welcome! Your volunteer number is %(number)s.") % {"number": volunteer.number})
            return redirect("volunteers:me")
    return render(request, "volunteers/register.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def register_for(request):
    """An organization or community registers someone who signed a paper consent form."""
    units = permissions.acting_organizations(request.user).order_by("name_sort")
    if not units.exists():
        raise PermissionDenied
    form = RegistrationForm(request.POST or None, by_organization=True)
    from django import forms as django_forms

    form.fields["organization"] = django_forms.ModelChoiceField(label=_("Registering unit"), queryset=units, empty_label=None)
    form.style_fields()
    if request.method == "POST" and form.is_valid():
        volunteer = submit(form, lambda: registration.volunteer_register(
            actor=request.user, data=form.registration(), organization=form.cleaned_data["organization"],
            paper_consent=form.cleaned_data["paper_consent"]))
        if volunteer is not FAILED:
            messages.success(request, _("Registered: %(name)s, volunteer number %(number)s.")
                             % {"name": volunteer.name, "number": volunteer.number})
            return redirect("volunteers:detail", volunteer.pk)
    return render(request, "volunteers/register.html", {"form": form, "for_someone": True},
                  status=400 if form.errors else 200)


def _record_context(volunteer: Volunteer, request) -> dict:
    return {"volunteer": volunteer, "summary": queries.record_summary(volunteer),
            "teams": list(queries.teams_of(volunteer)),
            **paginate(request, volunteer.records.select_related("organization"), per_page=20),
            "trainings": list(volunteer.trainings.all()[:20]), "awards": list(volunteer.awards.all()[:20]),
            "evaluations": list(volunteer.evaluations.select_related("organization")[:20]),
            "certificates": list(volunteer.certificates.select_related("organization")[:20])}


@login_required
def me(request):
    volunteer = permissions.own_volunteer(request.user)
    if volunteer is None:
        return redirect("volunteers:register")
    return render(request, "volunteers/me.html", {
        **_record_context(volunteer, request), "upcoming": list(queries.upcoming_signups(volunteer)),
        "suggested": queries.suggest_shifts(volunteer)})


@login_required
def my_data(request):
    volunteer = permissions.own_volunteer(request.user)
    if volunteer is None:
        raise PermissionDenied
    data = registration.volunteer_export(actor=request.user, volunteer=volunteer)
    response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = content_disposition(f"volunteer-{volunteer.number}.json")
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def delete_me(request):
    volunteer = permissions.own_volunteer(request.user)
    if volunteer is None:
        raise PermissionDenied
    if request.method == "POST":
        if request.POST.get("confirm") != volunteer.number:
            messages.error(request, _("Type your volunteer number to confirm."))
        elif run_step(request, lambda: registration.volunteer_erase(actor=request.user, volunteer=volunteer,
                                                                    reason=request.POST.get("reason", "")),
                      _("Your personal data has been deleted. Your service stays on the organizations' records "
                        "under an anonymous number.")):
            return redirect("portal:home")
    return render(request, "volunteers/delete_me.html", {"volunteer": volunteer})


def _roster(request):
    rows = permissions.visible_volunteers(request.user).filter(status=Volunteer.Status.ACTIVE).select_related("area")
    term = request.GET.get("q", "").strip()
    if term:
        rows = rows.filter(Q(name__icontains=term) | Q(name__icontains=search_key(term)) | Q(number=term))
    skill = request.GET.get("skill", "")
    if skill in Skill.values:
        rows = rows.filter(skills__icontains=f'"{skill}"')
    return rows.order_by("name_sort", "pk"), term, skill


@login_required
def roster(request):
    if not permissions.is_staff_for_volunteers(request.user) and not permissions.led_teams(request.user).exists():
        raise PermissionDenied
    rows, term, skill = _roster(request)
    return render(request, "volunteers/roster.html", {**paginate(request, rows, per_page=50), "q": term, "skill": skill,
                                                      "skills": Skill.choices,
                                                      "can_register": permissions.acting_organizations(request.user).exists()})


@login_required
def roster_export(request):
    if not permissions.is_staff_for_volunteers(request.user):
        raise PermissionDenied
    rows, _term, _skill = _roster(request)
    header = [_("Volunteer number"), _("Full name"), _("Gender"), _("Date of birth"), _("Document number"),
              _("Community"), _("Mobile number"), _("Skills"), _("Service hours")]
    from yichuang.kernel.identifiers import mask_phone

    data = [[v.number, v.name, v.get_gender_display(), v.birth_date, v.id_masked, v.area.name,
             mask_phone(v.phone.replace("+86", "")), "、".join(str(Skill(s).label) for s in v.skills if s in Skill.values),
             round(v.minutes_confirmed / 60, 2)] for v in rows[:100000]]
    return xlsx_response("volunteers.xlsx", [Sheet(_("Volunteer roster"), header, data)])


@login_required
def detail(request, pk: int):
    volunteer = permissions.access_volunteer(request.user, pk)
    can_record = request.user.has_perm("volunteers.record_honour", volunteer)
    organizations = permissions.acting_organizations(request.user).order_by("name_sort")
    return render(request, "volunteers/detail.html", {
        **_record_context(volunteer, request), "can_reveal": request.user.has_perm("volunteers.reveal_id", volunteer),
        "can_record": can_record, "reveal_form": RevealForm(), "training_form": TrainingForm(prefix="t"),
        "award_form": AwardForm(prefix="a"), "evaluation_form": EvaluationForm(prefix="e", organizations=organizations)})


@login_required
@require_POST
def reveal(request, pk: int):
    volunteer = permissions.access_volunteer(request.user, pk)
    form = RevealForm(request.POST)
    reason = request.POST.get("reason", "") if form.is_valid() else ""
    try:
        value = registration.volunteer_reveal_id(actor=request.user, volunteer=volunteer, reason=reason)
    except ValidationError as error:
        flash_errors(request, error)
        return redirect("volunteers:detail", volunteer.pk)
    return render(request, "volunteers/reveal.html", {"volunteer": volunteer, "value": value, "reason": reason})


@login_required
@require_POST
def honour_add(request, pk: int, kind: str):
    volunteer = permissions.access_volunteer(request.user, pk)
    organizations = permissions.acting_organizations(request.user)
    forms = {"training": (TrainingForm, "t"), "award": (AwardForm, "a"), "evaluation": (EvaluationForm, "e")}
    form_class, prefix = forms[kind]
    kwargs = {"organizations": organizations} if kind == "evaluation" else {}
    form = form_class(request.POST, prefix=prefix, **kwargs)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("volunteers:detail", volunteer.pk)
    data = form.cleaned_data
    calls = {
        "training": lambda: honours.training_add(actor=request.user, volunteer=volunteer, name=data["name"],
                                                 content=data["content"], minutes=minutes_from_hours(data["hours"]),
                                                 host=data["host"], held_on=data["held_on"]),
        "award": lambda: honours.award_add(actor=request.user, volunteer=volunteer, name=data["name"],
                                           awarded_on=data["awarded_on"], granted_by=data["granted_by"]),
        "evaluation": lambda: honours.evaluation_add(actor=request.user, volunteer=volunteer,
                                                     organization=data["organization"], rating=data["rating"],
                                                     note=data["note"], evaluated_on=data["evaluated_on"]),
    }
    run_step(request, calls[kind], _("Recorded."))
    return redirect("volunteers:detail", volunteer.pk)
