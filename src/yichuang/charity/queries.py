"""What the fund pages show besides balances (charity/accounts.py): income by quarter, donors, totals."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Sum

from yichuang.charity.models import Donation, Fund
from yichuang.kernel.money import Money


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
