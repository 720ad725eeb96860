"""Writes of the expert's score sheet: save a draft, submit (then locked), reopen by the officer, reminders.

Points arrive as typed text and are stored as integer tenths; the kernel validates them against the
rubric and computes the 0–100 total (n/a criteria leave the mean, their weight is spread over the rest).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from yichuang.core.audit import log_action
from yichuang.core.errors import StaleEditError
from yichuang.kernel import scoresheet
from yichuang.notifications.messenger import Message, notify
from yichuang.programs import permissions as program_permissions
from yichuang.reviews.messages import score_problem_message
from yichuang.reviews.models import Assignment, Conflict, Expert, Review, ReviewRound, ReviewState, RoundState

REMIND_BEFORE = datetime.timedelta(hours=48)
REMIND_EVERY = datetime.timedelta(hours=24)


def review_of(assignment: Assignment) -> Review:
    """The assignment's review, or an unsaved blank one (nothing is written by looking)."""
    return getattr(assignment, "review", None) or Review(assignment=assignment)


def _tenths_text(value) -> str:
    if value is None:
        return ""
    whole, tenth = divmod(int(value), 10)
    return f"{whole}.{tenth}" if tenth else str(whole)


def initial(review: Review, rubric: dict) -> dict:
    """The score sheet's initial values from a stored review."""
    data = {"revision": review.revision, "comment": review.comment}
    for item in rubric.get("criteria", []):
        code = item["code"]
        if code in review.scores:
            value = review.scores[code]
            data[f"na_{code}"] = value is None
            data[f"score_{code}"] = _tenths_text(value)
        data[f"comment_{code}"] = review.comments.get(code, "")
    for item in rubric.get("bonus", []):
        data[f"bonus_{item['code']}"] = _tenths_text(review.bonus.get(item["code"]))
    return data


def current_total(review: Review, rubric: dict) -> str | None:
    """The 0–100 total of the stored scores, when every criterion has one (shown while scoring)."""
    if not review.pk:
        return None
    result = scoresheet.review_total(rubric, _points(review.scores), _points(review.bonus))
    return None if result is None else f"{result.total:.2f}"


def _points(stored: dict) -> dict:
    return {code: (None if value is None else scoresheet.tenths_to_points(value)) for code, value in stored.items()}


@transaction.atomic
def review_save(*, actor, assignment: Assignment, revision: int, scores: dict, bonus: dict, comments: dict,
                comment: str, submit: bool = False) -> Review:
    """Save the expert's scores; with ``submit`` every criterion must be scored and the review locks."""
    assignment = Assignment.objects.select_for_update(of=("self",)).select_related("round__program__rubric_version", "expert").get(
        pk=assignment.pk)
    if assignment.expert.user_id != actor.pk or Conflict.objects.filter(
            round=assignment.round, expert=assignment.expert, application=assignment.application).exists():
        raise PermissionDenied
    if assignment.round.state != RoundState.OPEN:
        raise ValidationError(_("This review round is not open for scoring."))
    review = Review.objects.select_for_update(of=("self",)).filter(assignment=assignment).first() or Review(assignment=assignment)
    if review.state == ReviewState.SUBMITTED:
        raise ValidationError(_("This review was already submitted; it is locked unless the officer reopens it."))
    if review.pk and review.revision != revision:
        raise StaleEditError()
    rubric = assignment.round.program.rubric_version.content
    parsed_scores, parsed_bonus, problems = scoresheet.read_sheet(rubric, scores, bonus, complete=submit)
    if problems:
        raise ValidationError({_field(p): [score_problem_message(p, rubric)] for p in problems})
    review.scores, review.bonus = parsed_scores, parsed_bonus
    review.comments = {code: text[:1000] for code, text in comments.items()}
    review.comment = comment
    review.revision += 1 if review.pk else 0
    review.saved_at = timezone.now()
    if submit:
        review.state = ReviewState.SUBMITTED
        review.submitted_at = review.saved_at
        review.total_centi = round(scoresheet.review_total(rubric, _points(parsed_scores), _points(parsed_bonus)).total * 100)
    review.save()
    log_action(actor=actor, action="reviews.review.submitted" if submit else "reviews.review.saved", obj=review,
               after={"scores": review.scores, "bonus": review.bonus, "state": review.state},
               area_path=assignment.round.program.area.path)
    return review


def _field(problem: scoresheet.Problem) -> str:
    """The score sheet's field a kernel problem belongs to ("need" → "score_need", bonus → "bonus_…")."""
    if not problem.item or problem.code == "unknown_criterion":
        return "__all__"
    return f"{'bonus' if problem.section == 'bonus' else 'score'}_{problem.item}"


@transaction.atomic
def review_reopen(*, actor, review: Review, reason: str) -> Review:
    review = Review.objects.select_for_update(of=("self",)).select_related("assignment__round__program__area",
                                                               "assignment__expert__user").get(pk=review.pk)
    review_round = review.assignment.round
    if not program_permissions.can_manage_program(actor, review_round.program):
        raise PermissionDenied
    if review.state != ReviewState.SUBMITTED or review_round.state == RoundState.CLOSED:
        raise ValidationError(_("Only a submitted review of an open round can be reopened."))
    if not reason.strip():
        raise ValidationError(_("Give a reason for reopening the review."))
    review.state, review.total_centi, review.submitted_at = ReviewState.DRAFT, None, None
    review.revision += 1
    review.save()
    log_action(actor=actor, action="reviews.review.reopened", obj=review, reason=reason,
               before={"state": ReviewState.SUBMITTED}, after={"state": ReviewState.DRAFT},
               area_path=review_round.program.area.path)
    expert_user = review.assignment.expert.user
    if expert_user:
        url = reverse("reviews:my-review", args=[review.assignment_id])
        notify([expert_user], lambda user: Message(
            "review.reopened", _("A review was reopened: %(number)s") % {"number": review.assignment.application.number},
            reason, url), kind="review.reopened")
    return review


def reviewers_remind(*, now: datetime.datetime | None = None) -> int:
    """Remind experts of unsubmitted reviews in open rounds due within 48 hours (at most once a day).

    Run by ``yichuang remind_reviewers`` from the worker's schedule. Returns the experts reminded.
    """
    now = now or timezone.now()
    reminded = 0
    due = ReviewRound.objects.filter(state=RoundState.OPEN, deadline__gt=now, deadline__lte=now + REMIND_BEFORE)
    for review_round in due.select_related("program"):
        if review_round.reminded_at and now - review_round.reminded_at < REMIND_EVERY:
            continue
        with transaction.atomic():
            reminded += _remind_round(review_round, now)
    return reminded


def _remind_round(review_round: ReviewRound, now) -> int:
    pending = Assignment.objects.filter(round=review_round).exclude(review__state=ReviewState.SUBMITTED)
    experts = Expert.objects.filter(pk__in=pending.values("expert_id"), user__isnull=False).select_related("user")
    users = [expert.user for expert in experts]
    url = reverse("reviews:my-list")

    def compose(user):
        subject = _("Reminder: reviews for “%(program)s” are due %(when)s") % {
            "program": review_round.program.name, "when": timezone.localtime(review_round.deadline).strftime("%Y-%m-%d %H:%M")}
        return Message("review.reminder", subject, _("Open your review list to finish and submit your scores."), url)

    notify(users, compose, kind="review.reminder")
    ReviewRound.objects.filter(pk=review_round.pk).update(reminded_at=now)
    log_action(actor=None, action="reviews.round.reminded", obj=review_round, after={"experts": len(users)},
               area_path=review_round.program.area.path)
    return len(users)
