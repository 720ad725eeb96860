"""What the fund pages show besides balances (charity/accounts.py): income and spending by quarter,
donors, grants, the management cost ratio, and where one gift went. Totals come from the fund's
quarterly totals (FundPeriod), lists from the gifts and grants themselves."""

from __future__ import annotations

from yichuang.charity.accounts import PERIOD_SUMS, held
from yichuang.charity.models import Donation, Draw, Fund, FundPeriod, Grant
from yichuang.kernel import charity as rules
from yichuang.kernel.money import Money


def periods(fund: Fund) -> list[FundPeriod]:
    return list(FundPeriod.objects.filter(fund=fund).order_by("-year", "-quarter"))


def income_by_quarter(rows: list[FundPeriod]) -> list[tuple[str, Money, int]]:
    """(quarter, amount, donations) for quarters with gifts, newest first."""
    return [(f"{p.year} Q{p.quarter}", Money(p.income), p.gifts) for p in rows if p.gifts]


def spending_by_quarter(rows: list[FundPeriod]) -> list[dict]:
    """Per quarter with payments: grants paid (with their number) and management costs, newest first."""
    return [{"quarter": f"{p.year} Q{p.quarter}", "grants": Money(p.spent - p.costs), "n": p.grants,
             "costs": Money(p.costs)} for p in rows if p.spent]


def totals(rows: list[FundPeriod]) -> dict:
    """The gifts the fund keeps (those refunded are not counted)."""
    return {"n": sum(p.gifts - p.refunds for p in rows), "total": Money(sum(p.income - p.refunded for p in rows))}


def ratio_bp(costs: int, spent: int) -> int | None:
    """Management costs over all spending, in basis points."""
    ratio = rules.cost_ratio(costs, spent)
    return None if ratio is None else round(ratio * 10_000)


def cost_ratio(rows: list[FundPeriod], year: int | None = None) -> int | None:
    """Over one year's quarters, or since the fund began."""
    chosen = [p for p in rows if year is None or p.year == year]
    return ratio_bp(sum(p.costs for p in chosen), sum(p.spent for p in chosen))


def paid_grants(fund: Fund):
    return (Grant.objects.filter(fund=fund, status=Grant.Status.PAID).exclude(kind=Grant.Kind.COST)
            .select_related("project__organization", "wish__area").order_by("-paid_on", "-pk"))


def pending_grants(fund: Fund):
    return Grant.objects.filter(fund=fund, status__in=(Grant.Status.PROPOSED, Grant.Status.APPROVED)).order_by("pk")


def donors(fund: Fund):
    """Received donations, newest first; names only where the donor consented (the template hides the rest)."""
    return Donation.objects.filter(fund=fund, status=Donation.Status.RECEIVED).order_by("-received_on", "-id")


def mark_public_projects(grants) -> None:
    """Set ``public_project`` on each grant whose project has a public page (its programme is public)."""
    from yichuang.programs.permissions import public_programs
    from yichuang.projects.models import Project

    ids = {g.project_id for g in grants if g.project_id}
    public = set(Project.objects.filter(pk__in=ids, program__in=public_programs()).values_list("pk", flat=True))
    for grant in grants:
        grant.public_project = grant.project_id in public


def gift_trail(donation: Donation) -> list[Draw]:
    """The grants that drew on one gift, oldest payment first (what its donor follows)."""
    draws = list(Draw.objects.filter(donation=donation).select_related("grant__project__organization", "grant__wish")
                 .order_by("grant__paid_on", "pk"))
    mark_public_projects([d.grant for d in draws])
    return draws


def balances_before(fund: Fund, *conditions) -> dict[str, Money]:
    """The fund's balances over its quarters matching ``conditions`` (e.g. those before a quarter)."""
    return held(FundPeriod.objects.filter(*conditions, fund=fund).aggregate(**PERIOD_SUMS))
