"""Writes to review rounds: entering applications, the panel, declarations, pins, the assignment.

Every function runs in one transaction, checks permission, writes an audit row, and sends its
messages after the commit (the messenger defers them). Score sheets are written in scores.py.
"""

from __future__ import annotations

import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from yichuang.accounts.models import User
from yichuang.accounts.roles import Role
from yichuang.accounts.scopes import ancestor_paths
from yichuang.core.audit import log_action, snapshot
from yichuang.core.errors import StaleEditError
from yichuang.kernel import assignment as solver
from yichuang.notifications.messenger import Message, notify
from yichuang.programs import permissions as program_permissions
from yichuang.reviews import conflicts
from yichuang.reviews.messages import infeasible_message
from yichuang.reviews.models import (
    Assignment,
    Conflict,
    ConflictSource,
    Expert,
    Interest,
    PairRule,
    ReviewRound,
    RoundEntry,
    RoundState,
)

ROUND_FIELDS = [
    "reviewers_per_application", "min_load", "max_load", "community_conflicts", "team_years", "deadline", "panel",
]
INTEREST_AFFINITY = 0.5  # a declared wish counts half a domain match


def _require_officer(actor, review_round: ReviewRound) -> None:
    if not program_permissions.can_manage_program(actor, review_round.program):
        raise PermissionDenied


def _locked(review_round: ReviewRound) -> ReviewRound:
    """The round row locked for this transaction (created first when the page showed the defaults)."""
    if review_round.pk is None:
        review_round = ReviewRound.objects.get_or_create(program=review_round.program)[0]
    return ReviewRound.objects.select_for_update(of=("self",)).select_related("program__area").get(pk=review_round.pk)


def _log(actor, action: str, review_round: ReviewRound, **kwargs) -> None:
    log_action(actor=actor, action=f"reviews.{action}", obj=review_round, area_path=review_round.program.area.path, **kwargs)


@transaction.atomic
def round_enter(*, actor, application) -> RoundEntry:
    """Put an application under review (the workflow's open_review_round effect calls this)."""
    review_round, _created = ReviewRound.objects.get_or_create(program=application.program)
    entry, created = RoundEntry.objects.get_or_create(round=review_round, application=application)
    if created:
        _log(actor, "round.entered", review_round, after={"application": application.pk})
    return entry


@transaction.atomic
def round_update(*, actor, review_round: ReviewRound, version: int, **fields) -> ReviewRound:
    review_round = _locked(review_round)
    _require_officer(actor, review_round)
    if review_round.version != version:
        raise StaleEditError()
    if review_round.state == RoundState.CLOSED:
        raise ValidationError(_("This review round is closed; its settings can no longer change."))
    min_load, max_load = fields.get("min_load", review_round.min_load), fields.get("max_load", review_round.max_load)
    if min_load > max_load:
        raise ValidationError({"min_load": _("The fewest applications per expert cannot exceed the most.")})
    before = snapshot(review_round, ROUND_FIELDS)
    panel = fields.pop("panel", None)
    for name, value in fields.items():
        setattr(review_round, name, value)
    review_round.version += 1
    review_round.save()
    if panel is not None:
        review_round.panel.set(panel)
    _log(actor, "round.updated", review_round, before=before, after=snapshot(review_round, ROUND_FIELDS))
    return review_round


def conflicts_refresh(review_round: ReviewRound) -> int:
    """Recompute the detected conflicts of the whole panel; declared ones stay. Returns the count."""
    experts = list(review_round.panel.prefetch_related("affiliations"))
    applications = [e.application for e in review_round.entries.select_related("application__organization")]
    Conflict.objects.filter(round=review_round).exclude(source=ConflictSource.DECLARED).delete()
    found = conflicts.detect(review_round, experts, applications)
    Conflict.objects.bulk_create([
        Conflict(round=review_round, expert_id=f.expert_id, application_id=f.application_id, source=f.source, detail=f.detail)
        for f in found
    ])
    return Conflict.objects.filter(round=review_round).count()


@transaction.atomic
def declaration_save(*, actor, review_round: ReviewRound, conflicted: set[int], interested: set[int], note: str = "") -> None:
    """An expert's declaration before seeing any content: whom they know, what they would like to review."""
    review_round = _locked(review_round)
    expert = _panel_member(actor, review_round)
    entries = set(review_round.entries.values_list("application_id", flat=True))
    if not (conflicted | interested) <= entries:
        raise ValidationError(_("Some of the applications you marked are not in this round. Reload the page."))
    if conflicted & interested:
        raise ValidationError(_("An application cannot be both one you know and one you would like to review."))
    declared = Conflict.objects.filter(round=review_round, expert=expert, source=ConflictSource.DECLARED)
    before = {"conflicts": sorted(declared.values_list("application_id", flat=True)),
              "interests": sorted(Interest.objects.filter(round=review_round, expert=expert).values_list("application_id", flat=True))}
    declared.exclude(application__in=conflicted).delete()
    Interest.objects.filter(round=review_round, expert=expert).delete()
    detail = note[:300]
    for application_id in sorted(conflicted - set(before["conflicts"])):
        Conflict.objects.create(round=review_round, expert=expert, application_id=application_id,
                                source=ConflictSource.DECLARED, detail=detail)
    Interest.objects.bulk_create([Interest(round=review_round, expert=expert, application_id=a) for a in sorted(interested)])
    _log(actor, "declaration.saved", review_round, before=before,
         after={"conflicts": sorted(conflicted), "interests": sorted(interested)})
    if conflicted - set(before["conflicts"]) and _assigned(review_round, expert, conflicted):
        _notify_officers(review_round)


def _panel_member(actor, review_round: ReviewRound) -> Expert:
    expert = Expert.objects.filter(user=actor, rounds=review_round).first()
    if expert is None:
        raise PermissionDenied
    return expert


def _assigned(review_round, expert, application_ids) -> bool:
    return Assignment.objects.filter(round=review_round, expert=expert, application__in=application_ids).exists()


@transaction.atomic
def assignment_confirm(*, actor, assignment: Assignment, independent: bool, note: str = "") -> Assignment:
    """On first opening an assignment the expert confirms independence or declares a conflict."""
    assignment = Assignment.objects.select_for_update(of=("self",)).select_related("round__program__area", "expert").get(pk=assignment.pk)
    if assignment.expert.user_id != actor.pk:
        raise PermissionDenied
    if independent:
        assignment.confirmed_at = assignment.confirmed_at or timezone.now()
        assignment.save(update_fields=["confirmed_at"])
        _log(actor, "assignment.confirmed", assignment.round, after={"assignment": assignment.pk})
        return assignment
    Conflict.objects.get_or_create(
        round=assignment.round, expert=assignment.expert, application=assignment.application,
        source=ConflictSource.DECLARED, defaults={"detail": note[:300]},
    )
    _log(actor, "assignment.conflict_declared", assignment.round, reason=note, after={"assignment": assignment.pk})
    _notify_officers(assignment.round)
    return assignment


@transaction.atomic
def pair_rule_set(*, actor, review_round: ReviewRound, expert: Expert, application, rule: str, reason: str = "") -> None:
    """Pin or forbid one pair; rule "" removes the officer's rule."""
    review_round = _locked(review_round)
    _require_officer(actor, review_round)
    if not review_round.entries.filter(application=application).exists() or not review_round.panel.filter(pk=expert.pk).exists():
        raise ValidationError(_("Choose an application of this round and an expert of its panel."))
    if rule == PairRule.Rule.PIN and Conflict.objects.filter(round=review_round, expert=expert, application=application).exists():
        raise ValidationError(_("%(expert)s has a conflict with %(number)s and cannot be pinned to it.")
                              % {"expert": expert.name, "number": application.number})
    existing = PairRule.objects.filter(round=review_round, expert=expert, application=application).first()
    before = {"rule": existing.rule if existing else ""}
    if existing:
        existing.delete()
    if rule:
        PairRule.objects.create(round=review_round, expert=expert, application=application, rule=rule, reason=reason[:300])
    _log(actor, "pair_rule.set", review_round, before=before, after={"rule": rule, "expert": expert.pk,
                                                             "application": application.pk}, reason=reason)


def _instance(review_round: ReviewRound) -> tuple[dict, dict[str, int], dict[str, int]]:
    """The solver's instance for the round, with maps back from its string ids to database ids."""
    entries = list(review_round.entries.select_related("application"))
    experts = list(review_round.panel.filter(available=True).prefetch_related("domains"))
    app_ids = {f"a{e.application_id}": e.application_id for e in entries}
    expert_ids = {f"e{x.pk}": x.pk for x in experts}
    domains = {x.pk: {d.code for d in x.domains.all()} for x in experts}
    app_domain = {e.application_id: (e.application.domain.code if e.application.domain_id else "") for e in entries}
    pairs = lambda qs: [[f"a{a}", f"e{x}"] for a, x in qs if f"a{a}" in app_ids and f"e{x}" in expert_ids]  # noqa: E731
    started = Assignment.objects.filter(round=review_round, review__isnull=False).exclude(
        pk__in=_conflicted_assignment_ids(review_round)).values_list("application_id", "expert_id")
    pinned = {tuple(p) for p in pairs(started)} | {tuple(p) for p in pairs(
        review_round.rules.filter(rule=PairRule.Rule.PIN).values_list("application_id", "expert_id"))}
    affinity = [
        [f"a{a}", f"e{x}", (1.0 if app_domain.get(a) in domains.get(x, set()) else 0.0) + INTEREST_AFFINITY]
        for a, x in review_round.interests.values_list("application_id", "expert_id")
        if f"a{a}" in app_ids and f"e{x}" in expert_ids
    ]
    instance = {
        "reviewers_per_application": review_round.reviewers_per_application,
        "community_conflicts": False,  # every conflict is in the round's table, with its reason
        "applications": [{"id": f"a{e.application_id}", "domain": app_domain[e.application_id],
                          "organization": "", "community": ""} for e in entries],
        "experts": [{"id": f"e{x.pk}", "domains": sorted(domains[x.pk]), "organizations": [], "community": "",
                     "min_load": min(max(review_round.min_load, x.min_load), _max_load(review_round, x)),
                     "max_load": _max_load(review_round, x)} for x in experts],
        "affinity": affinity,
        "conflicts": pairs(review_round.conflicts.values_list("application_id", "expert_id").distinct()),
        "pinned": sorted(list(p) for p in pinned),
        "forbidden": pairs(review_round.rules.filter(rule=PairRule.Rule.FORBID).values_list("application_id", "expert_id")),
    }
    return instance, app_ids, expert_ids


def _max_load(review_round: ReviewRound, expert: Expert) -> int:
    return min(review_round.max_load, expert.max_load)


def _conflicted_assignment_ids(review_round: ReviewRound) -> list[int]:
    conflicted = set(review_round.conflicts.values_list("application_id", "expert_id"))
    return [pk for pk, a, x in review_round.assignments.values_list("pk", "application_id", "expert_id") if (a, x) in conflicted]


@transaction.atomic
def round_assign(*, actor, review_round: ReviewRound, method: str = "optimal", seed: int | None = None) -> dict:
    """Solve the assignment and store it. Reviews already started are kept (pinned), so are the
    officer's pins; an infeasible instance raises a ValidationError saying why and changes nothing."""
    review_round = _locked(review_round)
    _require_officer(actor, review_round)
    if review_round.state == RoundState.CLOSED:
        raise ValidationError(_("This review round is closed."))
    if not review_round.entries.exists() or not review_round.panel.exists():
        raise ValidationError(_("A round needs applications under review and a panel of experts before assigning."))
    conflicts_refresh(review_round)
    instance, app_ids, expert_ids = _instance(review_round)
    try:
        parsed = solver.parse_instance(instance)
        if method == "draw":
            seed = seed if seed is not None else secrets.randbelow(2**31)
            result = solver.draw(parsed, seed)
        else:
            result = solver.solve(parsed)
    except solver.Infeasible as problem:
        raise ValidationError(infeasible_message(problem, instance)) from problem
    except solver.InstanceError as problem:
        raise ValidationError(_("The assignment could not be set up: %(reason)s") % {"reason": str(problem)}) from problem
    created = _store(review_round, [(app_ids[a], expert_ids[e]) for a, e in result.assignment], instance)
    review_round.solution = {
        "method": method, "seed": seed if method == "draw" else None, "objective": _two_places(result.objective),
        "upper_bound": _two_places(result.upper_bound), "optimal": result.optimal, "seconds": round_seconds(result.seconds),
        "at": timezone.now().isoformat(), "pairs": len(result.assignment), "kept": len(instance["pinned"]),
    }
    review_round.save(update_fields=["solution"])
    _log(actor, "round.assigned", review_round, after=review_round.solution)
    if review_round.state == RoundState.OPEN:
        _notify_assigned(review_round, created)
    return review_round.solution


def _two_places(value: float) -> float:
    return round(value, 2)  # module level: inside round_assign the name ``round`` is the review round


def round_seconds(seconds: float) -> float:
    return float(f"{seconds:.3f}")


def _store(review_round: ReviewRound, chosen: list[tuple[int, int]], instance: dict) -> list[Assignment]:
    """Replace the round's assignments by ``chosen``, keeping rows that have a review."""
    wanted = set(chosen)
    affinity = {(int(a[1:]), int(x[1:])): value for a, x, value in instance["affinity"]}
    existing = {(a.application_id, a.expert_id): a for a in review_round.assignments.select_related("review")}
    for pair, assignment in existing.items():
        if pair not in wanted and not hasattr(assignment, "review"):
            assignment.delete()
    domain_of = {int(a["id"][1:]): a["domain"] for a in instance["applications"]}
    domains = {int(x["id"][1:]): set(x["domains"]) for x in instance["experts"]}
    new = [
        Assignment(round=review_round, application_id=a, expert_id=x, affinity_bp=round_bp(
            affinity.get((a, x), 1.0 if domain_of.get(a) in domains.get(x, set()) else 0.0)))
        for a, x in sorted(wanted - set(existing))
    ]
    return Assignment.objects.bulk_create(new)


def round_bp(value: float) -> int:
    return int(round(value * 10000))


@transaction.atomic
def round_open(*, actor, review_round: ReviewRound) -> ReviewRound:
    """Publish the assignment: experts see their applications and may score them."""
    review_round = _locked(review_round)
    _require_officer(actor, review_round)
    if review_round.state != RoundState.DECLARING:
        raise ValidationError(_("Only a round in its declaration stage can be opened for scoring."))
    if not review_round.assignments.exists():
        raise ValidationError(_("Assign the experts before opening the round for scoring."))
    review_round.state = RoundState.OPEN
    review_round.save(update_fields=["state"])
    _log(actor, "round.opened", review_round, before={"state": RoundState.DECLARING}, after={"state": RoundState.OPEN})
    _notify_assigned(review_round, list(review_round.assignments.all()))
    return review_round


@transaction.atomic
def round_close(*, actor, review_round: ReviewRound) -> ReviewRound:
    review_round = _locked(review_round)
    _require_officer(actor, review_round)
    if review_round.state != RoundState.OPEN:
        raise ValidationError(_("Only an open round can be closed."))
    review_round.state = RoundState.CLOSED
    review_round.save(update_fields=["state"])
    _log(actor, "round.closed", review_round, before={"state": RoundState.OPEN}, after={"state": RoundState.CLOSED})
    return review_round


def _notify_assigned(review_round: ReviewRound, assignments: list[Assignment]) -> None:
    expert_ids = {a.expert_id for a in assignments}
    users = [x.user for x in Expert.objects.filter(pk__in=expert_ids, user__isnull=False).select_related("user")]
    url = reverse("reviews:my-list")

    def compose(user):
        subject = _("New applications to review in “%(program)s”") % {"program": review_round.program.name}
        return Message("review.assigned", subject, _("Open your review list to declare conflicts and score."), url)

    notify(users, compose, kind="review.assigned")


def _notify_officers(review_round: ReviewRound) -> None:
    """Tell the program's officers that a declared conflict needs a new assignment."""
    officers = User.objects.filter(
        grants__role=Role.PROGRAM_OFFICER, grants__area__path__in=ancestor_paths(review_round.program.area.path))
    url = reverse("reviews:round", args=[review_round.program_id])

    def compose(user):
        return Message("review.conflict", _("An expert declared a conflict with an assigned application"),
                       _("Open the assignment page and assign again: the pair is now excluded."), url)

    notify(officers, compose, kind="review.conflict")
