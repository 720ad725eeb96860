"""Pages of the applying organization: its applications, the draft editor, status and answers."""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from yichuang.applications import engine, permissions, services
from yichuang.applications.documents import submission_problems
from yichuang.applications.forms import ROWS, AttachmentForm, editor_rows, field_name, parse_document
from yichuang.applications.messages import problem_message
from yichuang.applications.models import Attachment, TransitionLog
from yichuang.core.errors import StaleEditError
from yichuang.places.models import Area
from yichuang.programs import permissions as program_permissions
from yichuang.programs.models import Purpose
from yichuang.programs.queries import open_calls


@login_required
def my_applications(request):
    organizations = list(permissions.applying_organizations(request.user))
    if not organizations:
        raise PermissionDenied
    applications = permissions.own_applications(request.user).select_related("program", "state", "organization").order_by("-created_at")
    return render(request, "applications/my_list.html", {"applications": applications, "calls": list(open_calls())})


@login_required
@require_POST
def start(request, program_pk: int):
    program = program_permissions.access_public_program(program_pk)
    organization = get_object_or_404(permissions.applying_organizations(request.user), pk=request.POST.get("organization"))
    try:
        application = services.application_start(actor=request.user, program=program, organization=organization)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("programs:call-detail", pk=program.pk)
    return redirect("applications:edit", pk=application.pk)


def _communities(program):
    return Area.objects.filter(path__startswith=program.area.path, level__in=["street", "community"]).order_by("path")


def _problems_by_field(problems) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for problem in problems:
        found.setdefault(field_name(problem.path), []).append(problem_message(problem))
    return found


def _editor_context(application, *, problems=(), extra: dict | None = None):
    extra = extra or {}
    document = application.draft
    return {
        "application": application,
        "program": application.program,
        "document": document,
        "rows": {section: editor_rows(document, section, extra.get(section, 1)) for section in ROWS},
        "domains": [pd.domain for pd in application.program.program_domains.select_related("domain")],
        "communities": _communities(application.program),
        "errors": _problems_by_field(problems),
        "attachments": application.attachments.filter(removed_at=None),
        "attachment_form": AttachmentForm(),
        "open_request": application.info_requests.filter(answered_at=None).last(),
        "submit_code": "resubmit" if application.state.code == "more_info" else "submit",
        # One token per opened editor, so a tab's own autosaves never count as someone else's change.
        "editor_token": secrets.token_hex(8),
    }


def _revision(value) -> int:
    """The revision the editor saw; anything unreadable counts as stale, never as a server error."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1


def _save(request, application):
    community = None
    if request.POST.get("community"):
        community = _communities(application.program).filter(pk=request.POST["community"]).first()
    return services.application_autosave(
        actor=request.user, application=application, raw=parse_document(request.POST),
        revision=_revision(request.POST.get("revision")), community=community, editor=request.POST.get("editor", ""),
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk: int):
    application = permissions.access_own_application(request.user, pk)
    if not application.state.applicant_editable:
        return redirect("applications:own-detail", pk=application.pk)
    if request.method == "GET":
        return render(request, "applications/editor.html", _editor_context(application))
    try:
        application, problems = _save(request, application)
    except StaleEditError as error:
        messages.error(request, error.messages[0])
        return redirect("applications:edit", pk=application.pk)
    action = request.POST.get("action", "save")
    if action.startswith("add-") and action[4:] in ROWS:
        return render(request, "applications/editor.html", _editor_context(application, problems=problems, extra={action[4:]: 2}))
    if action in (Purpose.SUBMIT, Purpose.RESUBMIT):
        return _submit(request, application, action)
    messages.success(request, _("Your draft was saved."))
    return render(request, "applications/editor.html", _editor_context(application, problems=problems))


def _submit(request, application, purpose: str):
    step = engine.step_for(application, purpose)
    code = step.code if step else purpose
    try:
        engine.application_step(
            actor=request.user, application=application, purpose=purpose, answer=request.POST.get("answer", "")
        )
    except engine.TransitionRefused as refused:
        for message in refused.messages:
            messages.error(request, message)
        return render(request, "applications/editor.html", _editor_context(application, problems=submission_problems(application)))
    except ValidationError as error:
        if _already_done(request.user, application, code):
            return redirect("applications:own-detail", pk=application.pk)
        messages.error(request, " ".join(error.messages))
        return redirect("applications:own-detail", pk=application.pk)
    messages.success(request, _("Your application was submitted. You can follow its status here."))
    return redirect("applications:own-detail", pk=application.pk)


def _already_done(user, application, code: str) -> bool:
    """A second click on the same button after it succeeded: show the result, not an error."""
    latest = TransitionLog.objects.filter(application=application).order_by("-at", "-id").first()
    return latest is not None and latest.transition == code and latest.actor_id == user.pk


@login_required
@require_POST
def autosave(request, pk: int):
    application = permissions.access_own_application(request.user, pk)
    context = {"application": application}
    try:
        application, problems = _save(request, application)
        context.update(application=application, saved=True, problem_count=len(problems))
    except StaleEditError:
        context["conflict"] = True
    except ValidationError as error:
        context["refused"] = " ".join(error.messages)
    return render(request, "applications/_save_status.html", context)


@login_required
def detail(request, pk: int):
    application = permissions.access_own_application(request.user, pk)
    context = {
        "application": application,
        "history": application.transitions.select_related("to_state").order_by("at"),
        "requests": application.info_requests.all(),
        "actions": [t for t in engine.available_transitions(request.user, application)
                    if t.purpose not in (Purpose.SUBMIT, Purpose.RESUBMIT)],
        "latest": application.latest_version,
        "attachments": application.attachments.filter(removed_at=None),
    }
    return render(request, "applications/own_detail.html", context)


@login_required
@require_POST
def transition(request, pk: int):
    application = permissions.access_own_application(request.user, pk)
    code = request.POST.get("code", "")
    try:
        engine.application_transition(actor=request.user, application=application, code=code, reason=request.POST.get("reason", ""))
    except ValidationError as error:
        if not _already_done(request.user, application, code):
            for message in error.messages:
                messages.error(request, message)
    except PermissionDenied:
        raise
    else:
        messages.success(request, _("Done."))
    return redirect("applications:own-detail", pk=application.pk)


@login_required
@require_POST
def attachment_add(request, pk: int):
    application = permissions.access_own_application(request.user, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attachment_add(actor=request.user, application=application, upload=form.cleaned_data["file"], description=form.cleaned_data["description"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The file was attached."))
    else:
        messages.error(request, _("Choose a file to attach."))
    return redirect("applications:edit", pk=application.pk)


@login_required
@require_POST
def attachment_remove(request, pk: int, attachment_pk: int):
    application = permissions.access_own_application(request.user, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, application=application, removed_at=None)
    services.attachment_remove(actor=request.user, attachment=attachment)
    messages.success(request, _("The file was removed from the draft."))
    return redirect("applications:edit", pk=application.pk)
