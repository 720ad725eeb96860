"""Reads of the roadshow: the live board and the scores the results page combines."""

from __future__ import annotations

from collections import defaultdict

from yichuang.kernel.ranking import roadshow_score
from yichuang.reviews.models import Conflict, RoadshowScore, RoadshowSession


def board(session: RoadshowSession) -> list[dict]:
    """Per pitch: who scored, who has not yet, the score so far. Four queries whatever the size."""
    panel = list(session.panel.order_by("name_sort"))
    # Experts with a conflict do not score that team's pitch, so they are not waited for.
    conflicted = set(Conflict.objects.filter(round__program=session.program_id).values_list("application_id", "expert_id"))
    scores = defaultdict(dict)
    for score in RoadshowScore.objects.filter(slot__session=session):
        scores[score.slot_id][score.expert_id] = score.score_tenths / 10
    rows = []
    for slot in session.slots.select_related("application__organization").order_by("position"):
        given = scores[slot.pk]
        expected = [e for e in panel if (slot.application_id, e.pk) not in conflicted]
        rows.append({
            "slot": slot, "application": slot.application, "received": len(given), "panel": len(expected),
            "missing": [expert.name for expert in expected if expert.pk not in given],
            "score": roadshow_score(list(given.values())), "current": slot.pk == session.current_id,
        })
    return rows


def roadshow_scores(program) -> dict[int, list[float]]:
    """Application id → the points of every expert who scored its pitch."""
    found: dict[int, list[float]] = defaultdict(list)
    rows = RoadshowScore.objects.filter(slot__session__program=program).values_list("slot__application_id", "score_tenths")
    for application_id, tenths in rows:
        found[application_id].append(tenths / 10)
    return dict(found)


def my_conflicted_slots(session: RoadshowSession, expert) -> set[int]:
    """Slots whose team this expert has a conflict with (detected or declared in the program's rounds)."""
    from yichuang.reviews.models import Conflict

    conflicted = Conflict.objects.filter(round__program=session.program_id, expert=expert).values("application_id")
    return set(session.slots.filter(application__in=conflicted).values_list("pk", flat=True))


def my_scores(session: RoadshowSession, expert) -> dict[int, float]:
    """Slot id → this expert's points."""
    return {slot_id: tenths / 10 for slot_id, tenths in
            RoadshowScore.objects.filter(slot__session=session, expert=expert).values_list("slot_id", "score_tenths")}
