"""What the fund pages show besides balances (charity/accounts.py): income and spending by quarter,
donors, grants, the management cost ratio, and where one gift went."""

from __future__ import annotations

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractQuarter, ExtractYear

from yichuang.charity.models import Donation, Draw, Fund, Grant
from yichuang.kernel import charity as rules
from yichuang.kernel.money import Money


def _fen(value) -> int:
    return int(getattr(value, "fen", value or 0))


def income_by_quarter(fund: Fund) -> list[tuple[str, Money, int]]:
    """(quarter, amount, donations) for received donations, newest quarter first, summed by the database."""
    rows = (Donation.objects.filter(fund=fund, status=Donation.Status.RECEIVED)
            .annotate(y=ExtractYear("received_on"), q=ExtractQuarter("received_on")).values("y", "q")
            .annotate(fen=Sum("amount"), n=Count("pk")).order_by("-y", "-q"))
    return [(f"{row['y']} Q{row['q']}", Money(_fen(row["fen"])), row["n"]) for row in rows]


def spending_by_quarter(fund: Fund) -> list[dict]:
    """Per quarter: grants paid (with their number) and management costs, newest first."""
    rows = (Grant.objects.filter(fund=fund, status=Grant.Status.PAID)
            .annotate(y=ExtractYear("paid_on"), q=ExtractQuarter("paid_on")).values("y", "q")
            .annotate(grants=Sum("amount", filter=~Q(kind=Grant.Kind.COST)), n=Count("pk", filter=~Q(kind=Grant.Kind.COST)),
                      costs=Sum("amount", filter=Q(kind=Grant.Kind.COST))).order_by("-y", "-q"))
    return [{"quarter": f"{row['y']} Q{row['q']}", "grants": Money(_fen(row["grants"])), "n": row["n"],
             "costs": Money(_fen(row["costs"]))} for row in rows]


def cost_ratio(fund: Fund, year: int | None = None) -> int | None:
    """Management costs over all spending in basis points, for one year or since the fund began."""
    rows = Grant.objects.filter(fund=fund, status=Grant.Status.PAID)
    if year is not None:
        rows = rows.filter(paid_on__year=year)
    sums = rows.aggregate(all=Sum("amount"), costs=Sum("amount", filter=Q(kind=Grant.Kind.COST)))
    ratio = rules.cost_ratio(_fen(sums["costs"]), _fen(sums["all"]))
    return None if ratio is None else round(ratio * 10_000)


def paid_grants(fund: Fund):
    return (Grant.objects.filter(fund=fund, status=Grant.Status.PAID).exclude(kind=Grant.Kind.COST)
            .select_related("project__organization", "wish__area").order_by("-paid_on", "-pk"))


def pending_grants(fund: Fund):
    return Grant.objects.filter(fund=fund, status__in=(Grant.Status.PROPOSED, Grant.Status.APPROVED)).order_by("pk")


def donors(fund: Fund):
    """Received donations, newest first; names only where the donor consented (the template hides the rest)."""
    return Donation.objects.filter(fund=fund, status=Donation.Status.RECEIVED).order_by("-received_on", "-pk")


def totals(fund: Fund) -> dict:
    sums = Donation.objects.filter(fund=fund, status=Donation.Status.RECEIVED).aggregate(n=Count("pk"), fen=Sum("amount"))
    return {"n": sums["n"], "total": Money(_fen(sums["fen"]))}


def gift_trail(donation: Donation) -> list[Draw]:
    """The grants that drew on one gift, oldest payment first (what its donor follows)."""
    draws = list(Draw.objects.filter(donation=donation).select_related("grant__project__organization", "grant__wish")
                 .order_by("grant__paid_on", "pk"))
    mark_public_projects([d.grant for d in draws])
    return draws


def mark_public_projects(grants) -> None:
    """Set ``public_project`` on each grant whose project has a public page (its programme is public)."""
    from yichuang.programs.permissions import public_programs
    from yichuang.projects.models import Project

    ids = {g.project_id for g in grants if g.project_id}
    public = set(Project.objects.filter(pk__in=ids, program__in=public_programs()).values_list("pk", flat=True))
    for grant in grants:
        grant.public_project = grant.project_id in public
