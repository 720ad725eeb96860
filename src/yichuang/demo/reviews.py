"""The Wujin program's expert review, as sample data: a panel, declarations, an optimal assignment,
submitted score sheets (with one lenient and one harsh expert, so calibration has work to do), and a
roadshow prepared for the officer to open. The demo expert keeps two applications to score."""

from __future__ import annotations

import random

from yichuang.applications.engine import application_transition
from yichuang.demo.experts import load_experts
from yichuang.places.models import Area
from yichuang.programs.models import Program
from yichuang.reviews import roadshow, scores, services
from yichuang.reviews.models import ReviewRound

SEED = 20241129  # scores are invented, reproducibly
LEFT_FOR_DEMO_EXPERT = 2


def load_wujin_review(admin, officer, program: Program, applications: list, *, with_roadshow: bool = True) -> ReviewRound:
    district = Area.objects.get(code="320412")
    experts = load_experts(actor=admin, district=district)
    for application in applications:
        application_transition(actor=officer, application=application, code="start_review")
    review_round = ReviewRound.objects.get(program=program)
    review_round = services.round_update(
        actor=officer, review_round=review_round, version=review_round.version, panel=experts, reviewers_per_application=3,
        min_load=4, max_load=8, team_years=3, community_conflicts=False,
    )
    _declare(experts, review_round, applications)
    services.round_assign(actor=officer, review_round=review_round, method="optimal")
    services.round_open(actor=officer, review_round=review_round)
    _score(review_round, experts)
    if with_roadshow:
        roadshow.roadshow_setup(actor=officer, program=program, application_ids_in_order=[a.pk for a in applications],
                                panel=experts[:5], venue="武进区社会组织孵化基地路演厅（示例）")
    return review_round


def finish_reviews(program: Program) -> None:
    """The demo expert's last score sheets, scored as the expert would (a round whose review is over)."""
    review_round = ReviewRound.objects.get(program=program)
    rng = random.Random(SEED + 1)
    rubric = program.rubric_version.content
    for assignment in review_round.assignments.filter(review__isnull=True).select_related("expert__user"):
        user = assignment.expert.user
        services.assignment_confirm(actor=user, assignment=assignment, independent=True)
        scores.review_save(actor=user, assignment=assignment, revision=1, scores=_sheet(rubric, 0.8, rng), bonus={},
                           comments={}, comment="项目回应了社区需求，建议加强成效评估。（示例评语）", submit=True)


def _declare(experts, review_round, applications) -> None:
    """The first expert knows one team; the second would like to review the elderly-care projects."""
    first, second = experts[0], experts[1]
    if first.user_id:
        services.declaration_save(actor=first.user, review_round=review_round, conflicted={applications[0].pk}, interested=set(),
                                  note="曾为该机构提供督导服务（示例）")
    if second.user_id:
        elderly = {a.pk for a in applications if a.domain and a.domain.code == "elderly"}
        services.declaration_save(actor=second.user, review_round=review_round, conflicted=set(), interested=elderly)


def _score(review_round: ReviewRound, experts) -> None:
    rng = random.Random(SEED)
    rubric = review_round.program.rubric_version.content
    quality = {entry.application_id: rng.uniform(0.62, 0.92) for entry in review_round.entries.all()}
    # One lenient and one harsh expert: the calibrated scores correct them.
    offset = {expert.pk: 0.0 for expert in experts}
    offset[experts[2].pk], offset[experts[3].pk] = 0.08, -0.08
    demo_expert_left = LEFT_FOR_DEMO_EXPERT
    for assignment in review_round.assignments.select_related("expert__user").order_by("application__number", "expert_id"):
        user = assignment.expert.user
        if user is None:
            continue
        if user.username == "expert" and demo_expert_left:
            demo_expert_left -= 1
            continue
        services.assignment_confirm(actor=user, assignment=assignment, independent=True)
        sheet = _sheet(rubric, quality[assignment.application_id] + offset[assignment.expert_id], rng)
        scores.review_save(actor=user, assignment=assignment, revision=1, scores=sheet, bonus={}, comments={},
                           comment="项目设计较完整，建议细化预算测算。（示例评语）", submit=True)


def _sheet(rubric: dict, level: float, rng: random.Random) -> dict:
    """Points per criterion around ``level`` of the maximum, in half points (experts rarely use tenths)."""
    sheet = {}
    for item in rubric["criteria"]:
        share = min(max(level + rng.gauss(0, 0.04), 0.0), 1.0)
        sheet[item["code"]] = str(round(share * item["max_points"] * 2) / 2).removesuffix(".0")
    return sheet
