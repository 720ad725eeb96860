"""Project actions that move or commit money: tranche steps, spending, budget adjustments."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from yichuang.core.forms import FAILED, flash_errors, run_step, submit
from yichuang.kernel.money import Money
from yichuang.projects import amendments, permissions, spending, tranches
from yichuang.projects.forms import AdjustmentForm, AmendmentForm, ExpenditureForm
from yichuang.projects.views import detail_context

TRANCHE_ACTIONS = {
    "propose": lambda actor, tranche, amount, text: tranches.tranche_propose(
        actor=actor, tranche=tranche, amount=amount, note=text),
    "approve": lambda actor, tranche, amount, text: tranches.tranche_approve(actor=actor, tranche=tranche),
    "return": lambda actor, tranche, amount, text: tranches.tranche_return(actor=actor, tranche=tranche, reason=text),
    "hold": lambda actor, tranche, amount, text: tranches.tranche_hold(actor=actor, tranche=tranche, reason=text),
    "resume": lambda actor, tranche, amount, text: tranches.tranche_resume(actor=actor, tranche=tranche, reason=text),
    "cancel": lambda actor, tranche, amount, text: tranches.tranche_cancel(actor=actor, tranche=tranche, reason=text),
    "reduce": lambda actor, tranche, amount, text: tranches.tranche_reduce(
        actor=actor, tranche=tranche, amount=amount, reason=text),
    "clawback": lambda actor, tranche, amount, text: tranches.tranche_claw_back(
        actor=actor, tranche=tranche, amount=amount, reason=text),
}
DONE = {
    "propose": gettext_lazy("The release is proposed; another officer must approve it."),
    "approve": gettext_lazy("Approved: the payment is recorded in the ledger."),
}


def _amount(text: str) -> Money | None:
    if not text.strip():
        return None
    try:
        return Money.from_yuan(text.strip())
    except ValueError:
        raise ValidationError(_("Enter an amount in yuan, such as 9000 or 9,000.50.")) from None


@login_required
@require_POST
def tranche_action(request, pk: int, action: str):
    tranche = permissions.access_tranche(request.user, pk)
    project = tranche.project
    if action not in TRANCHE_ACTIONS:
        raise Http404
    permissions.require_officer(request.user, project)
    try:
        amount = _amount(request.POST.get("amount", ""))
        if action in ("reduce", "clawback") and amount is None:
            raise ValidationError(_("Enter the amount."))
        TRANCHE_ACTIONS[action](request.user, tranche, amount, request.POST.get("text", ""))
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, str(DONE.get(action, _("Done."))))
    return redirect("projects:detail", pk=project.pk)


@login_required
@require_POST
def expenditure_add(request, pk: int):
    project = permissions.access_project(request.user, pk)
    permissions.require_grantee(request.user, project)
    form = ExpenditureForm(request.POST, request.FILES, lines=project.budget_lines.all())
    if form.is_valid():
        data = form.cleaned_data
        result = submit(form, lambda: spending.expenditure_record(
            actor=request.user, line=data["line"], amount=data["amount"], spent_on=data["spent_on"],
            description=data["description"], voucher=data["voucher"]))
        if result is not FAILED:
            messages.success(request, _("The expenditure and its voucher are recorded."))
            return redirect("projects:detail", pk=project.pk)
    if "voucher" not in form.errors and request.FILES.get(form.add_prefix("voucher")):
        form.add_error("voucher", _("Choose the voucher file again: files are not kept when the form has a mistake."))
    return render(request, "projects/detail.html", detail_context(request, project, expenditure_form=form), status=400)


@login_required
@require_POST
def adjustment_add(request, pk: int):
    project = permissions.access_project(request.user, pk)
    permissions.require_grantee(request.user, project)
    form = AdjustmentForm(request.POST, lines=project.budget_lines.all())
    if form.is_valid():
        data = form.cleaned_data
        result = submit(form, lambda: spending.adjustment_request(
            actor=request.user, project=project, source=data["source"], target=data["target"], amount=data["amount"],
            reason=data["reason"]))
        if result is not FAILED:
            messages.success(request, _("Applied: the move is within the tolerance.") if result.status == "applied"
                             else _("Sent: an officer must approve this move."))
            return redirect("projects:detail", pk=project.pk)
    return render(request, "projects/detail.html", detail_context(request, project, adjustment_form=form), status=400)


@login_required
@require_POST
def adjustment_decide(request, pk: int):
    adjustment = permissions.access_adjustment(request.user, pk)
    project = adjustment.project
    permissions.require_officer(request.user, project)
    run_step(request, lambda: spending.adjustment_decide(
        actor=request.user, adjustment=adjustment, approve=request.POST.get("approve") == "1",
        note=request.POST.get("note", "")), _("Your decision on the adjustment is recorded."))
    return redirect("projects:detail", pk=project.pk)


@login_required
@require_POST
def amendment_propose(request, pk: int):
    project = permissions.access_project(request.user, pk)
    if not (permissions.is_officer(request.user, project) or permissions.is_grantee(request.user, project)):
        raise Http404
    form = AmendmentForm(request.POST, tranches=amendments.amendable_tranches(project))
    if form.is_valid():
        result = submit(form, lambda: amendments.amendment_propose(
            actor=request.user, project=project, plan=form.plan(), reason=form.cleaned_data["reason"]))
        if result is not FAILED:
            messages.success(request, _("The amendment is proposed; the other side confirms it, then a second officer approves it."))
            return redirect("projects:detail", pk=project.pk)
    return render(request, "projects/detail.html", detail_context(request, project, amendment_form=form), status=400)


AMENDMENT_STEPS = {
    "confirm": (lambda actor, amendment, note: amendments.amendment_confirm(actor=actor, amendment=amendment),
                gettext_lazy("Your side's confirmation of the amendment is recorded.")),
    "approve": (lambda actor, amendment, note: amendments.amendment_approve(actor=actor, amendment=amendment),
                gettext_lazy("Approved: the amended tranche plan is in force.")),
    "reject": (lambda actor, amendment, note: amendments.amendment_reject(actor=actor, amendment=amendment, note=note),
               gettext_lazy("The amendment is rejected; the tranches stay as they were.")),
}


@login_required
@require_POST
def amendment_step(request, pk: int, action: str):
    amendment = permissions.access_amendment(request.user, pk)
    project = amendment.project
    if action not in AMENDMENT_STEPS:
        raise Http404
    step, done = AMENDMENT_STEPS[action]
    run_step(request, lambda: step(request.user, amendment, request.POST.get("note", "")), str(done))
    return redirect(reverse("projects:detail", args=[project.pk]) + "#amendments-h")
