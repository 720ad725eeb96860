"""A fund's quarterly disclosure report (reads only): income, spending, balances and the management
cost ratio of one quarter, as the PDF, the Excel workbook and the pages show it; which reports are due."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils.translation import gettext as _

from yichuang.charity import queries
from yichuang.charity.models import Disclosure, Donation, Fund, FundPeriod, Grant
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
    first = (Donation.objects.filter(fund=fund, received_on__isnull=False).order_by("received_on").values_list("received_on", flat=True).first()
             or fund.created_at.date())
    published = {(d.year, d.quarter): d for d in fund.disclosures.all()}
    rows = [{"year": y, "quarter": q, "due": rules.disclosure_due(y, q), "published": published.get((y, q))}
            for y, q in rules.finished_quarters(first, today)]
    for row in rows:
        row["overdue"] = row["published"] is None and row["due"] < today
    return rows[::-1]


def due_soon(fund: Fund, today: dt.date) -> list[dict]:
    """Unpublished quarters that are overdue or due within the reminder period."""
    horizon = today + dt.timedelta(days=rules.REMIND_DAYS)
    return [row for row in quarters(fund, today) if row["published"] is None and row["due"] <= horizon]
