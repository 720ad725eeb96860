from __future__ import annotations

import datetime as dt

from yichuang.kernel.workdays import earliest_end, is_workday, nth_full_workday

# National Day 2026 as the State Council published it: 1–7 October off, Sunday 20 September and
# Saturday 10 October worked instead.
HOLIDAYS = {dt.date(2026, 10, d) for d in (1, 2, 5, 6, 7)}
WORKED = {dt.date(2026, 9, 20), dt.date(2026, 10, 10)}


def test_workdays_make_up_saturday_counts_and_weekday_holiday_does_not():
    assert is_workday(dt.date(2026, 10, 10), holidays=HOLIDAYS, workdays=WORKED)
    assert not is_workday(dt.date(2026, 10, 5), holidays=HOLIDAYS, workdays=WORKED)
    assert not is_workday(dt.date(2026, 10, 11), holidays=HOLIDAYS, workdays=WORKED)


def test_workdays_notice_published_before_national_day_ends_after_five_full_working_days():
    start = dt.datetime(2026, 9, 30, 10, 0)

    end = earliest_end(start, 5, holidays=HOLIDAYS, workdays=WORKED)

    # 8, 9, 10 (make-up Saturday), 12, 13 October: the period may end at midnight after the 13th.
    assert end == dt.datetime(2026, 10, 14, 0, 0)


def test_workdays_period_starting_at_midnight_counts_its_first_day():
    monday = dt.datetime(2026, 11, 30, 0, 0)

    assert nth_full_workday(monday, 5, holidays=set(), workdays=set()) == dt.date(2026, 12, 4)
    assert nth_full_workday(monday.replace(hour=9), 5, holidays=set(), workdays=set()) == dt.date(2026, 12, 7)
