"""Delivery figures: a project's period, what an activity record may say, and planned vs achieved.

Pure functions over plain values. The application document (kernel.applications) holds the plan:
its planned activities give the project period and its indicators the targets; activity records
give what was achieved. Nothing here reads a database.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from yichuang.kernel.applications import Problem

MINUTES_PER_DAY = 24 * 60
# Indicator kinds whose achieved value the records give; "custom" ones are reported by the organization.
COUNTED_KINDS = ("activities", "person_times", "beneficiaries", "volunteer_hours")


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date

    def share_elapsed(self, today: datetime.date) -> float:
        """How much of the period has passed on ``today``: 0 before it starts, 1 from its last day."""
        if today < self.start:
            return 0.0
        if today >= self.end:
            return 1.0
        return ((today - self.start).days + 1) / ((self.end - self.start).days + 1)


def parse_date(value) -> datetime.date | None:
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return None


def project_period(document: Mapping) -> Period | None:
    """From the first planned activity's start to the last one's end; None when the plan has no dates."""
    starts, ends = [], []
    for row in document.get("activities") or []:
        if isinstance(row, Mapping):
            start, end = parse_date(row.get("start")), parse_date(row.get("end"))
            if start and end:
                starts.append(start)
                ends.append(end)
    return Period(min(starts), max(ends)) if starts else None


@dataclass(frozen=True)
class ActivityFigures:
    """What one activity record says. ``participants`` and ``person_times`` come from the named list
    when there is one (each named person counts once) and are typed in only when there is not."""

    held_on: datetime.date
    participants: int
    person_times: int
    volunteers: int = 0
    volunteer_minutes: int = 0
    # Of the typed-in participants, those the project had not served before (people served counts
    # them once); with a named list the names tell who is new.
    new_participants: int = 0


def activity_problems(figures: ActivityFigures, *, period: Period | None, today: datetime.date) -> list[Problem]:
    problems = []
    if figures.held_on > today:
        problems.append(Problem("held_on", "future", {"today": today.isoformat()}))
    elif period and not period.start <= figures.held_on <= period.end:
        problems.append(Problem("held_on", "outside_period",
                                {"start": period.start.isoformat(), "end": period.end.isoformat()}))
    if figures.participants < 1:
        problems.append(Problem("participants", "no_participants"))
    if figures.new_participants > figures.participants:
        problems.append(Problem("new_participants", "new_above_participants", {"participants": figures.participants}))
    if figures.person_times < figures.participants:
        problems.append(Problem("person_times", "below_participants", {"participants": figures.participants}))
    if figures.volunteer_minutes and not figures.volunteers:
        problems.append(Problem("volunteers", "hours_without_volunteers"))
    elif figures.volunteer_minutes > figures.volunteers * MINUTES_PER_DAY:
        problems.append(Problem("volunteer_hours", "over_a_day", {"volunteers": figures.volunteers}))
    return problems


@dataclass(frozen=True)
class Totals:
    """A project's achieved figures, as the records add them up."""

    activities: int = 0
    person_times: int = 0
    named_people: int = 0  # distinct named people who took part
    counted_participants: int = 0  # first-time participants typed in at activities without a named list
    volunteer_minutes: int = 0

    @property
    def beneficiaries(self) -> int:
        return self.named_people + self.counted_participants


@dataclass(frozen=True)
class IndicatorRow:
    position: int  # the indicator's row in the application document
    kind: str
    name: str
    unit: str
    target: int
    achieved: float | None  # None: a custom indicator nobody has reported yet
    expected: float  # the share of the target due by today
    at_risk: bool

    @property
    def percent(self) -> int | None:
        return None if self.achieved is None else round(100 * self.achieved / self.target) if self.target else None


def whole(value) -> int:
    try:
        return max(int(str(value).strip()), 0)
    except ValueError:
        return 0


def achieved_value(kind: str, totals: Totals) -> float | None:
    if kind == "activities":
        return totals.activities
    if kind == "person_times":
        return totals.person_times
    if kind == "beneficiaries":
        return totals.beneficiaries
    if kind == "volunteer_hours":
        return round(totals.volunteer_minutes / 60, 1)
    return None


def indicator_rows(indicators: Sequence, totals: Totals, *, reported: Mapping[int, int], period: Period | None,
                   today: datetime.date, margin_bp: int) -> list[IndicatorRow]:
    """Planned vs achieved for each indicator of the plan. A counted indicator is at risk when it is
    behind the share of its target due by today by more than ``margin_bp`` basis points of that share;
    a custom one only once reported (nobody is flagged for what they were never asked to count)."""
    share = period.share_elapsed(today) if period else 0.0
    rows = []
    for position, row in enumerate(indicators):
        if not isinstance(row, Mapping):
            continue
        kind, target = str(row.get("kind") or ""), whole(row.get("target"))
        achieved = achieved_value(kind, totals) if kind in COUNTED_KINDS else reported.get(position)
        expected = target * share
        at_risk = achieved is not None and expected > 0 and achieved < expected * (1 - margin_bp / 10_000)
        rows.append(IndicatorRow(position=position, kind=kind, name=str(row.get("name") or ""),
                                 unit=str(row.get("unit") or ""), target=target, achieved=achieved,
                                 expected=round(expected, 1), at_risk=at_risk))
    return rows
