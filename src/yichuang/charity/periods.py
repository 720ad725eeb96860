"""Keeping a fund's quarterly totals (FundPeriod) as gifts arrive and payments go out. Called inside
the services' transactions only: a total moves with the gift or payment it counts, or not at all."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import F

from yichuang.charity.models import FundPeriod
from yichuang.kernel import charity as rules


def count(fund, day: dt.date, **amounts: int) -> None:
    """Add ``amounts`` (field: fen or count) to the fund's totals for the quarter holding ``day``."""
    year, quarter = rules.quarter_of(day)
    changes = {name: F(name) + value for name, value in amounts.items() if value}
    if FundPeriod.objects.filter(fund=fund, year=year, quarter=quarter).update(**changes):
        return
    try:
        with transaction.atomic():
            FundPeriod.objects.create(fund=fund, year=year, quarter=quarter, **amounts)
    except IntegrityError:  # created by another transaction meanwhile: add to it
        FundPeriod.objects.filter(fund=fund, year=year, quarter=quarter).update(**changes)


def count_gift(fund, day: dt.date, fen: int, restricted: bool) -> None:
    count(fund, day, gifts=1, income=fen, income_restricted=fen if restricted else 0)


def count_payment(fund, day: dt.date, fen: int, restricted: bool, cost: bool) -> None:
    count(fund, day, grants=0 if cost else 1, spent=fen, spent_restricted=fen if restricted else 0,
          costs=fen if cost else 0)


def count_refund(fund, day: dt.date, fen: int, restricted: bool) -> None:
    count(fund, day, refunds=1, refunded=fen, refunded_restricted=fen if restricted else 0)
