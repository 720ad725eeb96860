"""Proofs about community charity funds, run by ``yichuang check-ledger`` (registered in apps.py):
each fund's quarterly totals agree with its ledger accounts and with its gifts and payments, and
what grants have not drawn from gifts is exactly what the fund holds."""

from __future__ import annotations

from django.db.models import Sum

from yichuang.charity.accounts import balances_of, fen, ledger_balances_of
from yichuang.charity.models import Donation, Fund, Grant


def problems() -> list[str]:
    found = []
    funds = list(Fund.objects.all())
    kept, ledger = balances_of(funds), ledger_balances_of(funds)
    for fund in funds:
        if kept[fund.pk] != ledger[fund.pk]:
            found.append(f"fund {fund.pk}: quarterly totals {kept[fund.pk]} differ from the ledger {ledger[fund.pk]}")
        received = fen(Donation.objects.filter(fund=fund, status="received").aggregate(t=Sum("amount"))["t"])
        paid = fen(Grant.objects.filter(fund=fund, status="paid").aggregate(t=Sum("amount"))["t"])
        unspent = fen(Donation.objects.filter(fund=fund, status="received").aggregate(t=Sum("unspent"))["t"])
        if received - paid != ledger[fund.pk]["holdings"].fen:
            found.append(f"fund {fund.pk}: gifts less payments ({received - paid} fen) differ from the ledger")
        if unspent != ledger[fund.pk]["holdings"].fen:
            found.append(f"fund {fund.pk}: gifts not yet drawn on ({unspent} fen) differ from its holdings")
    return found
