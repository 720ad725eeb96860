"""Community charity fund pages: the public list and page, setting a fund up, recording donations,
receipts as PDF, and a donor's own look at their gift by receipt number and verification code."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from yichuang.accounts import throttle
from yichuang.accounts.roles import Role
from yichuang.accounts.scopes import area_paths, q_path_within
from yichuang.charity import accounts, permissions, queries, services
from yichuang.charity.forms import DonationForm, FundForm, RefundForm
from yichuang.charity.models import BankLine, Donation, Fund
from yichuang.core.forms import FAILED, submit
from yichuang.core.paging import paginate
from yichuang.core.pdf import pdf_response, render_pdf
from yichuang.places.models import Area, AreaLevel


def fund_list(request):
    funds = list(Fund.objects.select_related("community__parent", "host"))
    balances = accounts.balances_of(funds)
    for fund in funds:
        fund.balance = balances[fund.pk][accounts.HOLDINGS]
    return render(request, "charity/fund_list.html", {
        "funds": funds, "may_set_up": permissions.set_up_hosts(request.user).exists()})


def fund(request, pk: int):
    row = get_object_or_404(Fund.objects.select_related("host", "community__parent"), pk=pk)
    rows = queries.periods(row)
    total = queries.totals(rows)
    manages = request.user.is_authenticated and permissions.manages(request.user, row)
    grants = list(queries.paid_grants(row)[:20])
    queries.mark_public_projects(grants)
    return render(request, "charity/fund.html", {
        "fund": row, "balances": accounts.balances_of([row])[row.pk], "quarters": queries.income_by_quarter(rows),
        "total": total["total"], "count": total["n"], "spending": queries.spending_by_quarter(rows),
        "cost_ratio": queries.cost_ratio(rows), "grants": grants,
        "pending": (queries.pending_grants(row) if manages or permissions.committee_seat(request.user, row)
                    else None),
        **paginate(request, queries.donors(row), per_page=30, count=total["n"]),
        "committee": list(row.committee.all()), "areas": list(row.areas_served.order_by("path")), "manages": manages,
        "disclosures": list(row.disclosures.all()[:8]),
        "project_reports": list(row.project_disclosures.select_related("project")[:8])})


@login_required
def fund_new(request):
    user = request.user
    officer_paths = area_paths(user, Role.PROGRAM_OFFICER)
    hosts = permissions.set_up_hosts(user)
    if not hosts.exists():
        raise Http404
    communities = Area.objects.filter(level=AreaLevel.COMMUNITY).select_related("parent").order_by("path")
    communities = communities.filter(q_path_within("path", officer_paths or [h.area.path for h in hosts.select_related("area")]))
    form = FundForm(request.POST or None, hosts=hosts, communities=communities)
    if request.method == "POST" and form.is_valid():
        row = submit(form, lambda: services.fund_create(actor=user, text=form.text()))
        if row is not FAILED:
            messages.success(request, _("The fund is set up. Record its donations as they arrive."))
            return redirect("charity:fund", row.pk)
    return render(request, "charity/fund_form.html", {"form": form}, status=400 if form.errors else 200)


def _managed(request, pk: int) -> Fund:
    row = get_object_or_404(Fund.objects.select_related("host", "community"), pk=pk)
    if not permissions.manages(request.user, row):
        raise Http404
    return row


@login_required
def donation_new(request, pk: int):
    row = _managed(request, pk)
    line = row.bank_lines.filter(pk=request.GET.get("line", "") if request.GET.get("line", "").isdigit() else 0,
                                 status=BankLine.Status.UNMATCHED).first()
    initial = {"method": Donation.Method.BANK, "donor_name": line.payer, "amount": line.amount,
               "received_on": line.booked_on, "bank_reference": line.reference} if line else None
    form = DonationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        donation = submit(form, lambda: services.donation_record(actor=request.user, fund=row, text=form.text()))
        if donation is not FAILED:
            messages.success(request, _("Recorded with receipt %(n)s.") % {"n": donation.receipt_number})
            return redirect("charity:donations", row.pk)
    return render(request, "charity/donation_form.html", {"form": form, "fund": row},
                  status=400 if form.errors else 200)


@login_required
def donations(request, pk: int):
    row = _managed(request, pk)
    return render(request, "charity/donations.html", {
        "fund": row, **paginate(request, row.donations.select_related("recorded_by"), per_page=50)})


@login_required
def donation_refund(request, pk: int):
    donation = get_object_or_404(Donation.objects.select_related("fund"), pk=pk, status=Donation.Status.RECEIVED)
    fund = _managed(request, donation.fund_id)
    form = RefundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = submit(form, lambda: services.donation_refund(actor=request.user, donation=donation,
                                                             reason=form.cleaned_data["reason"]))
        if done is not FAILED:
            messages.success(request, _("Refunded: the reverse entry is in the ledger."))
            return redirect("charity:donations", fund.pk)
    return render(request, "charity/refund_form.html", {"form": form, "fund": fund, "donation": donation},
                  status=400 if form.errors else 200)


@login_required
def receipt(request, pk: int):
    """The receipt as PDF: for the fund's managers and the donor's own account."""
    donation = get_object_or_404(Donation.objects.select_related("fund__host", "fund__community"),
                                 pk=pk, status=Donation.Status.RECEIVED)
    if donation.donor_user_id != request.user.pk and not permissions.manages(request.user, donation.fund):
        raise Http404
    pdf = render_pdf("charity/receipt_pdf.html", {"donation": donation, "fund": donation.fund})
    return pdf_response(f"{donation.receipt_number}.pdf", pdf)


def trace(request):
    """Anyone with a receipt number and its verification code sees that gift (never the donor's name)."""
    number = request.GET.get("receipt", "").strip().upper()
    code = request.GET.get("code", "").strip().upper()
    found = None
    if number and code:
        key = f"gift-lookup:{throttle.client_address(request)}"
        if throttle.count(key, 3600) > settings.GIFT_LOOKUPS_PER_ADDRESS_PER_HOUR:
            return render(request, "charity/trace.html", {"throttled": True, "number": number, "code": code},
                          status=429)
        found = (Donation.objects.select_related("fund").filter(
            receipt_number=number, verification_code=code,
            status__in=(Donation.Status.RECEIVED, Donation.Status.REFUNDED)).first())
    return render(request, "charity/trace.html", {"donation": found, "asked": bool(number and code),
                                                  "trail": queries.gift_trail(found) if found else [],
                                                  "number": number, "code": code},
                  status=404 if number and code and found is None else 200)
