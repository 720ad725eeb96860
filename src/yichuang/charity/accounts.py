"""A fund's three ledger accounts and its balances.

The pages read the balances from the fund's quarterly totals (FundPeriod: a few rows, however many
gifts); ``ledger_balances_of`` reads the same figures from the ledger's postings, and
``yichuang check-ledger`` proves the two agree (charity/checks.py). One place for the sign convention:
the ledger stores debits as positive amounts.
"""

from __future__ import annotations

from django.db.models import Sum

from yichuang.kernel.money import Money
from yichuang.ledger.models import Account, Posting

HOLDINGS, UNRESTRICTED, RESTRICTED = "holdings", "unrestricted", "restricted"


def account_code(fund, part: str) -> str:
    return f"fund:{fund.pk}:{part}"


def account(fund, part: str) -> Account:
    return Account.objects.get(code=account_code(fund, part))


def fen(value) -> int:
    """A Sum of a MoneyField (Money, or None over no rows) as whole fen."""
    return int(getattr(value, "fen", value or 0))


def _split(holdings: int, restricted: int) -> dict[str, Money]:
    return {HOLDINGS: Money(holdings), UNRESTRICTED: Money(holdings - restricted), RESTRICTED: Money(restricted)}


def balances_of(funds) -> dict[int, dict[str, Money]]:
    """Each fund's holdings (what the host keeps for it) and its unrestricted and restricted parts, in one query."""
    from yichuang.charity.models import FundPeriod

    sums = {row["fund"]: row for row in FundPeriod.objects.filter(fund__in=[f.pk for f in funds]).values("fund")
            .annotate(**PERIOD_SUMS)}
    return {fund.pk: held(sums.get(fund.pk, {})) for fund in funds}


# The sums over a fund's quarters that make its balances (one place for what goes in and out).
PERIOD_SUMS = {"income": Sum("income"), "spent": Sum("spent"), "refunded": Sum("refunded"),
               "limited": Sum("income_restricted"), "limited_spent": Sum("spent_restricted"),
               "limited_refunded": Sum("refunded_restricted")}


def held(sums: dict) -> dict[str, Money]:
    """Balances from PERIOD_SUMS: what came in, less what was spent and given back."""
    value = {name: sums.get(name) or 0 for name in PERIOD_SUMS}
    return _split(value["income"] - value["spent"] - value["refunded"],
                  value["limited"] - value["limited_spent"] - value["limited_refunded"])


def balances(fund) -> dict[str, Money]:
    return balances_of([fund])[fund.pk]


def ledger_balances_of(funds) -> dict[int, dict[str, Money]]:
    """The same balances read from the ledger: holdings are an asset (debit balance), the two fund
    balances are credit balances (shown positive)."""
    sums = dict(Posting.objects.filter(account__code__startswith="fund:").order_by().values_list("account__code")
                .annotate(total=Sum("amount")))
    return {fund.pk: {HOLDINGS: Money(fen(sums.get(account_code(fund, HOLDINGS)))),
                      UNRESTRICTED: Money(-fen(sums.get(account_code(fund, UNRESTRICTED)))),
                      RESTRICTED: Money(-fen(sums.get(account_code(fund, RESTRICTED))))} for fund in funds}


def available(fund, restriction: str = "") -> Money:
    """What the fund may still spend from unrestricted money (``restriction`` blank) or from gifts with
    exactly that restriction: the unspent part of its received gifts."""
    from yichuang.charity.models import Donation

    total = (Donation.objects.filter(fund=fund, status=Donation.Status.RECEIVED, restriction=restriction,
                                     unspent__gt=0).aggregate(total=Sum("unspent"))["total"])
    return Money(fen(total))


def restrictions(fund) -> list[tuple[str, Money]]:
    """The restrictions the fund's gifts carry that still have money, with what is left of each."""
    from yichuang.charity.models import Donation

    rows = (Donation.objects.filter(fund=fund, status=Donation.Status.RECEIVED, unspent__gt=0).exclude(restriction="")
            .values_list("restriction").annotate(total=Sum("unspent")).order_by("restriction"))
    return [(text, Money(fen(total))) for text, total in rows]
