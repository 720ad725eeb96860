"""Resident vote pages: officers set up, run and count it; residents vote; staff assist; anyone reads
a published result."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yichuang.core.exports import content_disposition
from yichuang.core.forms import FAILED, run_step, submit
from yichuang.reviews.permissions import access_managed_program
from yichuang.voting import decision, paper, permissions, queries, services
from yichuang.voting.forms import PaperForm, VoteForm
from yichuang.voting.models import Vote, VoteStatus

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _ballot_candidates(program):
    return program.applications.filter(submitted_at__isnull=False, state__terminal=False).order_by("number")


@login_required
def vote_list(request, program_pk: int):
    program = access_managed_program(request.user, program_pk)
    votes = list(program.votes.annotate(ballot_count=Count("ballots")))
    return render(request, "voting/list.html", {"program": program, "votes": votes})


@login_required
def vote_create(request, program_pk: int):
    program = access_managed_program(request.user, program_pk)
    form = VoteForm(request.POST or None, applications=_ballot_candidates(program),
                    initial={"budget": program.total_budget})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        vote = submit(form, lambda: services.vote_create(
            actor=request.user, program=program, title=data["title"], ballot_type=data["ballot_type"],
            applications=list(data["applications"]), opens_at=data["opens_at"], closes_at=data["closes_at"],
            budget=data["budget"], min_choices=data["min_choices"], max_choices=data["max_choices"],
            points=data["points"], total_points=data["total_points"] or 0, max_per_project=data["max_per_project"],
            rule=data["rule"], threshold=data["threshold"]))
        if vote is not FAILED:
            messages.success(request, _("The vote is prepared. Open it when the ballot is right."))
            return redirect("voting:manage", pk=vote.pk)
    return render(request, "voting/form.html", {"program": program, "form": form})


def _manage_context(vote, paper_form=None) -> dict:
    latest = vote.tallies.first()
    return {"vote": vote, "program": vote.program, "options": queries.options(vote), "turnout": queries.turnout(vote),
            "eligible": permissions.eligible_residents(vote).count(), "latest": latest,
            "rows": queries.tally_rows(vote, latest.result) if latest else [],
            "paper_form": paper_form or PaperForm(), "closes_early": timezone.now() < vote.closes_at}


@login_required
def vote_manage(request, pk: int):
    vote = permissions.managed_vote(request.user, pk)
    return render(request, "voting/manage.html", _manage_context(vote))


@login_required
@require_POST
def vote_step(request, pk: int, action: str):
    vote = permissions.managed_vote(request.user, pk)
    steps = {"open": lambda: services.vote_open(actor=request.user, vote=vote),
             "close": lambda: services.vote_close(actor=request.user, vote=vote, reason=request.POST.get("reason", ""))}
    if action not in steps:
        raise Http404
    run_step(request, steps[action])
    return redirect("voting:manage", pk=vote.pk)


@login_required
@require_POST
def vote_decision(request, pk: int):
    """The published result becomes the program's funding decision, checked and applied on its page."""
    vote = permissions.managed_vote(request.user, pk)
    if run_step(request, lambda: decision.decision_from_tally(actor=request.user, vote=vote),
                _("The vote's result is now the funding decision. Check it, then apply it.")):
        return redirect("funding:decision", program_pk=vote.program_id)
    return redirect("voting:manage", pk=vote.pk)


@login_required
def paper_template(request, pk: int):
    vote = permissions.managed_vote(request.user, pk)
    response = HttpResponse(paper.template(vote), content_type=XLSX)
    response["Content-Disposition"] = content_disposition(f"{vote.title}-paper.xlsx", inline=False)
    return response


@login_required
@require_POST
def paper_import(request, pk: int):
    vote = permissions.managed_vote(request.user, pk)
    form = PaperForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            count = services.ballot_import_paper(actor=request.user, vote=vote,
                                                 rows=paper.read(vote, form.cleaned_data["file"]))
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("%(n)s paper ballots were entered.") % {"n": count})
            return redirect("voting:manage", pk=vote.pk)
    return render(request, "voting/manage.html", _manage_context(vote, paper_form=form), status=400)


@login_required
@require_POST
def tally_publish(request, pk: int):
    vote = permissions.managed_vote(request.user, pk)
    run_step(request, lambda: services.tally_publish(actor=request.user, vote=vote), _("The result is published."))
    return redirect("voting:manage", pk=vote.pk)


@login_required
def my_votes(request):
    votes = list(permissions.resident_votes(request.user).select_related("program"))
    if not votes and not permissions.resident_paths(request.user):
        raise PermissionDenied
    return render(request, "voting/mine.html", {"votes": votes})


def _ballot_post(request, vote, resident=None):
    try:
        services.ballot_cast(actor=request.user, vote=vote, choices=queries.choices_from_post(vote, request.POST),
                             resident=resident)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return False
    return True


@login_required
def ballot(request, pk: int):
    vote = permissions.ballot_vote(request.user, pk)
    if not permissions.is_eligible(request.user, vote):
        return redirect("voting:assisted", pk=vote.pk)
    if request.method == "POST" and _ballot_post(request, vote):
        messages.success(request, _("Your ballot is recorded. You can change it until voting closes."))
        return redirect("voting:ballot", pk=vote.pk)
    stored = queries.current_choices(vote, request.user)
    chosen = queries.choices_from_post(vote, request.POST) if request.method == "POST" else None
    current = ({int(pid): (p if p is not None else i + 1) for i, (pid, p) in enumerate(chosen)} if chosen is not None
               else stored)
    return render(request, "voting/ballot.html", {"vote": vote, "options": queries.options(vote), "current": current,
                                                  "has_ballot": bool(stored)})


@login_required
def assisted(request, pk: int):
    vote = permissions.ballot_vote(request.user, pk)
    if not permissions.can_assist_in(request.user, vote):
        raise Http404
    residents = permissions.assistable_residents(request.user, vote)
    query = request.GET.get("q", "").strip()
    found = list(queries.find_resident(residents, query)) if query else []
    resident = None
    if request.method == "POST":
        resident = get_object_or_404(residents, pk=request.POST.get("resident"))
        if _ballot_post(request, vote, resident=resident):
            messages.success(request, _("The ballot of %(name)s is recorded as assisted.") % {"name": resident})
            return redirect("voting:assisted", pk=vote.pk)
    return render(request, "voting/assisted.html", {"vote": vote, "options": queries.options(vote), "query": query,
                                                    "found": found, "resident": resident, "current": {}})


def results(request, pk: int):
    vote = get_object_or_404(Vote.objects.select_related("program"), pk=pk, status=VoteStatus.PUBLISHED)
    latest = vote.tallies.first()
    if latest is None:
        raise Http404
    return render(request, "voting/results.html", {"vote": vote, "latest": latest,
                                                   "rows": queries.tally_rows(vote, latest.result)})
