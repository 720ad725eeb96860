"""Public notices: the officer's management pages and the public page with its objection form."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from yichuang.applications import notices as services
from yichuang.applications.forms import NoticeForm, ObjectionAnswerForm, ObjectionForm
from yichuang.applications.models import NoticeItem, Objection, PublicNotice
from yichuang.applications.permissions import staff_applications
from yichuang.core.forms import FAILED, submit
from yichuang.programs import permissions as program_permissions
from yichuang.programs.queries import states_after_approval


def _managed_program(request, program_pk: int):
    program = program_permissions.access_staff_program(request.user, program_pk)
    if not program_permissions.can_manage_program(request.user, program):
        raise PermissionDenied
    return program


@login_required
@require_http_methods(["GET", "POST"])
def notice_create(request, program_pk: int):
    program = _managed_program(request, program_pk)
    candidates = staff_applications(request.user).filter(
        program=program, state__in=states_after_approval(program)
    ).select_related("organization", "state").order_by("number")
    now = timezone.localtime().replace(second=0, microsecond=0)
    form = NoticeForm(request.POST or None, applications=candidates, initial={
        "opens_at": now, "closes_at": now + timezone.timedelta(days=7), "kind": "shortlist",
        "title": _("%(program)s: public notice") % {"program": program.name},
    })
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        notice = submit(form, lambda: services.notice_create(
            actor=request.user, program=program, kind=data["kind"], title=data["title"], body=data["body"],
            opens_at=data["opens_at"], closes_at=data["closes_at"], applications=list(data["applications"]),
        ))
        if notice is not FAILED:
            messages.success(request, _("The notice was prepared. Check it, then publish it."))
            return redirect("applications:notice-manage", pk=notice.pk)
    return render(request, "applications/notice_form.html", {"program": program, "form": form})


@login_required
def notice_manage(request, pk: int):
    notice = get_object_or_404(
        PublicNotice.objects.select_related("program__area").filter(program__in=program_permissions.staff_programs(request.user)), pk=pk
    )
    context = {
        "notice": notice,
        "items": notice.items.select_related("application__organization", "application__domain"),
        "objections": notice.objections.select_related("item__application", "answered_by"),
        "can_manage": program_permissions.can_manage_program(request.user, notice.program),
        "answer_form": ObjectionAnswerForm(),
        "now": timezone.now(),
    }
    return render(request, "applications/notice_manage.html", context)


def _act(request, pk: int, action, success: str):
    notice = get_object_or_404(PublicNotice.objects.filter(program__in=program_permissions.staff_programs(request.user)), pk=pk)
    try:
        action(actor=request.user, notice=notice)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect("applications:notice-manage", pk=notice.pk)


@login_required
@require_POST
def notice_publish(request, pk: int):
    return _act(request, pk, services.notice_publish, _("The notice is published on the public site."))


@login_required
@require_POST
def notice_finalize(request, pk: int):
    return _act(request, pk, services.notice_finalize, _("The notice period is over and the decision is final."))


@login_required
@require_POST
def objection_answer(request, pk: int, objection_pk: int):
    objection = get_object_or_404(
        Objection.objects.filter(notice__program__in=program_permissions.staff_programs(request.user)), pk=objection_pk, notice_id=pk
    )
    form = ObjectionAnswerForm(request.POST)
    if form.is_valid():
        try:
            services.objection_answer(actor=request.user, objection=objection, answer=form.cleaned_data["answer"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Your answer was recorded."))
    else:
        messages.error(request, _("Write the answer to the objection."))
    return redirect("applications:notice-manage", pk=pk)


def public_notices(request):
    notices = PublicNotice.objects.filter(published_at__isnull=False).select_related("program").order_by("-opens_at")
    return render(request, "applications/public_notice_list.html", {"notices": notices, "now": timezone.now()})


@require_http_methods(["GET", "POST"])
def public_notice(request, pk: int):
    notice = get_object_or_404(PublicNotice.objects.filter(published_at__isnull=False).select_related("program"), pk=pk)
    items = list(notice.items.select_related("application__organization", "application__domain", "application__community"))
    form = ObjectionForm(request.POST or None, items=items)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["website"]:  # a bot filled the hidden field: accept silently, store nothing
            return redirect("applications:public-notice", pk=notice.pk)
        item = NoticeItem.objects.filter(notice=notice, pk=form.cleaned_data["item"]).first() if form.cleaned_data["item"] else None
        objection = submit(form, lambda: services.objection_file(
            notice=notice, item=item, name=form.cleaned_data["name"], contact=form.cleaned_data["contact"], text=form.cleaned_data["text"],
        ))
        if objection is not FAILED:
            messages.success(request, _("Your objection was received. The program office will answer it before the decision is final."))
            return redirect("applications:public-notice", pk=notice.pk)
    context = {
        "notice": notice,
        "items": items,
        "form": form,
        "is_open": notice.is_open(),
        "answered": notice.objections.exclude(answered_at=None).select_related("item__application"),
        "objection_count": notice.objections.count(),
    }
    return render(request, "applications/public_notice.html", context)
