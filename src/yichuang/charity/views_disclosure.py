"""A fund's quarterly disclosure reports: the managers' list with due dates, the report as PDF and
Excel (public once published), and publishing it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yichuang.charity import disclosure, permissions, services
from yichuang.charity.models import Disclosure, Fund
from yichuang.charity.views import _managed
from yichuang.core.exports import xlsx_response
from yichuang.core.forms import run_step
from yichuang.core.pdf import pdf_response, render_pdf
from yichuang.kernel import charity as rules


@login_required
def disclosures(request, pk: int):
    fund = _managed(request, pk)
    today = timezone.localdate()
    return render(request, "charity/disclosures.html", {
        "fund": fund, "quarters": disclosure.quarters(fund, today), "projects": disclosure.ended_projects(fund, today)})


def _report(request, pk: int, year: int, quarter: int) -> dict:
    """A finished quarter's report: anyone once published, the fund's managers before."""
    fund = get_object_or_404(Fund.objects.select_related("host", "community"), pk=pk)
    today = timezone.localdate()
    if not (1 <= quarter <= 4 and 2000 <= year <= today.year and rules.quarter_bounds(year, quarter)[1] < today):
        raise Http404
    published = Disclosure.objects.filter(fund=fund, year=year, quarter=quarter).exists()
    if not published and not (request.user.is_authenticated and permissions.manages(request.user, fund)):
        raise Http404
    return disclosure.report(fund, year, quarter)


def report_pdf(request, pk: int, year: int, quarter: int):
    data = _report(request, pk, year, quarter)
    pdf = render_pdf("charity/disclosure_pdf.html", data)
    return pdf_response(f"{data['fund'].receipt_prefix}-{year}Q{quarter}.pdf", pdf)


def report_xlsx(request, pk: int, year: int, quarter: int):
    data = _report(request, pk, year, quarter)
    return xlsx_response(f"{data['fund'].receipt_prefix}-{year}Q{quarter}.xlsx", disclosure.sheets(data))


@login_required
@require_POST
def publish(request, pk: int, year: int, quarter: int):
    fund = _managed(request, pk)
    run_step(request, lambda: services.disclosure_publish(actor=request.user, fund=fund, year=year, quarter=quarter),
             _("Published on the fund's public page."))
    return redirect("charity:disclosures", fund.pk)


def _project_report(request, pk: int, project: int) -> dict:
    """An ended co-funded project's full report: anyone once published, the fund's managers before."""
    fund = get_object_or_404(Fund.objects.select_related("host", "community"), pk=pk)
    row = next((r for r in disclosure.ended_projects(fund, timezone.localdate()) if r["project"].pk == project), None)
    manages = request.user.is_authenticated and permissions.manages(request.user, fund)
    if row is None or (row["published"] is None and not manages):
        raise Http404
    return disclosure.project_report(fund, row["project"])


def project_pdf(request, pk: int, project: int):
    data = _project_report(request, pk, project)
    pdf = render_pdf("charity/project_report_pdf.html", data)
    return pdf_response(f"{data['fund'].receipt_prefix}-{data['project'].number}.pdf", pdf)


def project_xlsx(request, pk: int, project: int):
    data = _project_report(request, pk, project)
    return xlsx_response(f"{data['fund'].receipt_prefix}-{data['project'].number}.xlsx", disclosure.project_sheets(data))


@login_required
@require_POST
def project_publish(request, pk: int, project: int):
    fund = _managed(request, pk)
    row = next((r for r in disclosure.ended_projects(fund, timezone.localdate()) if r["project"].pk == project), None)
    if row is None:
        raise Http404
    run_step(request, lambda: services.project_disclosure_publish(actor=request.user, fund=fund, project=row["project"]),
             _("Published on the fund's public page."))
    return redirect("charity:disclosures", fund.pk)
