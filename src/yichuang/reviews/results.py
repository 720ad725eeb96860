"""The numbers of a round's results page, computed by the kernel from the submitted reviews.

Per application: raw mean, trimmed mean and calibrated score of the review totals, their spread with
a disagreement flag, the roadshow score, the final score by the program's weights and the rank.
Per expert: the fitted offset (lenient > 0, harsh < 0) and whether it is flagged. Conflicted
assignments never count. docs/scoring.md explains every formula.
"""

from __future__ import annotations

from collections import defaultdict

from django.utils import translation
from django.utils.translation import gettext as _

from yichuang.kernel import ranking, scoresheet
from yichuang.reviews.models import Assignment, Conflict, Review, ReviewRound, ReviewState
from yichuang.reviews.roadshow_queries import roadshow_scores


def _submitted(review_round: ReviewRound) -> list[Review]:
    conflicted = set(Conflict.objects.filter(round=review_round).values_list("application_id", "expert_id"))
    reviews = Review.objects.filter(assignment__round=review_round, state=ReviewState.SUBMITTED).select_related(
        "assignment__expert")
    return [r for r in reviews if (r.assignment.application_id, r.assignment.expert_id) not in conflicted]


def _totals(reviews: list[Review]) -> dict[int, list[tuple[int, float]]]:
    by_application: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for review in reviews:
        by_application[review.assignment.application_id].append((review.assignment.expert_id, review.total_centi / 100))
    return by_application


def _weights(rubric: dict) -> dict:
    review_bp = int(rubric.get("review_weight_bp", 10000))
    roadshow_bp = int(rubric.get("roadshow_weight_bp", 0))
    return {"review": f"{review_bp / 100:g}%", "roadshow": f"{roadshow_bp / 100:g}%"}


def round_results(review_round: ReviewRound) -> dict:
    weights = _weights(review_round.program.rubric_version.content)
    if review_round.pk is None:
        return {"rows": [], "experts": [], "calibration": None, "weights": weights, "unpitched": []}
    reviews = _submitted(review_round)
    totals = _totals(reviews)
    calibration = ranking.calibrate(
        [(app, expert, total) for app, items in totals.items() for expert, total in items]) if reviews else None
    entries = list(review_round.entries.select_related("application__organization", "application__domain"))
    assigned = defaultdict(int)
    for application_id in Assignment.objects.filter(round=review_round).values_list("application_id", flat=True):
        assigned[application_id] += 1
    roadshow = roadshow_scores(review_round.program)
    review_scores, rows = {}, {}
    for entry in entries:
        application = entry.application
        values = [total for _expert, total in totals.get(application.pk, [])]
        summary = ranking.aggregate(values) if values else None
        calibrated = calibration.quality.get(application.pk) if calibration else None
        if calibrated is not None:
            review_scores[application.pk] = calibrated
        rows[application.pk] = {"application": application, "summary": summary, "calibrated": calibrated,
                                "reviews": len(values), "assigned": assigned[application.pk],
                                "roadshow": ranking.roadshow_score(roadshow.get(application.pk, []))}
    ranked_list = ranking.combine(
        review_scores, {pk: row["roadshow"] for pk, row in rows.items() if pk in review_scores},
        review_round.program.rubric_version.content,
        tiebreak={pk: (rows[pk]["application"].submitted_at.timestamp() if rows[pk]["application"].submitted_at else 0,
                       rows[pk]["application"].number) for pk in review_scores},
    )
    for ranked in ranked_list:
        rows[ranked.application].update(rank=ranked.rank, final=ranked.final, decided_by=_tie_break_label(ranked.decided_by))
    ordered = sorted(rows.values(), key=lambda row: (row.get("rank") is None, row.get("rank") or 0, row["application"].number))
    # Which ranked applications have no roadshow score while others have one (the page explains the rule).
    pitched = any(row["roadshow"] is not None for row in ordered if row.get("rank"))
    unpitched = [row["application"] for row in ordered if pitched and row.get("rank") and row["roadshow"] is None]
    for row in ordered:
        row["no_roadshow"] = row["application"] in unpitched
    return {"rows": ordered, "experts": _expert_rows(review_round, calibration), "calibration": calibration, "weights": weights,
            "unpitched": unpitched}


def _tie_break_label(code: str) -> str:
    return {
        "roadshow": _("the higher roadshow score"), "review": _("the higher review score"),
        "submitted": _("the earlier submission"), "number": _("the lower application number"),
    }.get(code, "")


def _expert_rows(review_round: ReviewRound, calibration) -> list[dict]:
    if calibration is None:
        return []
    experts = {e.pk: e for e in review_round.panel.all()}
    return sorted(
        ({"expert": experts.get(pk), "offset": offset, "flagged": pk in calibration.flagged,
          "reviews": calibration.counts.get(pk, 0)} for pk, offset in calibration.offsets.items() if pk in experts),
        key=lambda row: -abs(row["offset"]),
    )


def explain(review_round: ReviewRound, application_pk: int) -> dict | None:
    """Everything behind one application's numbers: each review's breakdown and the aggregation."""
    entry = review_round.entries.select_related("application__organization").filter(application_id=application_pk).first()
    if entry is None:
        return None
    rubric = review_round.program.rubric_version.content
    results = round_results(review_round)
    row = next(r for r in results["rows"] if r["application"].pk == application_pk)
    reviews = [r for r in _submitted(review_round) if r.assignment.application_id == application_pk]
    offsets = results["calibration"].offsets if results["calibration"] else {}
    sheets = []
    for review in reviews:
        points = {code: (None if v is None else scoresheet.tenths_to_points(v)) for code, v in review.scores.items()}
        bonus = {code: scoresheet.tenths_to_points(v) for code, v in review.bonus.items() if v is not None}
        breakdown = scoresheet.review_total(rubric, points, bonus)
        english = translation.get_language() == "en"
        lines = [{"label": (line.label_en if english else line.label_zh) or line.code, "na": line.na,
                  "points": line.points, "max_points": line.max_points, "weight": line.weight,
                  "contribution": line.contribution, "comment": review.comments.get(line.code, "")}
                 for line in breakdown.lines]
        sheets.append({"review": review, "expert": review.assignment.expert, "total": breakdown.total,
                       "bonus": breakdown.bonus, "lines": lines, "offset": offsets.get(review.assignment.expert_id)})
    pending = Assignment.objects.filter(round=review_round, application_id=application_pk).exclude(
        review__state=ReviewState.SUBMITTED).select_related("expert")
    return {"application": entry.application, "row": row, "sheets": sheets, "pending": list(pending), "rubric": rubric}
