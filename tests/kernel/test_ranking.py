"""Score sheets, aggregates, calibration and the final ranking (kernel, no Django)."""

import random
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from yichuang.kernel.ranking import aggregate, calibrate, combine, roadshow_score
from yichuang.kernel.scoresheet import read_sheet, review_total

RUBRIC = {
    "criteria": [
        {"code": "need", "weight": 20, "max_points": 20, "na_allowed": False, "label_zh": "需求", "label_en": "Need"},
        {"code": "design", "weight": 30, "max_points": 30, "na_allowed": False, "label_zh": "设计", "label_en": "Design"},
        {"code": "innovation", "weight": 50, "max_points": 10, "na_allowed": True, "label_zh": "创新", "label_en": "Innovation"},
    ],
    "bonus": [{"code": "matching", "max_points": 5}],
    "review_weight_bp": 6000, "roadshow_weight_bp": 4000,
}


def _points(**values):
    return {k: (None if v is None else Decimal(str(v))) for k, v in values.items()}


# --- score sheets -------------------------------------------------------------------------------


def test_review_total_weights_fractions_on_a_hundred_point_scale():
    total = review_total(RUBRIC, _points(need=10, design=30, innovation=5))

    # need 50% × 20 + design 100% × 30 + innovation 50% × 50 = 10 + 30 + 25
    assert total.total == pytest.approx(65.0)


def test_review_total_na_renormalises_the_other_weights_never_zero():
    total = review_total(RUBRIC, _points(need=10, design=30, innovation=None))

    # Without innovation: need weighs 20/50 = 40%, design 30/50 = 60% → 0.5 × 40 + 1.0 × 60
    assert total.total == pytest.approx(80.0)
    assert [line.weight for line in total.lines] == pytest.approx([40.0, 60.0, 0.0])
    assert total.na_count == 1


def test_review_total_adds_bonus_on_top():
    total = review_total(RUBRIC, _points(need=20, design=30, innovation=10), _points(matching=3))

    assert (total.base, total.bonus, total.total) == pytest.approx((100.0, 3.0, 103.0))


def test_review_total_is_none_while_a_criterion_is_unscored():
    assert review_total(RUBRIC, _points(need=10, design=30)) is None


def test_read_sheet_keeps_tenths_exactly():
    scores, bonus, problems = read_sheet(RUBRIC, {"need": "17.5", "design": "２９", "innovation": None}, {"matching": "2"}, complete=True)

    assert problems == []
    assert scores == {"need": 175, "design": 290, "innovation": None}
    assert bonus == {"matching": 20}


@pytest.mark.parametrize(("typed", "code"), [("21", "out_of_range"), ("-1", "out_of_range"), ("17.55", "too_precise"),
                                             ("十七", "not_a_number"), ("nan", "not_a_number"), ("", "missing")])
def test_read_sheet_reports_bad_points_by_criterion(typed, code):
    _scores, _bonus, problems = read_sheet(RUBRIC, {"need": typed, "design": "10", "innovation": "5"}, {}, complete=True)

    assert [(p.item, p.code) for p in problems] == [("need", code)]


def test_read_sheet_refuses_float_points():
    _scores, _bonus, problems = read_sheet(RUBRIC, {"need": 17.5, "design": "10", "innovation": "5"}, {}, complete=False)

    assert [(p.item, p.code) for p in problems] == [("need", "not_a_number")]


def test_read_sheet_refuses_na_where_the_rubric_does_not_allow_it():
    _scores, _bonus, problems = read_sheet(RUBRIC, {"need": None, "design": "10", "innovation": "5"}, {}, complete=True)

    assert [(p.item, p.code) for p in problems] == [("need", "na_not_allowed")]


def test_read_sheet_draft_may_be_incomplete_but_submission_may_not():
    assert read_sheet(RUBRIC, {"need": "10"}, {}, complete=False)[2] == []
    assert {p.item for p in read_sheet(RUBRIC, {"need": "10"}, {}, complete=True)[2]} == {"design", "innovation"}


def test_read_sheet_all_na_is_a_problem():
    rubric = {"criteria": [{"code": "a", "weight": 1, "max_points": 10, "na_allowed": True}]}

    assert [p.code for p in read_sheet(rubric, {"a": None}, {}, complete=True)[2]] == ["all_na"]


@given(st.dictionaries(st.sampled_from(["need", "design", "innovation", "other"]),
                       st.one_of(st.none(), st.text(max_size=6), st.integers(-5, 50), st.floats())))
def test_read_sheet_never_raises_and_keeps_values_in_range(raw):
    scores, _bonus, _problems = read_sheet(RUBRIC, raw, {}, complete=True)

    maxima = {c["code"]: c["max_points"] * 10 for c in RUBRIC["criteria"]}
    assert all(v is None or 0 <= v <= maxima[k] for k, v in scores.items())


# --- aggregates ---------------------------------------------------------------------------------


def test_aggregate_trims_highest_and_lowest_from_five_reviews():
    result = aggregate([60, 70, 72, 74, 95])

    assert result.trimmed and result.trimmed_mean == pytest.approx(72.0)
    assert result.mean == pytest.approx(74.2)
    assert result.spread == 35 and result.disagreement


def test_aggregate_below_five_reviews_is_the_plain_mean():
    result = aggregate([70, 80, 75])

    assert not result.trimmed and result.trimmed_mean == pytest.approx(75.0)
    assert not result.disagreement


def test_roadshow_score_none_without_scores():
    assert roadshow_score([]) is None
    assert roadshow_score([80, 90]) == pytest.approx(85.0)


# --- calibration --------------------------------------------------------------------------------


def _synthetic(seed=7, apps=200, experts=30, per_app=4, noise=2.0):
    rng = np.random.default_rng(seed)
    quality = rng.uniform(50, 90, apps)
    offsets = rng.normal(0, 6, experts)
    offsets -= offsets.mean()
    reviews = []
    for a in range(apps):
        for e in rng.choice(experts, per_app, replace=False):
            reviews.append((a, int(e), float(quality[a] + offsets[e] + rng.normal(0, noise))))
    return quality, offsets, reviews


def _spearman(x, y):
    rx, ry = np.argsort(np.argsort(x)), np.argsort(np.argsort(y))
    return float(np.corrcoef(rx, ry)[0, 1])


def test_calibrate_recovers_known_expert_offsets():
    _quality, offsets, reviews = _synthetic()

    fitted = calibrate(reviews)

    recovered = np.array([fitted.offsets[e] for e in range(len(offsets))])
    assert np.corrcoef(recovered, offsets)[0, 1] > 0.95
    assert np.mean(np.abs(recovered - offsets)) < 1.5


def test_calibrated_scores_rank_better_than_raw_means():
    quality, _offsets, reviews = _synthetic()
    raw = {}
    for a, _e, s in reviews:
        raw.setdefault(a, []).append(s)

    fitted = calibrate(reviews)

    apps = sorted(raw)
    raw_rho = _spearman([np.mean(raw[a]) for a in apps], quality[apps])
    calibrated_rho = _spearman([fitted.quality[a] for a in apps], quality[apps])
    assert calibrated_rho > raw_rho


def test_calibrate_flags_the_most_lenient_and_harsh_experts():
    _quality, offsets, reviews = _synthetic()

    fitted = calibrate(reviews)

    extreme = {int(np.argmax(offsets)), int(np.argmin(offsets))}
    assert extreme <= fitted.flagged
    assert all(abs(fitted.offsets[e]) > fitted.offset_sd for e in fitted.flagged)


def test_calibrate_shrinks_an_expert_with_a_single_review():
    reviews = [(a, e, 70.0) for a in range(10) for e in ("x", "y")] + [(0, "lonely", 90.0)]

    fitted = calibrate(reviews)

    # The lone review sits 20 points above the consensus; with one review the offset is shrunk.
    assert 0 < fitted.offsets["lonely"] < 20 / 2


def test_calibrate_handles_a_disconnected_review_graph():
    reviews = [("a1", "e1", 80.0), ("a1", "e2", 70.0), ("b1", "e3", 60.0), ("b1", "e4", 64.0)]

    fitted = calibrate(reviews)

    assert fitted.quality["a1"] == pytest.approx(75.0, abs=1e-6)
    assert fitted.quality["b1"] == pytest.approx(62.0, abs=1e-6)
    assert fitted.offsets["e1"] == pytest.approx(-fitted.offsets["e2"])


def test_calibrate_without_reviews_is_empty():
    assert calibrate([]).quality == {}


# --- final ranking ------------------------------------------------------------------------------


def test_combine_weights_review_and_roadshow():
    ranked = combine({"a": 80.0, "b": 90.0}, {"a": 100.0, "b": 60.0}, RUBRIC, {"a": (1, "A"), "b": (2, "B")})

    # a: 80 × 0.6 + 100 × 0.4 = 88; b: 90 × 0.6 + 60 × 0.4 = 78
    assert [(r.application, r.rank, r.final) for r in ranked] == [("a", 1, pytest.approx(88.0)), ("b", 2, pytest.approx(78.0))]


def test_combine_ranks_applications_without_roadshow_after_those_with_one():
    ranked = combine({"a": 99.0, "b": 70.0}, {"a": None, "b": 70.0}, RUBRIC, {"a": (1, "A"), "b": (2, "B")})

    assert [r.application for r in ranked] == ["b", "a"]


def test_combine_gives_an_application_without_roadshow_no_roadshow_points():
    ranked = combine({"a": 92.98, "b": 80.0}, {"a": None, "b": 88.0}, RUBRIC, {"a": (1, "A"), "b": (2, "B")})

    # b: 80 × 0.6 + 88 × 0.4 = 83.2; a: 92.98 × 0.6 = 55.788, shown as its final, ranked by it
    assert [(r.application, r.final) for r in ranked] == [("b", pytest.approx(83.2)), ("a", pytest.approx(55.788))]


@pytest.mark.parametrize("seed", range(20))
def test_combine_displayed_final_never_contradicts_the_rank(seed):
    rng = random.Random(seed)
    scores = {i: rng.uniform(40, 100) for i in range(12)}
    shows = {i: (rng.uniform(40, 100) if rng.random() < 0.6 else None) for i in scores}

    ranked = combine(scores, shows, RUBRIC, {i: (i, f"N{i:03d}") for i in scores})

    finals = [r.final for r in ranked]
    assert finals == sorted(finals, reverse=True)


def test_combine_without_any_roadshow_ranks_by_review_alone():
    ranked = combine({"a": 70.0, "b": 80.0}, {}, RUBRIC, {"a": (1, "A"), "b": (2, "B")})

    assert [(r.application, r.final) for r in ranked] == [("b", 80.0), ("a", 70.0)]


@pytest.mark.parametrize(("scores", "shows", "tiebreak", "winner", "rule"), [
    ({"a": 80.0, "b": 90.0}, {"a": 100.0, "b": 85.0}, {"a": (1, "A"), "b": (2, "B")}, "a", "roadshow"),
    ({"a": 70.0, "b": 80.0}, {}, {"a": (1, "A"), "b": (2, "B")}, None, None),
    ({"a": 80.0, "b": 80.0}, {}, {"a": (5, "A"), "b": (2, "B")}, "b", "submitted"),
    ({"a": 80.0, "b": 80.0}, {}, {"a": (2, "B"), "b": (2, "A")}, "b", "number"),
])
def test_combine_tie_breaks_in_documented_order(scores, shows, tiebreak, winner, rule):
    ranked = combine(scores, shows, RUBRIC, tiebreak)

    if winner is None:
        assert all(r.decided_by == "" for r in ranked)
    else:
        assert ranked[0].application == winner
        assert ranked[0].decided_by == ranked[1].decided_by == rule


def test_combine_tie_on_final_broken_by_review_score():
    # Equal finals (0.6 × 80 + 0.4 × 70 = 76 = 0.6 × 70 + 0.4 × 85) and different roadshow scores → roadshow first.
    ranked = combine({"a": 80.0, "b": 70.0}, {"a": 70.0, "b": 85.0}, RUBRIC, {"a": (1, "A"), "b": (1, "B")})

    assert [r.application for r in ranked] == ["b", "a"]
    assert ranked[0].decided_by == "roadshow"


def test_combine_ranks_are_unique_and_consecutive():
    rng = random.Random(3)
    scores = {i: float(rng.choice([70, 75, 80])) for i in range(30)}

    ranked = combine(scores, {}, RUBRIC, {i: (rng.random(), f"N{i:03d}") for i in scores})

    assert [r.rank for r in ranked] == list(range(1, 31))
