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
