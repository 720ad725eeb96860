"""Working days in China: weekends and public holidays off, make-up working days (调休) on.

The calendar is data: ``holidays`` are days off that would otherwise be weekdays, ``workdays``
are weekend days worked instead. Both come from the platform's calendar table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Container


def is_workday(day: dt.date, *, holidays: Container[dt.date], workdays: Container[dt.date]) -> bool:
    if day in workdays:
        return True
    return day.weekday() < 5 and day not in holidays


def nth_full_workday(
    start: dt.datetime, n: int, *, holidays: Container[dt.date], workdays: Container[dt.date]
) -> dt.date:
    """The date of the ``n``-th whole working day in a period that starts at local time ``start``.

    A day counts only when the period covers all of it, so a notice published at 10:00 counts from
    the next working day: the period lasts at least ``n`` full working days whatever the hour.
    """
    if n < 1:
        raise ValueError("n must be at least 1")
    day = start.date() if start.time() == dt.time(0) else start.date() + dt.timedelta(days=1)
    counted = 0
    while True:
        if is_workday(day, holidays=holidays, workdays=workdays):
            counted += 1
            if counted == n:
                return day
        day += dt.timedelta(days=1)


def earliest_end(start: dt.datetime, n: int, *, holidays: Container[dt.date], workdays: Container[dt.date]) -> dt.datetime:
    """The earliest moment (local, naive or aware as ``start``) a period of ``n`` working days may end:
    midnight after its ``n``-th full working day."""
    last = nth_full_workday(start, n, holidays=holidays, workdays=workdays)
    return dt.datetime.combine(last + dt.timedelta(days=1), dt.time(0), tzinfo=start.tzinfo)
