from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from yichuang.core.forms import FAILED, submit
from yichuang.core.paging import paginate
from yichuang.places import permissions as places_permissions
from yichuang.programs import labels, permissions, queries, services
from yichuang.programs.forms import (
    CriterionFormSet,
    ProgramForm,
    RubricWeightsForm,
    StageFormSet,
    TrancheFormSet,
    TransitionForm,
)
from yichuang.programs.models import EDITABLE_WHILE_RUNNING, Program, ProgramStatus, StageCode, TemplateKind, WorkflowTransition
from yichuang.programs.views_people import program_roles


@login_required
def program_list(request):
    if not (permissions.can_create_program(request.user) or permissions.staff_programs(request.user).exists()):
        raise PermissionDenied
    context = {**paginate(request, queries.program_list(request.user), 25), "can_create": permissions.can_create_program(request.user)}
    return render(request, "programs/program_list.html", context)


def _form_choices(user):
    areas = places_permissions.visible_areas(user).order_by("path")
    organizers = places_permissions.visible_organizations(user).filter(
        org_type__in=settings.PROGRAM_ORGANIZER_TYPES
    ).order_by("name_sort")
    return areas, organizers


def _plan_formsets(request, program: Program | None):
    stages = {s.code: s for s in program.stages.all()} if program else {}
    stage_initial = [
        {"code": code, "starts_on": getattr(stages.get(code), "starts_on", None), "ends_on": getattr(stages.get(code), "ends_on", None)}
        for code in StageCode.values
    ]
    tranche_initial = [
        {"percent_bp": t.percent_bp, "amount": t.amount, "trigger": t.trigger, "due_on": t.due_on}
        for t in (program.tranche_rules.all() if program else [])
    ]
    tranche_initial += [{}] * max(0, 4 - len(tranche_initial))
    data = request.POST if request.method == "POST" else None
    stage_set = StageFormSet(data, initial=stage_initial, prefix="stage")
    for form, code in zip(stage_set.forms, StageCode.values):
        form.stage_label = StageCode(code).label
    return stage_set, TrancheFormSet(data, initial=tranche_initial, prefix="tranche")


def _plan_data(stage_set, tranche_set) -> tuple[list[dict], list[dict]]:
    stages = [
        {"code": f.cleaned_data["code"], "starts_on": f.cleaned_data["starts_on"], "ends_on": f.cleaned_data["ends_on"]}
        for f in stage_set if f.cleaned_data.get("starts_on")
    ]
    tranches = [
        {key: f.cleaned_data.get(key) for key in ("percent_bp", "amount", "trigger", "due_on")}
        for f in tranche_set if f.cleaned_data.get("trigger")
    ]
    return stages, tranches


@login_required
@require_http_methods(["GET", "POST"])
def program_create(request):
    if not permissions.can_create_program(request.user):
        raise PermissionDenied
    areas, organizers = _form_choices(request.user)
    form = ProgramForm(request.POST or None, areas=areas, organizers=organizers, initial={"one_application_per_org": True, "attachment_max_mb": 10})
    stage_set, tranche_set = _plan_formsets(request, None)
    if request.method == "POST" and form.is_valid() and stage_set.is_valid() and tranche_set.is_valid():
        stages, tranches = _plan_data(stage_set, tranche_set)
        program = submit(
            form,
            lambda: services.program_create(
                actor=request.user, data=form.program_data(), domains=list(form.cleaned_data["domains"]),
                stages=stages, tranches=tranches,
            ),
        )
        if program is not FAILED:
            messages.success(request, _("The program was created. Check its rubric and workflow, then start it."))
            return redirect("programs:program-detail", pk=program.pk)
    context = {"form": form, "stage_set": stage_set, "tranche_set": tranche_set}
    return render(request, "programs/program_form.html", context)


@login_required
def program_detail(request, pk: int):
    program = permissions.access_staff_program(request.user, pk)
    context = {
        "program": program,
        "domains": [pd.domain for pd in program.program_domains.select_related("domain")],
        "stages": list(program.stages.all()),
        "tranches": list(program.tranche_rules.all()),
        "state_counts": queries.state_counts(program),
        "rubric": program.rubric_version.content,
        "can_manage": permissions.can_manage_program(request.user, program),
        "notices": list(program.notices.all()),
        "program_people": list(program.grants.select_related("user").order_by("role", "user__display_name")),
        "can_invite": bool(program_roles(request.user, program)),
    }
    return render(request, "programs/program_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def program_edit(request, pk: int):
    program = permissions.access_staff_program(request.user, pk)
    if not permissions.can_manage_program(request.user, program):
        raise PermissionDenied
    running = program.status != ProgramStatus.SETUP
    areas, organizers = _form_choices(request.user)
    initial = ProgramForm.initial_for(program)
    initial.update(domains=list(program.domains.all()), version=program.version)
    form = ProgramForm(request.POST or None, initial=initial, areas=areas, organizers=organizers, running=running)
    stage_set, tranche_set = _plan_formsets(request, program)
    plan_ok = running or (stage_set.is_valid() and tranche_set.is_valid()) if request.method == "POST" else True
    if request.method == "POST" and form.is_valid() and plan_ok:
        data = form.program_data()
        if running:
            data = {key: data[key] for key in EDITABLE_WHILE_RUNNING}
            extra = {}
        else:
            stages, tranches = _plan_data(stage_set, tranche_set)
            extra = {"domains": list(form.cleaned_data["domains"]), "stages": stages, "tranches": tranches}
        saved = submit(
            form,
            lambda: services.program_update(
                actor=request.user, program=program, data=data, expected_version=form.cleaned_data.get("version") or 0, **extra
            ),
        )
        if saved is not FAILED:
            messages.success(request, _("Your changes were saved."))
            return redirect("programs:program-detail", pk=program.pk)
    context = {"form": form, "program": program, "stage_set": stage_set, "tranche_set": tranche_set, "running": running}
    return render(request, "programs/program_form.html", context)


@login_required
@require_POST
def program_start(request, pk: int):
    program = permissions.access_staff_program(request.user, pk)
    if not permissions.can_manage_program(request.user, program):
        raise PermissionDenied
    try:
        services.program_start(actor=request.user, program=program)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The program has started. Its form, rubric and workflow are now frozen."))
    return redirect("programs:program-detail", pk=program.pk)


@login_required
@require_http_methods(["GET", "POST"])
def rubric_edit(request, pk: int):
    program = permissions.access_staff_program(request.user, pk)
    if not permissions.can_manage_program(request.user, program):
        raise PermissionDenied
    content = program.rubric_version.content
    data = request.POST if request.method == "POST" else None
    criteria = CriterionFormSet(data, initial=content.get("criteria", []), prefix="criterion")
    weights = RubricWeightsForm(data, initial={
        "review_weight_bp": content.get("review_weight_bp", 10000), "roadshow_weight_bp": content.get("roadshow_weight_bp", 0),
    })
    if request.method == "POST" and criteria.is_valid() and weights.is_valid():
        new_content = {
            **content,
            "criteria": [
                {k: v for k, v in f.cleaned_data.items() if k != "DELETE"}
                for f in criteria if f.cleaned_data and not f.cleaned_data.get("DELETE")
            ],
            "review_weight_bp": weights.cleaned_data["review_weight_bp"],
            "roadshow_weight_bp": weights.cleaned_data["roadshow_weight_bp"] or 0,
        }
        saved = submit(weights, lambda: services.template_version_revise(actor=request.user, program=program, kind=TemplateKind.RUBRIC, content=new_content))
        if saved is not FAILED:
            messages.success(request, _("The rubric was saved."))
            return redirect("programs:program-detail", pk=program.pk)
    context = {"program": program, "criteria": criteria, "weights": weights, "frozen": program.status != ProgramStatus.SETUP}
    return render(request, "programs/rubric_form.html", context)


@login_required
def workflow_detail(request, pk: int):
    program = permissions.access_staff_program(request.user, pk)
    version = program.workflow_version
    context = {
        "program": program,
        "states": list(version.states.all()),
        "transitions": [
            {"step": t, "roles": labels.role_labels(t.roles), "guards": labels.guard_labels(t.guards),
             "effects": labels.effect_labels(t.effects)}
            for t in version.transitions.select_related("source", "target")
        ],
        "own_copy": not version.template.is_default,
        "editable": permissions.can_manage_program(request.user, program) and program.status == ProgramStatus.SETUP,
    }
    return render(request, "programs/workflow_detail.html", context)


@login_required
@require_POST
def workflow_copy(request, pk: int):
    program = permissions.access_staff_program(request.user, pk)
    try:
        services.workflow_copy(actor=request.user, program=program)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The program now has its own copy of the workflow, which you can adjust."))
    return redirect("programs:workflow", pk=program.pk)


@login_required
@require_http_methods(["GET", "POST"])
def transition_edit(request, pk: int, transition_pk: int):
    program = permissions.access_staff_program(request.user, pk)
    if not permissions.can_manage_program(request.user, program):
        raise PermissionDenied
    transition = get_object_or_404(WorkflowTransition, pk=transition_pk, version=program.workflow_version)
    initial = {"label_zh": transition.label_zh, "label_en": transition.label_en, "roles": transition.roles, "needs_reason": transition.needs_reason, "enabled": True}
    form = TransitionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = submit(form, lambda: services.workflow_transition_update(actor=request.user, program=program, transition=transition, **form.cleaned_data))
        if saved is not FAILED:
            messages.success(request, _("The workflow step was saved."))
            return redirect("programs:workflow", pk=program.pk)
    return render(request, "programs/transition_form.html", {"program": program, "transition": transition, "form": form})


def call_list(request):
    return render(request, "programs/call_list.html", {"calls": list(queries.open_calls())})


def call_detail(request, pk: int):
    program = permissions.access_public_program(pk)
    context = {
        "program": program,
        "domains": [pd.domain for pd in program.program_domains.select_related("domain")],
        "stages": list(program.stages.all()),
        "organizations": list(queries.applying_organizations(request.user)) if request.user.is_authenticated else [],
        "is_open": program.call_is_open(),
    }
    return render(request, "programs/call_detail.html", context)
