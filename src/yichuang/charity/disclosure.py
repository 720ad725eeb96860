"""A fund's quarterly disclosure report (reads only): income, spending, balances and the management
cost ratio of one quarter, as the PDF, the Excel workbook and the pages show it; which reports are due."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from yichuang.charity import queries
from yichuang.charity.models import Disclosure, Donation, Draw, Fund, FundPeriod, Grant
from yichuang.core.exports import Sheet
from yichuang.kernel import charity as rules
from yichuang.kernel.money import Money


def report(fund: Fund, year: int, quarter: int) -> dict:
    start, end = rules.quarter_bounds(year, quarter)
    before = queries.balances_before(fund, Q(year__lt=year) | Q(year=year, quarter__lt=quarter))
    period = FundPeriod.objects.filter(fund=fund, year=year, quarter=quarter).first() or FundPeriod()
    opening = before["holdings"].fen
    restricted_left = (before["restricted"].fen + period.income_restricted - period.spent_restricted
                       - period.refunded_restricted)
    gifts = Donation.objects.filter(fund=fund, status__in=(Donation.Status.RECEIVED, Donation.Status.REFUNDED),
                                    received_on__range=(start, end))
    spent = Grant.objects.filter(fund=fund, status=Grant.Status.PAID, paid_on__range=(start, end))
    return {
        "fund": fund, "year": year, "quarter": quarter, "start": start, "end": end,
        "opening": Money(opening), "closing": Money(opening + period.income - period.spent - period.refunded),
        "refunded": Money(period.refunded), "refunds": period.refunds,
        "restricted_left": Money(restricted_left), "income": Money(period.income),
        "income_restricted": Money(period.income_restricted), "gift_count": period.gifts,
        "spending": Money(period.spent), "costs": Money(period.costs),
        "cost_ratio": queries.ratio_bp(period.costs, period.spent),
        "gifts": gifts.order_by("received_on", "pk"),
        "grants": _with_recipients(spent.select_related("project__organization", "wish__area", "fund__host")
                                   .order_by("paid_on", "pk")),
        "published": Disclosure.objects.filter(fund=fund, year=year, quarter=quarter).select_related(
            "published_by").first(),
    }


def _with_recipients(grants) -> list[Grant]:
    rows = list(grants)
    for grant in rows:
        grant.published_recipient = recipient(grant)
    return rows


def recipient(grant: Grant) -> str:
    """Who received a grant, as published: never the household that received emergency aid."""
    if grant.project_id:
        return f"{grant.project.title} · {grant.project.organization.name}"
    if grant.wish_id:
        return _("Micro-wish: %(title)s (%(area)s)") % {"title": grant.wish.title, "area": grant.wish.area.name}
    if grant.kind == Grant.Kind.EMERGENCY:
        return _("A household in need (not published)")
    return grant.fund.host.name  # management costs stay with the host charity that runs the fund


def sheets(data: dict) -> list[Sheet]:
    """The report as an Excel workbook: a summary, the quarter's gifts and its spending."""
    summary = [
        (_("Fund"), data["fund"].name), (_("Quarter"), f"{data['year']} Q{data['quarter']}"),
        (_("From"), data["start"]), (_("To"), data["end"]), (_("Opening balance"), data["opening"]),
        (_("Donations received"), data["income"]), (_("of which restricted"), data["income_restricted"]),
        (_("Number of donations"), data["gift_count"]), (_("Spent"), data["spending"]),
        (_("of which management costs"), data["costs"]), (_("Refunded to donors"), data["refunded"]),
        (_("Closing balance"), data["closing"]),
        (_("Restricted money left"), data["restricted_left"]),
        (_("Management costs as a share of spending"),
         "—" if data["cost_ratio"] is None else f"{data['cost_ratio'] / 100:.2f}%"),
    ]
    gifts = ((g.receipt_number, g.received_on, g.donor_name if g.publish_name else _("A donor who asked not to be named"),
              g.get_method_display(), g.amount, g.restriction) for g in data["gifts"].iterator(chunk_size=2000))
    spent = ((g.paid_on, g.get_kind_display(), g.purpose, g.published_recipient, g.amount, g.restriction)
             for g in data["grants"])
    return [
        Sheet(_("Summary"), [_("Item"), _("Value")], summary),
        Sheet(_("Donations"), [_("Receipt"), _("Received on"), _("Donor"), _("How it was given"), _("Amount"),
                               _("Restricted to")], gifts),
        Sheet(_("Spending"), [_("Paid on"), _("Kind"), _("What it pays for"), _("Recipient"), _("Amount"),
                              _("Paid from money restricted to")], spent),
    ]


def quarters(fund: Fund, today: dt.date) -> list[dict]:
    """Every finished quarter since the fund's first gift (or its set-up), newest first, with its due
    date and whether it is published."""
    first = (Donation.objects.filter(fund=fund, received_on__isnull=False).order_by("received_on")
             .values_list("received_on", flat=True).first() or fund.created_at.date())
    published = {(d.year, d.quarter): d for d in fund.disclosures.all()}
    rows = [{"year": y, "quarter": q, "key": f"{y}-{q}", "label": f"{y} Q{q}", "due": rules.disclosure_due(y, q),
             "published": published.get((y, q))} for y, q in rules.finished_quarters(first, today)]
    return [_overdue(row, today) for row in rows[::-1]]


def _overdue(row: dict, today: dt.date) -> dict:
    row["overdue"] = row["published"] is None and row["due"] < today
    return row


def ended_projects(fund: Fund, today: dt.date) -> list[dict]:
    """Projects the fund paid grants to whose final report was accepted (they have ended): each has a
    full report due within three months, newest first."""
    from yichuang.delivery.models import FinalReport, ReportStatus

    funded = Grant.objects.filter(fund=fund, status=Grant.Status.PAID, project__isnull=False).values("project")
    published = {d.project_id: d for d in fund.project_disclosures.all()}
    rows = []
    for report in (FinalReport.objects.filter(project__in=funded, status=ReportStatus.ACCEPTED)
                   .select_related("project__organization").order_by("-decided_at")):
        ended = timezone.localtime(report.decided_at).date()
        rows.append(_overdue({"project": report.project, "ended": ended, "key": f"p{report.project_id}",
                              "label": report.project.title, "due": rules.project_report_due(ended),
                              "published": published.get(report.project_id)}, today))
    return rows


def due_soon(fund: Fund, today: dt.date) -> list[dict]:
    """Unpublished reports (quarters and ended projects) overdue or due within the reminder period, soonest first."""
    horizon = today + dt.timedelta(days=rules.REMIND_DAYS)
    rows = [row for row in quarters(fund, today) + ended_projects(fund, today)
            if row["published"] is None and row["due"] <= horizon]
    return sorted(rows, key=lambda row: row["due"])


def project_report(fund: Fund, project) -> dict:
    """The full report on one ended project: what the fund gave it, from which gifts, and what it did."""
    from yichuang.delivery.models import FinalReport

    grants = list(Grant.objects.filter(fund=fund, project=project, status=Grant.Status.PAID).order_by("paid_on", "pk"))
    draws = Draw.objects.filter(grant__in=grants)
    report = FinalReport.objects.get(project=project)
    return {
        "fund": fund, "project": project, "report": report, "grants": grants,
        "total": Money(sum(g.amount.fen for g in grants)),
        "gift_count": draws.values("donation").distinct().count(),
        "restricted": Money(sum(g.amount.fen for g in grants if g.restriction)),
        "published": fund.project_disclosures.filter(project=project).first(),
    }


def project_sheets(data: dict) -> list[Sheet]:
    summary = [
        (_("Fund"), data["fund"].name), (_("Project"), data["project"].title),
        (_("Organization"), data["project"].organization.name), (_("Granted by the fund"), data["total"]),
        (_("of which restricted"), data["restricted"]), (_("Gifts it drew on"), data["gift_count"]),
        (_("What the project achieved"), data["report"].narrative),
    ]
    grants = ((g.paid_on, g.purpose, g.amount, g.restriction) for g in data["grants"])
    return [Sheet(_("Summary"), [_("Item"), _("Value")], summary),
            Sheet(_("Grants"), [_("Paid on"), _("What it pays for"), _("Amount"), _("Paid from money restricted to")],
                  grants)]
