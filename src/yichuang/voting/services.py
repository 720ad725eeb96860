"""Running a resident vote: create and open it, cast ballots (online, assisted, on paper), close it
and publish the tally by the chosen rule."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yichuang.accounts.models import User
from yichuang.applications.engine import application_step, step_for
from yichuang.core.audit import log_action
from yichuang.core.timefmt import local_minute
from yichuang.kernel import ballots as kernel
from yichuang.kernel import tally as tally_kernel
from yichuang.kernel.identifiers import mask_phone
from yichuang.kernel.money import FEN_PER_YUAN
from yichuang.programs.models import DecisionMethod, Purpose
from yichuang.voting import permissions
from yichuang.voting.messages import problem_text
from yichuang.voting.models import Ballot, BallotSource, TallyRun, Vote, VoteOption, VoteStatus


def rules_of(vote: Vote) -> kernel.Rules:
    return kernel.Rules(vote.ballot_type, vote.min_choices, vote.max_choices, tuple(vote.points or ()),
                        vote.total_points, vote.max_per_project, vote.budget.fen)


def costs_of(vote: Vote) -> dict[str, int]:
    return {str(option.pk): option.cost.fen for option in vote.options.all()}


def _log(actor, vote: Vote, action: str, **fields) -> None:
    log_action(actor=actor, action=f"voting.{action}", obj=vote, area_path=vote.program.area.path, **fields)


@transaction.atomic
def vote_create(*, actor, program, title: str, ballot_type: str, applications: list, opens_at, closes_at,
                area=None, budget=None, min_choices: int = 1, max_choices: int | None = None,
                points: list[int] | None = None, total_points: int = 0, max_per_project: int | None = None,
                rule: str = "greedy", threshold: int | None = None, is_sample: bool = False) -> Vote:
    from yichuang.programs.permissions import can_manage_program

    if not can_manage_program(actor, program):
        raise PermissionDenied
    area = area or program.area
    if not area.path.startswith(program.area.path):
        raise ValidationError({"area": _("The voting area must be the program's area or part of it.")})
    if closes_at <= opens_at:
        raise ValidationError({"closes_at": _("Voting must close after it opens.")})
    if program.decided_by != DecisionMethod.VOTE:
        raise ValidationError(_("This program's funding is decided by the expert review. A resident vote decides "
                                "only in a program set up to be decided by resident vote."))
    if len(applications) < 2:
        raise ValidationError({"applications": _("Put at least two projects on the ballot.")})
    if any(a.program_id != program.pk for a in applications):
        raise PermissionDenied
    _check_ballot_states(program, applications)
    _check_rules(ballot_type, min_choices, max_choices, points or [], total_points, rule, threshold, len(applications))
    vote = Vote.objects.create(
        program=program, area=area, title=title.strip(), ballot_type=ballot_type, min_choices=min_choices,
        max_choices=max_choices, points=points or [], total_points=total_points, max_per_project=max_per_project,
        budget=budget if budget is not None else program.total_budget, rule=rule, threshold=threshold,
        opens_at=opens_at, closes_at=closes_at, is_sample=is_sample, created_by=actor)
    VoteOption.objects.bulk_create([VoteOption(vote=vote, application=a, cost=a.grant_requested, position=i)
                                    for i, a in enumerate(applications)])
    for application in applications:
        if step_for(application, Purpose.TO_VOTE) is not None:
            application_step(actor=actor, application=application, purpose=Purpose.TO_VOTE)
    _log(actor, vote, "vote.created", after={"type": ballot_type, "options": [a.pk for a in applications]})
    return vote


def _check_ballot_states(program, applications) -> None:
    """Projects on the ballot passed screening: they can be put to the vote, or already are."""
    from yichuang.programs.models import WorkflowTransition

    steps = WorkflowTransition.objects.filter(version=program.workflow_version_id, purpose=Purpose.TO_VOTE)
    fitting = {state for pair in steps.values_list("source_id", "target_id") for state in pair}
    wrong = [a for a in applications if a.state_id not in fitting]
    if wrong:
        raise ValidationError({"applications": [
            _("%(number)s is “%(state)s”: only applications that passed screening can be put to the vote.")
            % {"number": a.number, "state": a.state.staff_label} for a in wrong]})


def _check_rules(ballot_type, min_choices, max_choices, points, total_points, rule, threshold, options) -> None:
    if ballot_type == "ranked" and (not points or any(p <= 0 for p in points) or points != sorted(points, reverse=True)):
        raise ValidationError({"points": _("Give the points for each position, highest first, such as 3, 2, 1.")})
    if ballot_type == "cumulative" and total_points <= 0:
        raise ValidationError({"total_points": _("Give each voter some points to spread.")})
    if max_choices is not None and not min_choices <= max_choices <= options:
        raise ValidationError({"max_choices": _("“At most” must be between “at least” and the number of projects.")})
    if rule.startswith("equalshares") and ballot_type not in ("approval", "choose_one", "knapsack"):
        raise ValidationError({"rule": _("The Method of Equal Shares counts approval ballots only; choose a "
                                         "most-votes rule for ranked or cumulative ballots.")})
    if rule == "greedy-threshold" and not threshold:
        raise ValidationError({"threshold": _("Give the number of votes a project needs.")})


@transaction.atomic
def vote_open(*, actor, vote: Vote) -> Vote:
    return _set_status(actor, vote, VoteStatus.DRAFT, VoteStatus.OPEN, "vote.opened")


@transaction.atomic
def vote_close(*, actor, vote: Vote, reason: str = "") -> Vote:
    """Close the vote. Before its announced end only with a reason, which every voter is told."""
    early = timezone.now() < vote.closes_at
    if early and not reason.strip():
        raise ValidationError({"reason": _("The vote is announced to run until %(end)s. Say why it closes early; "
                                           "the voters are told.") % {"end": local_minute(vote.closes_at)}})
    vote = _set_status(actor, vote, VoteStatus.OPEN, VoteStatus.CLOSED, "vote.closed", reason=reason.strip())
    if early:
        vote.closed_early_at, vote.close_reason = timezone.now(), reason.strip()
        vote.save(update_fields=["closed_early_at", "close_reason"])
        _tell_voters_of_early_close(vote)
    return vote


def _tell_voters_of_early_close(vote: Vote) -> None:
    from django.urls import reverse

    from yichuang.notifications.messenger import Message, notify

    voters = User.objects.filter(pk__in=vote.ballots.exclude(voter=None).values("voter"))

    def compose(user):
        return Message("vote.closed_early", _("The vote “%(title)s” closed early") % {"title": vote.title},
                       _("The vote closed on %(when)s, before its announced end. Reason: %(reason)s")
                       % {"when": local_minute(vote.closed_early_at), "reason": vote.close_reason},
                       reverse("voting:mine"))

    notify(voters, compose, kind="vote.closed_early")




def _set_status(actor, vote, source, target, action, reason: str = "") -> Vote:
    vote = Vote.objects.select_for_update(of=("self",)).select_related("program__area").get(pk=vote.pk)
    if not permissions.can_manage(actor, vote):
        raise PermissionDenied
    if vote.status != source:
        raise ValidationError(_("This is not possible while the vote is “%(status)s”.")
                              % {"status": vote.get_status_display()})
    vote.status = target
    vote.save(update_fields=["status"])
    _log(actor, vote, action, reason=reason)
    return vote


def _accepting(vote: Vote) -> None:
    now = timezone.now()
    if vote.status != VoteStatus.OPEN or now >= vote.closes_at:
        raise ValidationError(_("Voting closed at %(end)s; this ballot was not counted.")
                              % {"end": local_minute(vote.closes_at)})
    if now < vote.opens_at:
        raise ValidationError(_("Voting opens at %(start)s.")
                              % {"start": local_minute(vote.opens_at)})


def _validated(vote: Vote, choices: list[tuple[str, int | None]]) -> list[list]:
    problems = kernel.check(rules_of(vote), choices, costs_of(vote))
    if problems:
        raise ValidationError([problem_text(p) for p in problems])
    return [[int(pid), points] for pid, points in choices]


@transaction.atomic
def ballot_cast(*, actor, vote: Vote, choices: list[tuple[str, int | None]], resident=None) -> Ballot:
    """The resident's ballot, or (``resident`` given) one cast for them by staff at a service point.
    A second ballot by the same person replaces the first until the vote closes."""
    vote = Vote.objects.select_for_update(of=("self",)).select_related("program__area", "area").get(pk=vote.pk)
    voter = resident or actor
    if resident is not None and not permissions.can_assist(actor, resident, vote):
        raise PermissionDenied
    if not permissions.is_eligible(voter, vote):
        raise ValidationError(_("Only verified residents of %(area)s can vote.") % {"area": vote.area.name})
    _accepting(vote)
    stored = _validated(vote, choices)
    source = BallotSource.ASSISTED if resident is not None else BallotSource.ONLINE
    assisted_by = actor if resident is not None else None
    ballot = Ballot.objects.filter(vote=vote, voter=voter).first()
    _check_replacing(ballot, voter, assisted=resident is not None)
    replaced = ballot is not None
    try:
        with transaction.atomic():
            if ballot is None:
                ballot = Ballot.objects.create(vote=vote, voter=voter, choices=stored, source=source,
                                               assisted_by=assisted_by)
            else:
                ballot.choices, ballot.source, ballot.assisted_by = stored, source, assisted_by
                ballot.save(update_fields=["choices", "source", "assisted_by", "updated_at"])
    except IntegrityError as error:  # a simultaneous first ballot of the same person
        raise ValidationError(_("Your ballot was just recorded from another window; reload to see it.")) from error
    log_action(actor=actor, action="voting.ballot.replaced" if replaced else "voting.ballot.cast", obj=ballot,
               after={"source": source, "voter": voter.pk}, area_path=vote.program.area.path)
    return ballot


def _check_replacing(ballot: Ballot | None, voter, *, assisted: bool) -> None:
    """One person, one ballot across channels. Only the resident changes their own online or
    assisted ballot, online; staff never overwrite a ballot, and a paper ballot is final."""
    if ballot is None:
        return
    when = local_minute(ballot.updated_at)
    if ballot.source == BallotSource.PAPER:
        raise ValidationError(_("%(name)s voted on paper (ballot %(number)s); a paper ballot cannot be changed.")
                              % {"name": voter, "number": ballot.paper_number}, code="voted_on_paper")
    if assisted:
        raise ValidationError(_("%(name)s already voted (%(source)s, %(when)s). Only they can change their ballot, "
                                "by voting again themselves.") % {"name": voter, "source": ballot.get_source_display(),
                                                                  "when": when}, code="already_voted")


@transaction.atomic
def ballot_import_paper(*, actor, vote: Vote, rows: list[tuple[int, str, str, list[tuple[str, int | None]]]]) -> int:
    """Paper ballots as read from a spreadsheet: (row number, paper number, resident's mobile number,
    choices). Each ballot is checked against the roll: the resident must be eligible and must not have
    voted in any way; they are then marked as having voted on paper. Every row is checked first; one
    wrong row imports nothing, and each message names its row."""
    vote = Vote.objects.select_for_update(of=("self",)).select_related("program__area", "area").get(pk=vote.pk)
    if not permissions.can_manage(actor, vote):
        raise PermissionDenied
    if vote.status not in (VoteStatus.OPEN, VoteStatus.CLOSED):
        raise ValidationError(_("Paper ballots can be entered while the vote is open or closed, before publishing."))
    taken = set(vote.ballots.exclude(paper_number="").values_list("paper_number", flat=True))
    roll = _roll(vote, [phone for _row, _number, phone, _choices in rows])
    voted = set(vote.ballots.exclude(voter=None).values_list("voter_id", flat=True))
    errors, seen, seen_voters, ballots = [], set(), set(), []
    for row, number, phone, choices in rows:
        if not number:
            errors.append(_("Row %(row)s: the paper ballot number is missing.") % {"row": row})
        elif number in taken or number in seen:
            errors.append(_("Row %(row)s: paper ballot %(number)s was already entered.") % {"row": row, "number": number})
        seen.add(number)
        voter = roll.get(phone)
        if voter is None:
            errors.append(_("Row %(row)s: no resident on the roll of %(area)s has the mobile number %(phone)s.")
                          % {"row": row, "area": vote.area.name, "phone": mask_phone(phone) or "—"})
        elif voter.pk in voted or voter.pk in seen_voters:
            errors.append(_("Row %(row)s: %(name)s (%(phone)s) has already voted.")
                          % {"row": row, "name": voter, "phone": mask_phone(phone)})
        if voter is not None:
            seen_voters.add(voter.pk)
        try:
            stored = _validated(vote, choices)
        except ValidationError as error:
            errors += [_("Row %(row)s: %(problem)s") % {"row": row, "problem": m} for m in error.messages]
            continue
        ballots.append(Ballot(vote=vote, voter=voter, paper_number=number[:40], choices=stored,
                              source=BallotSource.PAPER, assisted_by=actor))
    if not rows:
        errors.append(_("The file has no ballots."))
    if errors:
        raise ValidationError(errors)
    Ballot.objects.bulk_create(ballots)
    _log(actor, vote, "paper.imported", after={"count": len(ballots)})
    return len(ballots)


def _roll(vote: Vote, phones: list[str]) -> dict[str, object]:
    """Typed mobile number → the eligible resident with that number (numbers that match nobody are absent)."""
    from yichuang.voting.queries import phone_forms

    forms = {typed: phone_forms(typed) for typed in set(phones) if typed}
    wanted = {form for found in forms.values() for form in found}
    by_phone = {user.phone: user for user in permissions.eligible_residents(vote).filter(phone__in=wanted)}
    return {typed: next((by_phone[f] for f in found if f in by_phone), None) for typed, found in forms.items()
            if any(f in by_phone for f in found)}


@transaction.atomic
def tally_publish(*, actor, vote: Vote) -> TallyRun:
    """Count by the rule announced with the vote and publish, once: a published tally is binding, and
    counting again by another rule after seeing the ballots is what it must prevent."""
    vote = Vote.objects.select_for_update(of=("self",)).select_related("program__area", "area").get(pk=vote.pk)
    if not permissions.can_manage(actor, vote):
        raise PermissionDenied
    if vote.status == VoteStatus.PUBLISHED:
        raise ValidationError(_("The result is already published; it is binding and is not counted again."))
    if vote.status != VoteStatus.CLOSED:
        raise ValidationError(_("Close the vote before publishing its result."))
    result = count(vote, vote.rule, vote.threshold)
    run = TallyRun.objects.create(vote=vote, rule=vote.rule, result=result, created_by=actor)
    vote.status = VoteStatus.PUBLISHED
    vote.save(update_fields=["status"])
    _log(actor, vote, "tally.published", after={"rule": vote.rule, "selected": result["selected"]})
    return run


def count(vote: Vote, rule: str, threshold: int | None) -> dict:
    """The tally of every ballot by ``rule``: selected options, scores and, for Equal Shares, cost sharing."""
    costs = costs_of(vote)
    papers = [[(str(pid), points) for pid, points in b.choices] for b in vote.ballots.all()]
    election = kernel.election(rules_of(vote), vote.budget.fen, costs, papers, threshold)
    outcome = tally_kernel.tally(election, rule)
    shares = {}
    for pid, payments in (outcome.shares or {}).items():
        paid = [round(float(x) * FEN_PER_YUAN) for x in payments]  # the election counts in yuan
        shares[pid] = {"supporters": len(paid), "min": min(paid, default=0), "max": max(paid, default=0)}
    return {"selected": outcome.selected, "scores": {pid: int(v) for pid, v in outcome.scores.items()},
            "ballots": len(papers), "shares": shares, "spent": sum(costs[pid] for pid in outcome.selected),
            "seconds": round(outcome.seconds, 3)}
