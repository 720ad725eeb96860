"""From review totals to a ranking: aggregates, expert calibration, roadshow, final score, tie-breaks.

All scores are on the 0–100 scale. docs/scoring.md explains each rule in plain words.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Hashable, Iterable, Mapping, Sequence

import numpy as np

DISAGREEMENT_SPREAD = 20.0  # points between the highest and the lowest review
TRIM_FROM = 5  # with this many reviews or more, drop one highest and one lowest (去掉一个最高分和一个最低分)
RIDGE = 2.0  # shrinks the offsets of experts with few reviews: n / (n + RIDGE) of their deviation


@dataclass(frozen=True)
class Aggregate:
    n: int
    mean: float
    trimmed_mean: float
    trimmed: bool
    spread: float
    sd: float
    disagreement: bool


def aggregate(values: Sequence[float], disagreement_spread: float = DISAGREEMENT_SPREAD) -> Aggregate:
    """Raw mean, trimmed mean (one highest and one lowest dropped from 5 reviews up), spread, sd."""
    if not values:
        raise ValueError("no values to aggregate")
    ordered = sorted(values)
    mean = sum(ordered) / len(ordered)
    trimmed = len(ordered) >= TRIM_FROM
    kept = ordered[1:-1] if trimmed else ordered
    sd = math.sqrt(sum((v - mean) ** 2 for v in ordered) / len(ordered))
    spread = ordered[-1] - ordered[0]
    return Aggregate(len(ordered), mean, sum(kept) / len(kept), trimmed, spread, sd, spread > disagreement_spread)


def roadshow_score(values: Sequence[float]) -> float | None:
    """The roadshow score of one pitch: the same trimmed mean as reviews; None when nobody scored."""
    return aggregate(values).trimmed_mean if values else None


@dataclass(frozen=True)
class Calibration:
    quality: dict  # application → calibrated score
    offsets: dict  # expert → fitted offset (lenient > 0, harsh < 0)
    counts: dict  # expert → number of reviews
    flagged: set  # experts whose |offset| exceeds one standard deviation of all offsets
    offset_sd: float
    residual_sd: float
    iterations: int


def calibrate(reviews: Iterable[tuple[Hashable, Hashable, float]], ridge: float = RIDGE,
              tolerance: float = 1e-9, max_iterations: int = 20_000) -> Calibration:
    """Fit score[a, e] = quality[a] + offset[e] + noise by least squares with a ridge on the offsets.

    Block coordinate descent on a convex objective: quality is the mean of (score − offset) over an
    application's reviews; an offset is the sum of (score − quality) over the expert's reviews
    divided by (their count + ridge). The ridge makes the fit unique even when the review graph is
    disconnected, and keeps an expert with one or two reviews from getting a wild offset.
    """
    rows = list(reviews)
    if not rows:
        return Calibration({}, {}, {}, set(), 0.0, 0.0, 0)
    apps = list(dict.fromkeys(a for a, _e, _s in rows))
    experts = list(dict.fromkeys(e for _a, e, _s in rows))
    a_index, e_index = _indices(apps, rows, 0), _indices(experts, rows, 1)
    y = np.array([float(s) for _a, _e, s in rows])
    a_count = np.bincount(a_index, minlength=len(apps)).astype(float)
    e_count = np.bincount(e_index, minlength=len(experts)).astype(float)
    offset = np.zeros(len(experts))
    quality = np.zeros(len(apps))
    iterations = 0
    for iterations in range(1, max_iterations + 1):  # noqa: B007 (the count is reported)
        quality = np.bincount(a_index, weights=y - offset[e_index], minlength=len(apps)) / a_count
        updated = np.bincount(e_index, weights=y - quality[a_index], minlength=len(experts)) / (e_count + ridge)
        change = float(np.max(np.abs(updated - offset)))
        offset = updated
        if change < tolerance:
            break
    quality = np.bincount(a_index, weights=y - offset[e_index], minlength=len(apps)) / a_count
    residual = y - quality[a_index] - offset[e_index]
    dof = max(len(rows) - len(apps) - len(experts), 1)
    offset_sd = float(np.std(offset)) if len(experts) > 1 else 0.0
    flagged = {experts[i] for i in range(len(experts)) if offset_sd > 0 and abs(offset[i]) > offset_sd}
    return Calibration(
        quality={a: float(quality[i]) for i, a in enumerate(apps)},
        offsets={e: float(offset[i]) for i, e in enumerate(experts)},
        counts={e: int(e_count[i]) for i, e in enumerate(experts)},
        flagged=flagged, offset_sd=offset_sd,
        residual_sd=float(math.sqrt(float(residual @ residual) / dof)), iterations=iterations,
    )


def _indices(keys: list, rows: list, column: int) -> np.ndarray:
    position = {key: i for i, key in enumerate(keys)}
    return np.array([position[row[column]] for row in rows])


@dataclass(frozen=True)
class Ranked:
    application: Hashable
    rank: int
    final: float
    review: float
    roadshow: float | None
    decided_by: str  # "" or the tie-break key that separated it from an equal final score


TIE_BREAKS = ("roadshow", "review", "submitted", "number")


def combine(review_scores: Mapping[Hashable, float], roadshow_scores: Mapping[Hashable, float | None], rubric: dict,
            tiebreak: Mapping[Hashable, tuple]) -> list[Ranked]:
    """Rank by final = review × review weight + roadshow × roadshow weight (the program's weights).

    Once any application has a roadshow score, one without (not shortlisted, absent, or scored by
    nobody) gets no roadshow points: its final is its review score × the review weight. Ranking is by
    that final score alone, so a displayed final never contradicts the rank. If no application has a
    roadshow score, the review score alone decides. Equal final scores are separated by, in order:
    the higher roadshow score, the higher review score, the earlier submission, the lower
    application number (``tiebreak`` gives (submission timestamp, number) per application).
    """
    w_review = int(rubric.get("review_weight_bp", 10000)) / 10000
    w_roadshow = int(rubric.get("roadshow_weight_bp", 0)) / 10000
    any_roadshow = any(roadshow_scores.get(a) is not None for a in review_scores)
    entries = []
    for app, review in review_scores.items():
        show = roadshow_scores.get(app)
        if show is not None:
            final = review * w_review + show * w_roadshow
        else:
            final = review * w_review if any_roadshow else review
        # Rounded so that equal sums computed in different orders compare equal.
        entries.append((app, round(final, 9), review, show))
    key = lambda e: (-e[1], -(e[3] if e[3] is not None else -1), -e[2], *tiebreak[e[0]])  # noqa: E731
    entries.sort(key=key)
    decided = {}
    for previous, current in zip(entries, entries[1:]):
        if previous[1] == current[1]:
            reason = _decider(previous, current, tiebreak)
            decided.setdefault(previous[0], reason)
            decided[current[0]] = reason
    return [Ranked(e[0], i + 1, e[1], e[2], e[3], decided.get(e[0], "")) for i, e in enumerate(entries)]


def _decider(a: tuple, b: tuple, tiebreak: Mapping) -> str:
    pairs = [((a[3] if a[3] is not None else -1), (b[3] if b[3] is not None else -1)), (a[2], b[2]),
             (tiebreak[a[0]][0], tiebreak[b[0]][0]), (tiebreak[a[0]][1], tiebreak[b[0]][1])]
    for name, (x, y) in zip(TIE_BREAKS, pairs):
        if x != y:
            return name
    return "number"
