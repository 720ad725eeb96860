"""The working-day calendar: data in ``CalendarDay``, arithmetic in ``kernel.workdays``."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from yichuang.core.models import CalendarDay
from yichuang.kernel import workdays


def calendar_seed() -> int:
    """Add the published holidays and make-up working days that are not in the table yet.
    Idempotent; rows an operator added or changed are kept."""
    import chinese_calendar

    rows = [CalendarDay(date=day, is_workday=False, name=name or "") for day, name in chinese_calendar.holidays.items()
            if day.weekday() < 5]
    rows += [CalendarDay(date=day, is_workday=True, name=name or "") for day, name in chinese_calendar.workdays.items()
             if day.weekday() >= 5]
    before = CalendarDay.objects.count()
    CalendarDay.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
    return CalendarDay.objects.count() - before


def _exceptions(start: dt.date, years: int = 2) -> tuple[set[dt.date], set[dt.date]]:
    rows = CalendarDay.objects.filter(date__gte=start, date__lt=start + dt.timedelta(days=366 * years))
    holidays, worked = set(), set()
    for day, is_workday in rows.values_list("date", "is_workday"):
        (worked if is_workday else holidays).add(day)
    return holidays, worked


def earliest_end(start: dt.datetime, working_days: int) -> dt.datetime:
    """The earliest end of a period of ``working_days`` full working days from ``start`` (aware)."""
    local = timezone.localtime(start)
    holidays, worked = _exceptions(local.date())
    naive = workdays.earliest_end(local.replace(tzinfo=None), working_days, holidays=holidays, workdays=worked)
    return timezone.make_aware(naive)


def nth_working_day_after(day: dt.date, working_days: int) -> dt.date:
    """The ``working_days``-th working day after ``day`` (the day itself not counted)."""
    holidays, worked = _exceptions(day)
    start = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0))
    return workdays.nth_full_workday(start, working_days, holidays=holidays, workdays=worked)
