"""Pledging a gift online, a donor's own gifts, and importing the host's bank statement."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yichuang.charity import bank
from yichuang.charity.forms import PledgeForm, StatementForm
from yichuang.charity.models import BankLine, Donation, Fund
from yichuang.charity.views import _managed
from yichuang.core.forms import FAILED, apply_validation_error, run_step, submit
from yichuang.core.paging import paginate


@login_required
def pledge_new(request, pk: int):
    fund = get_object_or_404(Fund.objects.select_related("host", "community"), pk=pk)
    initial = {"donor_name": request.user.display_name or ""}
    form = PledgeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        pledge = submit(form, lambda: bank.pledge_make(actor=request.user, fund=fund, text=form.text()))
        if pledge is not FAILED:
            messages.success(request, _("Thank you. Write %(code)s in the memo of your bank transfer.")
                             % {"code": pledge.pledge_code})
            return redirect("charity:mine")
    return render(request, "charity/pledge_form.html", {"form": form, "fund": fund},
                  status=400 if form.errors else 200)


@login_required
def mine(request):
    rows = Donation.objects.filter(donor_user=request.user).select_related("fund__host").order_by("-created_at")
    return render(request, "charity/mine.html", paginate(request, rows, per_page=30))


@login_required
def statement(request, pk: int):
    fund = _managed(request, pk)
    form = StatementForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = bank.statement_import(actor=request.user, fund=fund, upload=form.cleaned_data["statement"])
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            if result.problems:
                for problem in result.problems[:20]:
                    form.add_error("statement", problem)
            else:
                messages.success(request, _("%(matched)s matched to pledges, %(waiting)s waiting for you, "
                                            "%(duplicates)s imported before and skipped.") % vars(result))
                return redirect("charity:statement", fund.pk)
    status = request.GET.get("status", BankLine.Status.UNMATCHED)
    status = status if status in BankLine.Status.values else BankLine.Status.UNMATCHED
    return render(request, "charity/statement.html", {
        "fund": fund, "form": form, "status": status, "statuses": BankLine.Status.choices,
        **paginate(request, fund.bank_lines.filter(status=status).select_related("donation"), per_page=50)},
        status=400 if form.errors else 200)


@login_required
@require_POST
def line_set_aside(request, pk: int):
    line = get_object_or_404(BankLine.objects.select_related("fund__community"), pk=pk)
    fund = _managed(request, line.fund_id)
    run_step(request, lambda: bank.bank_line_set_aside(actor=request.user, line=line), _("Set aside."))
    return redirect("charity:statement", fund.pk)
