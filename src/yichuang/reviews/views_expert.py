"""The expert's pages: rounds to declare, assignments to score."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from yichuang.core.forms import FAILED, flash_errors, submit
from yichuang.kernel import applications as doc
from yichuang.reviews import permissions, scores, services
from yichuang.reviews.forms import ScoreSheetForm
from yichuang.reviews.models import ReviewRound, ReviewState, RoundState


@login_required
def my_list(request):
    expert = permissions.expert_of(request.user)
    if expert is None:
        raise PermissionDenied
    assignments = list(
        permissions.my_assignments(request.user)
        .filter(round__state__in=[RoundState.OPEN, RoundState.CLOSED])
        .select_related("application__organization", "round__program", "review")
        .order_by("round__program__name", "application__number")
    )
    declaring = ReviewRound.objects.filter(panel=expert, state=RoundState.DECLARING).select_related("program")
    context = {"expert": expert, "assignments": assignments, "declaring": declaring,
               "roadshows": permissions.my_roadshows(request.user).select_related("program")}
    return render(request, "reviews/my_list.html", context)


@login_required
def declare(request, round_pk: int):
    """Before any content is shown: which teams the expert knows, which projects they would like to review."""
    expert = permissions.expert_of(request.user)
    if expert is None:  # not an expert at all: the round does not exist for them
        raise Http404
    review_round = get_object_or_404(ReviewRound.objects.select_related("program"), pk=round_pk, panel=expert,
                              state=RoundState.DECLARING)
    entries = list(review_round.entries.select_related("application__organization", "application__community"))
    if request.method == "POST":
        ids = {e.application_id for e in entries}
        choice = {pk: request.POST.get(f"a{pk}", "") for pk in ids}
        try:
            services.declaration_save(
                actor=request.user, review_round=review_round, note=request.POST.get("note", ""),
                conflicted={pk for pk, value in choice.items() if value == "conflict"},
                interested={pk for pk, value in choice.items() if value == "interest"},
            )
        except ValidationError as error:
            flash_errors(request, error)
        else:
            messages.success(request, _("Your declaration is saved. You may change it until the assignment is published."))
            return redirect("reviews:my-list")
    declared = set(review_round.conflicts.filter(expert=expert, source="declared").values_list("application_id", flat=True))
    interested = set(review_round.interests.filter(expert=expert).values_list("application_id", flat=True))
    rows = [{"entry": e, "value": "conflict" if e.application_id in declared else
             "interest" if e.application_id in interested else ""} for e in entries]
    return render(request, "reviews/declare.html", {"round": review_round, "rows": rows})


@login_required
def confirm(request, pk: int):
    """The first opening of an assignment: confirm independence or declare a conflict; no content yet."""
    assignment = permissions.access_my_assignment(request.user, pk)
    if request.method == "POST":
        independent = request.POST.get("independent") == "yes"
        services.assignment_confirm(actor=request.user, assignment=assignment, independent=independent,
                                    note=request.POST.get("note", ""))
        if independent:
            return redirect("reviews:my-review", pk=assignment.pk)
        messages.success(request, _("Thank you. The application is withdrawn from your list and the officer will "
                                    "assign another expert."))
        return redirect("reviews:my-list")
    return render(request, "reviews/confirm.html", {"assignment": assignment})


@login_required
def review(request, pk: int):
    assignment = permissions.access_my_assignment(request.user, pk)
    if assignment.confirmed_at is None:
        return redirect("reviews:my-confirm", pk=assignment.pk)
    review_round = assignment.round
    if review_round.state == RoundState.DECLARING:
        raise Http404
    rubric = review_round.program.rubric_version.content
    review = scores.review_of(assignment)
    form = ScoreSheetForm(request.POST or None, rubric=rubric, initial=scores.initial(review, rubric))
    locked = review.state == ReviewState.SUBMITTED or review_round.state == RoundState.CLOSED
    if request.method == "POST" and not locked and form.is_valid():
        score_values, bonus, comments = form.raw()
        final = request.POST.get("action") == "submit"
        call = lambda: scores.review_save(  # noqa: E731
            actor=request.user, assignment=assignment, revision=form.cleaned_data["revision"], scores=score_values,
            bonus=bonus, comments=comments, comment=form.cleaned_data["comment"], submit=final)
        if submit(form, call) is not FAILED:
            messages.success(request, _("Your review is submitted. Thank you.") if final else _("Your scores are saved."))
            return redirect("reviews:my-list") if final else redirect("reviews:my-review", pk=assignment.pk)
    version = assignment.application.latest_version
    document = version.document if version else {}
    context = {"assignment": assignment, "application": assignment.application, "review": review, "form": form,
               "locked": locked, "document": document, "version": version,
               "totals": doc.budget_totals(document) if version else None,
               "total": scores.current_total(review, rubric)}
    return render(request, "reviews/review.html", context)
