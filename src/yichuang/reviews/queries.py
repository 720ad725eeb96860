"""Reads for the review pages, each in a fixed number of queries whatever the round's size."""

from __future__ import annotations

from collections import Counter, defaultdict

from yichuang.reviews.models import Assignment, Conflict, PairRule, ReviewRound, ReviewState


def round_summary(review_round: ReviewRound) -> dict:
    if review_round.pk is None:
        return {"entries": 0, "panel": 0, "conflicts": {}, "assignments": 0, "submitted": 0, "solution": {}}
    conflicts = Counter(review_round.conflicts.values_list("source", flat=True))
    return {
        "entries": review_round.entries.count(),
        "panel": review_round.panel.count(),
        "conflicts": {Conflict(source=code).get_source_display(): n for code, n in sorted(conflicts.items())},
        "conflict_total": sum(conflicts.values()),
        "assignments": review_round.assignments.count(),
        "submitted": Assignment.objects.filter(round=review_round, review__state=ReviewState.SUBMITTED).count(),
        "solution": review_round.solution,
    }


def assignment_rows(review_round: ReviewRound) -> list[dict]:
    """Per application under review: its experts, its conflicts and the officer's pins and forbids."""
    if review_round.pk is None:
        return []
    assigned, conflicts, rules = defaultdict(list), defaultdict(list), defaultdict(list)
    conflicted = set()
    for c in review_round.conflicts.select_related("expert").order_by("expert__name_sort"):
        conflicts[c.application_id].append(c)
        conflicted.add((c.application_id, c.expert_id))
    for a in review_round.assignments.select_related("expert", "review"):
        a.is_conflicted = (a.application_id, a.expert_id) in conflicted
        assigned[a.application_id].append(a)
    for r in PairRule.objects.filter(round=review_round).select_related("expert"):
        rules[r.application_id].append(r)
    rows = []
    for entry in review_round.entries.select_related("application__organization", "application__domain"):
        application = entry.application
        rows.append({"application": application, "assignments": assigned[application.pk],
                     "conflicts": conflicts[application.pk], "rules": rules[application.pk]})
    return rows
