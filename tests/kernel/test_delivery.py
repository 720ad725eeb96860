import datetime

from yichuang.kernel.delivery import ActivityFigures, Period, Totals, activity_problems, indicator_rows, project_period

TODAY = datetime.date(2026, 6, 30)
PERIOD = Period(datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))


def codes(figures, period=PERIOD, today=TODAY):
    return [(p.path, p.code) for p in activity_problems(figures, period=period, today=today)]


def test_project_period_spans_first_start_to_last_end():
    document = {"activities": [{"start": "2026-03-01", "end": "2026-05-01"}, {"start": "2026-01-10", "end": "2026-11-30"},
                               {"start": "bad", "end": "2026-12-31"}]}

    assert project_period(document) == Period(datetime.date(2026, 1, 10), datetime.date(2026, 11, 30))


def test_project_period_is_none_without_dates():
    assert project_period({"activities": []}) is None


def test_activity_problems_accept_a_plain_record():
    assert codes(ActivityFigures(TODAY, participants=10, person_times=12, volunteers=2, volunteer_minutes=600)) == []


def test_activity_problems_refuse_the_future_and_outside_the_period():
    assert codes(ActivityFigures(TODAY + datetime.timedelta(days=1), 5, 5)) == [("held_on", "future")]
    assert codes(ActivityFigures(datetime.date(2025, 12, 31), 5, 5)) == [("held_on", "outside_period")]


def test_activity_problems_refuse_person_times_below_participants():
    assert codes(ActivityFigures(TODAY, participants=10, person_times=9)) == [("person_times", "below_participants")]


def test_activity_problems_refuse_more_than_a_day_per_volunteer():
    assert codes(ActivityFigures(TODAY, 5, 5, volunteers=2, volunteer_minutes=2 * 24 * 60)) == []
    assert codes(ActivityFigures(TODAY, 5, 5, volunteers=2, volunteer_minutes=2 * 24 * 60 + 1)) == [("volunteer_hours", "over_a_day")]
    assert codes(ActivityFigures(TODAY, 5, 5, volunteers=0, volunteer_minutes=30)) == [("volunteers", "hours_without_volunteers")]


def test_period_share_elapsed_counts_days_inclusively():
    assert PERIOD.share_elapsed(datetime.date(2025, 12, 1)) == 0
    assert PERIOD.share_elapsed(datetime.date(2027, 1, 1)) == 1
    assert round(PERIOD.share_elapsed(datetime.date(2026, 7, 2)), 3) == round(183 / 365, 3)


def test_indicator_rows_flag_only_what_is_behind_beyond_the_margin():
    indicators = [{"kind": "activities", "target": "100"}, {"kind": "person_times", "target": "1000"},
                  {"kind": "custom", "name": "培育志愿者", "target": "20"}]
    totals = Totals(activities=41, person_times=300)  # half the period gone: about 50 and 500 are due
    halfway = datetime.date(2026, 7, 2)

    rows = indicator_rows(indicators, totals, reported={}, period=PERIOD, today=halfway, margin_bp=2000)

    assert [(r.kind, r.achieved, r.at_risk) for r in rows] == [
        ("activities", 41, False), ("person_times", 300, True), ("custom", None, False)]
    assert rows[1].percent == 30


def test_indicator_rows_read_custom_counts_and_volunteer_hours():
    rows = indicator_rows([{"kind": "volunteer_hours", "target": "10"}, {"kind": "custom", "name": "x", "target": "4"}],
                          Totals(volunteer_minutes=450), reported={1: 3}, period=None, today=TODAY, margin_bp=0)

    assert [r.achieved for r in rows] == [7.5, 3]
    assert not any(r.at_risk for r in rows)  # no period: nothing is due yet
