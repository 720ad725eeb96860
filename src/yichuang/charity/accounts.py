"""A fund's three ledger accounts and its balances, read from the postings (one place for the sign
convention: the ledger stores debits as positive amounts)."""

from __future__ import annotations

from django.db.models import Sum

from yichuang.kernel.money import Money
from yichuang.ledger.models import Account, Posting

HOLDINGS, UNRESTRICTED, RESTRICTED = "holdings", "unrestricted", "restricted"


def account_code(fund, part: str) -> str:
    return f"fund:{fund.pk}:{part}"


def account(fund, part: str) -> Account:
    return Account.objects.get(code=account_code(fund, part))


def balances_of(funds) -> dict[int, dict[str, Money]]:
    """Each fund's holdings (an asset: debit balance) and its unrestricted and restricted balances
    (fund balances: credit balances, shown positive), in one query."""
    sums = dict(Posting.objects.filter(account__code__startswith="fund:").values_list("account__code")
                .annotate(total=Sum("amount")))

    def fen(code: str) -> int:
        value = sums.get(code) or 0
        return int(getattr(value, "fen", value))

    return {fund.pk: {HOLDINGS: Money(fen(account_code(fund, HOLDINGS))),
                      UNRESTRICTED: Money(-fen(account_code(fund, UNRESTRICTED))),
                      RESTRICTED: Money(-fen(account_code(fund, RESTRICTED)))} for fund in funds}


def balances(fund) -> dict[str, Money]:
    return balances_of([fund])[fund.pk]


def available(fund, restriction: str = "") -> Money:
    """What the fund may still spend from unrestricted money (``restriction`` blank) or from gifts with
    exactly that restriction: the unspent part of its received gifts."""
    from yichuang.charity.models import Donation

    total = (Donation.objects.filter(fund=fund, status=Donation.Status.RECEIVED, restriction=restriction,
                                     unspent__gt=0).aggregate(total=Sum("unspent"))["total"])
    return Money(int(getattr(total, "fen", total or 0)))


def restrictions(fund) -> list[tuple[str, Money]]:
    """The restrictions the fund's gifts carry that still have money, with what is left of each."""
    from yichuang.charity.models import Donation

    rows = (Donation.objects.filter(fund=fund, status=Donation.Status.RECEIVED, unspent__gt=0).exclude(restriction="")
            .values_list("restriction").annotate(total=Sum("unspent")).order_by("restriction"))
    return [(text, Money(int(getattr(total, "fen", total)))) for text, total in rows]
