"""What the fund pages show: balances from the ledger, income by quarter, published donors."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Sum

from yichuang.charity.models import Donation, Fund
from yichuang.charity.services import HOLDINGS, RESTRICTED, UNRESTRICTED, account_code
from yichuang.kernel.money import Money
from yichuang.ledger.models import Posting


def balances_of(funds: list[Fund]) -> dict[int, dict[str, Money]]:
    """Each fund's holdings and balances, in one query (debits are positive in the ledger)."""
    sums = dict(Posting.objects.filter(account__code__startswith="fund:").values_list("account__code")
                .annotate(total=Sum("amount")))

    def fen(code: str) -> int:
        value = sums.get(code) or 0
        return int(getattr(value, "fen", value))

    return {fund.pk: {HOLDINGS: Money(fen(account_code(fund, HOLDINGS))),
                      UNRESTRICTED: Money(-fen(account_code(fund, UNRESTRICTED))),
                      RESTRICTED: Money(-fen(account_code(fund, RESTRICTED)))} for fund in funds}


def income_by_quarter(fund: Fund) -> list[tuple[str, Money, int]]:
    """(quarter, amount, donations) for received donations, newest quarter first."""
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for day, amount in Donation.objects.filter(fund=fund, status=Donation.Status.RECEIVED).values_list(
            "received_on", "amount"):
        key = f"{day.year} Q{(day.month - 1) // 3 + 1}"
        totals[key][0] += amount.fen
        totals[key][1] += 1
    return [(key, Money(fen), n) for key, (fen, n) in sorted(totals.items(), reverse=True)]


def donors(fund: Fund):
    """Received donations, newest first; names only where the donor consented (the template hides the rest)."""
    return Donation.objects.filter(fund=fund, status=Donation.Status.RECEIVED).order_by("-received_on", "-pk")


def totals(fund: Fund) -> dict:
    return Donation.objects.filter(fund=fund, status=Donation.Status.RECEIVED).aggregate(
        n=Count("pk"), fen=Sum("amount"))
