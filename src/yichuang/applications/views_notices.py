"""Public notices: the officer's management pages and the public page with its objection form."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from yichuang.accounts.throttle import client_address
from yichuang.applications import notices as services
from yichuang.applications import permissions
from yichuang.applications.forms import NoticeForm, ObjectionAnswerForm, ObjectionForm
from yichuang.applications.models import NoticeItem, NoticeKind, PublicNotice
from yichuang.applications.permissions import staff_applications
from yichuang.core.calendar import earliest_end
from yichuang.core.forms import FAILED, run_step, submit
from yichuang.programs import permissions as program_permissions
from yichuang.programs.queries import notice_candidate_states


def _managed_program(request, program_pk: int):
    program = program_permissions.access_staff_program(request.user, program_pk)
    if not program_permissions.can_manage_program(request.user, program):
        raise PermissionDenied
    return program


def _candidates(request, program, kind: str):
    """What a notice of ``kind`` may list, among the applications the officer can see."""
    return staff_applications(request.user).filter(
        program=program, state__in=notice_candidate_states(program, kind)
    ).select_related("organization", "state").order_by("number")


def _notice_page(request, program, notice=None):
    """The form for a new notice or a draft: a period of the program's minimum, starting at the next minute."""
    kind = notice.kind if notice else request.GET.get("kind", NoticeKind.SHORTLIST)
    if kind not in NoticeKind.values:
        kind = NoticeKind.SHORTLIST
    if notice is None:
        opens_at = (timezone.localtime() + timezone.timedelta(minutes=1)).replace(second=0, microsecond=0)
        initial = {"opens_at": opens_at, "closes_at": earliest_end(opens_at, program.notice_min_working_days),
                   "kind": kind, "title": _("%(program)s: public notice") % {"program": program.name}}
    else:
        initial = {"kind": notice.kind, "title": notice.title, "body": notice.body, "opens_at": notice.opens_at,
                   "closes_at": notice.closes_at, "applications": [item.application_id for item in notice.items.all()]}
    form = NoticeForm(request.POST or None, applications=_candidates(request, program, kind), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {"title": data["title"], "body": data["body"], "opens_at": data["opens_at"],
                  "closes_at": data["closes_at"], "applications": list(data["applications"])}
        if notice is None:
            saved = submit(form, lambda: services.notice_create(actor=request.user, program=program, kind=kind, **fields))
        else:
            saved = submit(form, lambda: services.notice_update(actor=request.user, notice=notice, **fields))
        if saved is not FAILED:
            messages.success(request, _("The notice was prepared. Check it, then publish it."))
            return redirect("applications:notice-manage", pk=saved.pk)
    context = {"program": program, "form": form, "notice": notice, "kind": kind, "kinds": NoticeKind.choices,
               "has_candidates": form.fields["applications"].queryset.exists(),
               "minimum_days": program.notice_min_working_days}
    return render(request, "applications/notice_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def notice_create(request, program_pk: int):
    return _notice_page(request, _managed_program(request, program_pk))


def _managed_notice(request, pk: int) -> PublicNotice:
    return permissions.access_managed_notice(request.user, pk)


@login_required
@require_http_methods(["GET", "POST"])
def notice_edit(request, pk: int):
    notice = _managed_notice(request, pk)
    if notice.published_at is not None:
        messages.error(request, _("This notice is published: it can no longer be changed, only withdrawn with a reason."))
        return redirect("applications:notice-manage", pk=notice.pk)
    return _notice_page(request, notice.program, notice)


@login_required
@require_POST
def notice_delete(request, pk: int):
    notice = _managed_notice(request, pk)
    program_pk = notice.program_id
    if run_step(request, lambda: services.notice_delete(actor=request.user, notice=notice), _("The draft notice was deleted.")):
        return redirect("programs:program-detail", pk=program_pk)
    return redirect("applications:notice-manage", pk=notice.pk)


@login_required
@require_POST
def notice_withdraw(request, pk: int):
    notice = _managed_notice(request, pk)
    run_step(request, lambda: services.notice_withdraw(actor=request.user, notice=notice, reason=request.POST.get("reason", "")),
             _("The notice was withdrawn. Its page says so, with your reason."))
    return redirect("applications:notice-manage", pk=notice.pk)


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
def objection_close(request, pk: int, objection_pk: int):
    objection = permissions.access_managed_objection(request.user, pk, objection_pk)
    run_step(request, lambda: services.objection_close(actor=request.user, objection=objection,
                                                       reason=request.POST.get("reason", "")),
             _("The objection is closed without an answer; your reason is recorded."))
    return redirect("applications:notice-manage", pk=pk)


@login_required
@require_POST
def objection_answer(request, pk: int, objection_pk: int):
    objection = permissions.access_managed_objection(request.user, pk, objection_pk)
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


CHALLENGE_KEY = "objection_check"


def _challenge(request) -> tuple[int, int]:
    """Two small numbers to add, kept in the session until an objection is filed."""
    import secrets

    pair = request.session.get(CHALLENGE_KEY)
    if not pair:
        pair = [secrets.randbelow(9) + 1, secrets.randbelow(9) + 1]
        request.session[CHALLENGE_KEY] = pair
    return tuple(pair)


def public_notices(request):
    notices = PublicNotice.objects.filter(published_at__isnull=False).select_related("program").order_by("-opens_at")
    return render(request, "applications/public_notice_list.html", {"notices": notices, "now": timezone.now()})


@require_http_methods(["GET", "POST"])
def public_notice(request, pk: int):
    notice = get_object_or_404(PublicNotice.objects.filter(published_at__isnull=False).select_related("program"), pk=pk)
    items = list(notice.items.select_related("application__organization", "application__domain", "application__community"))
    form = ObjectionForm(request.POST or None, items=items, challenge=_challenge(request))
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["website"]:  # a bot filled the hidden field: accept silently, store nothing
            return redirect("applications:public-notice", pk=notice.pk)
        item = NoticeItem.objects.filter(notice=notice, pk=form.cleaned_data["item"]).first() if form.cleaned_data["item"] else None
        objection = submit(form, lambda: services.objection_file(
            notice=notice, item=item, name=form.cleaned_data["name"], contact=form.cleaned_data["contact"], text=form.cleaned_data["text"],
            address=client_address(request),
        ))
        if objection is not FAILED:
            request.session.pop(CHALLENGE_KEY, None)  # the next objection gets a new sum
            messages.success(request, _("Your objection was received. The program office will answer it before the decision is final."))
            return redirect("applications:public-notice", pk=notice.pk)
    context = {
        "notice": notice,
        "items": items,
        "form": form,
        "is_open": notice.is_open(),
        "answered": notice.objections.exclude(answered_at=None).filter(closed_at=None).select_related("item__application"),
        "objection_count": notice.objections.count(),
    }
    return render(request, "applications/public_notice.html", context)
