"""Rules of community charity funds (社区慈善基金), free of any framework.

A community charity fund is a named sub-fund of a host charity (a foundation or other charitable
organization): it has no bank account or legal personality of its own, cannot raise funds publicly in
its own name, and spends only on its stated purposes, decided by a management committee.

* Its name is the host's full name, the community, and 社区慈善基金.
* The committee has an odd number of members, at least five, so that a vote cannot tie.
* Receipts are numbered per fund and year without gaps: prefix, year, six-digit sequence.
* Money is whole fen and positive; a donation of goods carries its valuation.
"""

from __future__ import annotations

import datetime as dt

COMMITTEE_MIN = 5
SUFFIX = "社区慈善基金"


def fund_name(host_name: str, community_name: str) -> str:
    """"<host full name><community>社区慈善基金", without saying 社区 twice (社东社区 → …社东社区慈善基金)."""
    community = community_name.strip()
    if community.endswith("社区"):
        community = community[: -len("社区")]
    return f"{host_name.strip()}{community}{SUFFIX}"


def committee_problem(members: int) -> str | None:
    """Why a committee of ``members`` people cannot decide, or None."""
    if members < COMMITTEE_MIN:
        return "too_few"
    if members % 2 == 0:
        return "even"
    return None


def majority(members: int) -> int:
    """The default quorum of approvals: more than half of the committee."""
    return members // 2 + 1


def quorum_problem(quorum: int, members: int) -> str | None:
    """A quorum below a majority would let a minority spend the fund; above the committee, nothing passes."""
    if quorum < majority(members):
        return "below_majority"
    if quorum > members:
        return "above_committee"
    return None


def receipt_number(prefix: str, year: int, sequence: int) -> str:
    return f"{prefix}{year}{sequence:06d}"


def draw_first_in_first_out(amount: int, pots: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Which gifts a spending of ``amount`` fen draws on: the oldest first (pots come as (id, unspent)
    in the order they were received), each drained before the next. Restricted money is drawn from
    gifts with the same restriction only; unrestricted money from unrestricted gifts.

    The rule is stable: a spending's draws are decided once, when it is paid, and never move, so a
    donor sees the same answer every time they follow their gift. Returns (id, fen) pairs; raises
    ValueError when the pots hold less than ``amount``."""
    if amount <= 0:
        raise ValueError("a spending is more than 0 fen")
    draws, left = [], amount
    for pot, unspent in pots:
        if left == 0:
            break
        take = min(left, unspent)
        if take > 0:
            draws.append((pot, take))
            left -= take
    if left:
        raise ValueError("not enough money")
    return draws


def approval_state(approvals: int, rejections: int, eligible: int, quorum: int) -> str:
    """"approved" once ``quorum`` members approve; "rejected" once the members who may still vote
    (eligible, i.e. without a conflict, minus those who voted) cannot reach it; else "open"."""
    if approvals >= quorum:
        return "approved"
    if approvals + (eligible - approvals - rejections) < quorum:
        return "rejected"
    return "open"


def cost_ratio(costs: int, spending: int) -> float | None:
    """Management costs as a share of all spending (grants and costs) in a period, or None without spending."""
    return None if spending <= 0 else costs / spending


# Disclosure: a fund reports each quarter, due by the end of the month after the quarter; the
# administrator is reminded from REMIND_DAYS before. (Charity law asks at least every three months of
# fundraising for projects over six months; we hold every fund to it.)
REMIND_DAYS = 14


def quarter_of(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    """First and last day of the quarter."""
    start = dt.date(year, 3 * quarter - 2, 1)
    following = dt.date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1)
    return start, following - dt.timedelta(days=1)


def disclosure_due(year: int, quarter: int) -> dt.date:
    """The last day of the month after the quarter."""
    _start, end = quarter_bounds(year, quarter)
    month_after = end + dt.timedelta(days=1)
    return (month_after.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)


def finished_quarters(since: dt.date, today: dt.date) -> list[tuple[int, int]]:
    """Every quarter from the one holding ``since`` to the last that has ended, oldest first."""
    year, quarter = quarter_of(since)
    quarters = []
    while quarter_bounds(year, quarter)[1] < today:
        quarters.append((year, quarter))
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return quarters


PROJECT_REPORT_MONTHS = 3  # the full report on a funded project, due within three months after it ends


def project_report_due(ended: dt.date) -> dt.date:
    """Three calendar months after the project ended (the month's last day when shorter)."""
    month = ended.month - 1 + PROJECT_REPORT_MONTHS
    year, month = ended.year + month // 12, month % 12 + 1
    following = dt.date(year + (month == 12), 1 if month == 12 else month + 1, 1)
    return min(dt.date(year, month, 1) + dt.timedelta(days=ended.day - 1), following - dt.timedelta(days=1))
