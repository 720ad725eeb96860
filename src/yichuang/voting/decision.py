"""A published tally becomes the program's funding decision: the same decision page, the same
reasons in plain words for every unfunded project, overrides only with a written reason."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from yichuang.funding.services import decision_record
from yichuang.voting import permissions
from yichuang.voting.models import Vote, VoteStatus


def decision_from_tally(*, actor, vote: Vote):
    """Record the vote's published result as the program's funding decision (to check and apply)."""
    vote = Vote.objects.select_related("program__area", "area").get(pk=vote.pk)
    if not permissions.can_manage(actor, vote):
        raise PermissionDenied
    run = vote.tallies.first()
    if vote.status != VoteStatus.PUBLISHED or run is None:
        raise ValidationError(_("Publish the vote's result first; the published result becomes the decision."))
    funded, unfunded = outcome_rows(vote, run.rule, run.result)
    parameters = {"source": "vote", "vote": vote.pk, "tally": run.pk, "rule": run.rule, "budget": vote.budget.fen,
                  "threshold": vote.threshold}
    return decision_record(actor=actor, program=vote.program, parameters=parameters, funded=funded,
                           unfunded=unfunded, action="voting.decision.taken")


def outcome_rows(vote: Vote, rule: str, result: dict) -> tuple[list[list], list[list]]:
    """Funded [[application id, fen]] in vote order, and unfunded [[application id, reason code, params]]."""
    options = list(vote.options.select_related("application").order_by("position"))
    scores, selected = result.get("scores", {}), set(result.get("selected", []))
    ranking = sorted(options, key=lambda o: (-scores.get(str(o.pk), 0), o.position))
    funded, unfunded, left, stopped = [], [], vote.budget.fen, False
    for rank, option in enumerate(ranking, start=1):
        votes = scores.get(str(option.pk), 0)
        if str(option.pk) in selected:
            funded.append([option.application_id, option.cost.fen])
            left -= option.cost.fen
            continue
        params = {"rank": rank, "votes": votes, "request": option.cost.fen, "left": max(left, 0),
                  "threshold": vote.threshold}
        unfunded.append([option.application_id, _reason_code(rule, votes, vote.threshold, stopped), params])
        stopped = stopped or rule == "greedy-no-skip"
    return funded, unfunded


def _reason_code(rule: str, votes: int, threshold, stopped: bool) -> str:
    if rule.startswith("equalshares"):
        return "vote_equal_shares"
    if rule == "greedy-threshold" and threshold and votes < threshold:
        return "vote_threshold"
    return "vote_stopped" if stopped else "vote_budget"
