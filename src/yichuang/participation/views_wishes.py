"""Micro-wish pages: the public list, a wish's page, posting, checking, adopting, fulfilling."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yichuang.core.forms import FAILED, run_step, submit
from yichuang.core.paging import paginate
from yichuang.core.uploads import download
from yichuang.participation import permissions, queries, wishes
from yichuang.participation.forms import FulfilForm, WishForm, keeper_communities
from yichuang.participation.models import MicroWish


def wish_list(request):
    """Public: wishes waiting for someone, and what came true in each community."""
    rows = queries.adoptable(permissions.public_wishes()).select_related("area__parent").order_by("deadline", "pk")
    user = request.user
    return render(request, "participation/wish_list.html", {
        **paginate(request, rows, per_page=30), "totals": queries.community_totals(),
        "may_adopt": permissions.may_adopt(user), "may_post": permissions.may_post(user),
        "has_own": permissions.own_wishes(user).exists() or permissions.may_post(user)})


def wish(request, pk: int):
    row = permissions.access_wish(request.user, pk)
    user = request.user
    keeps = user.is_authenticated and permissions.keeps(user, row)
    return render(request, "participation/wish.html", {
        "wish": row, "keeps": keeps, "sees_private": user.is_authenticated and permissions.sees_private(user, row),
        "is_adopter": user.is_authenticated and row.adopter_id == user.pk,
        "may_adopt": permissions.may_adopt(user) and row.status == MicroWish.Status.PUBLISHED,
        "may_check": keeps and row.status == MicroWish.Status.CHECKING and row.posted_by_id != user.pk,
        "may_edit": keeps and row.posted_by_id == user.pk and row.status in (MicroWish.Status.CHECKING,
                                                                              MicroWish.Status.RETURNED),
        "may_withdraw": keeps and row.status in (MicroWish.Status.CHECKING, MicroWish.Status.RETURNED,
                                                 MicroWish.Status.PUBLISHED)})


@login_required
def wish_work(request):
    """The viewer's wishes: a keeper's work, an adopter's adoptions, a resident's own wishes."""
    user = request.user
    keeper = permissions.may_post(user)
    if not keeper and not permissions.own_wishes(user).exists():
        raise Http404
    context = {"keeper": keeper,
               "adopted": list(MicroWish.objects.filter(adopter=user).select_related("area").order_by("-adopted_at")),
               "for_me": list(MicroWish.objects.filter(beneficiary_user=user).select_related("area"))}
    if keeper:
        context.update({name: list(rows) for name, rows in queries.keeper_work(user).items()})
        status = request.GET.get("status", "")
        kept = permissions.kept_wishes(user).select_related("area__parent").order_by("-posted_at", "-pk")
        if status in MicroWish.Status.values:
            kept = kept.filter(status=status)
        context.update({**paginate(request, kept, per_page=50), "status": status,
                        "statuses": MicroWish.Status.choices})
    return render(request, "participation/wish_work.html", context)


@login_required
def wish_new(request):
    communities = keeper_communities(permissions.keeper_paths(request.user))
    if not permissions.may_post(request.user):
        raise Http404
    action_id = request.GET.get("action", "")
    action = permissions.access_kept_action(request.user, int(action_id)) if action_id.isdigit() else None
    initial = {"title": action.title[:60], "area": action.meeting.area_id} if action else {}
    form = WishForm(request.POST or None, communities=communities, initial=initial)
    if request.method == "POST" and form.is_valid():
        row = submit(form, lambda: wishes.wish_post(actor=request.user, text=form.text(), from_action=action))
        if row is not FAILED:
            messages.success(request, _("Posted. Another colleague checks it before it is published."))
            return redirect("participation:wish", row.pk)
    return render(request, "participation/wish_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def wish_edit(request, pk: int):
    row = permissions.access_wish(request.user, pk)
    if (not permissions.keeps(request.user, row) or row.posted_by_id != request.user.pk
            or row.status not in (MicroWish.Status.CHECKING, MicroWish.Status.RETURNED)):
        raise Http404
    communities = keeper_communities(permissions.keeper_paths(request.user)).filter(pk=row.area_id)
    form = WishForm(request.POST or None, communities=communities, initial=WishForm.initial_for(row))
    if request.method == "POST" and form.is_valid():
        done = submit(form, lambda: wishes.wish_edit(actor=request.user, wish=row, text=form.text()))
        if done is not FAILED:
            messages.success(request, _("Saved. It waits for a colleague's check again."))
            return redirect("participation:wish", row.pk)
    return render(request, "participation/wish_form.html", {"form": form, "wish": row},
                  status=400 if form.errors else 200)


def _step(request, pk: int, allowed, call, done: str):
    """A POST step on a wish: 404 unless ``allowed(user, wish)``; the service's errors are flashed."""
    row = permissions.access_wish(request.user, pk)
    if not allowed(request.user, row):
        raise Http404
    run_step(request, lambda: call(row), done)
    return redirect("participation:wish", row.pk)


def _keeps(user, row) -> bool:
    return permissions.keeps(user, row)


@login_required
@require_POST
def wish_check(request, pk: int):
    approve = request.POST.get("approve") == "1"
    return _step(request, pk, _keeps, lambda row: wishes.wish_check(
        actor=request.user, wish=row, approve=approve, note=request.POST.get("note", "")),
        _("Published.") if approve else _("Returned to the colleague who posted it."))


@login_required
@require_POST
def wish_adopt(request, pk: int):
    return _step(request, pk, lambda user, row: permissions.may_adopt(user), lambda row: wishes.wish_adopt(
        actor=request.user, wish=row, show_name=request.POST.get("show_name") == "1"),
        _("Thank you! The wish is yours to fulfil; the community worker has been told."))


@login_required
@require_POST
def wish_release(request, pk: int):
    return _step(request, pk, lambda user, row: row.adopter_id == user.pk or permissions.keeps(user, row),
                 lambda row: wishes.wish_release(actor=request.user, wish=row, reason=request.POST.get("reason", "")),
                 _("Released; others may adopt the wish again."))


@login_required
def wish_fulfil(request, pk: int):
    row = permissions.access_wish(request.user, pk)
    if row.adopter_id != request.user.pk or row.status != MicroWish.Status.ADOPTED:
        raise Http404
    form = FulfilForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        done = submit(form, lambda: wishes.wish_fulfil(actor=request.user, wish=row, proof=form.cleaned_data["proof"],
                                                       note=form.cleaned_data["note"]))
        if done is not FAILED:
            messages.success(request, _("Thank you! The community worker confirms it next."))
            return redirect("participation:wish", row.pk)
    return render(request, "participation/wish_fulfil.html", {"form": form, "wish": row},
                  status=400 if form.errors else 200)


@login_required
@require_POST
def wish_confirm(request, pk: int):
    accept = request.POST.get("accept") == "1"
    return _step(request, pk, _keeps, lambda row: wishes.wish_confirm(
        actor=request.user, wish=row, accept=accept, note=request.POST.get("note", "")),
        _("Confirmed: the wish came true.") if accept else _("Sent back to the adopter."))


@login_required
@require_POST
def wish_withdraw(request, pk: int):
    return _step(request, pk, _keeps, lambda row: wishes.wish_withdraw(
        actor=request.user, wish=row, reason=request.POST.get("reason", "")), _("Withdrawn."))


@login_required
def wish_proof(request, pk: int):
    row = permissions.access_wish(request.user, pk)
    if not row.proof or not (row.adopter_id == request.user.pk or permissions.sees_private(request.user, row)):
        raise Http404
    return download(row.proof, row.proof_name or "proof")


@login_required
def my_participation(request):
    """A resident's own page: surveys to answer and answered, wishes posted for them or adopted by
    them, the topics they put forward or follow, and the resident votes they took part in. Anonymous survey answers are not listed: by
    design nothing links them to anyone."""
    from yichuang.participation.models import Registration, SurveyResponse, Topic
    from yichuang.voting.models import Ballot

    user = request.user
    answered = SurveyResponse.objects.filter(resident=user).select_related("survey").order_by("-submitted_at")
    return render(request, "participation/me.html", {
        "to_answer": list(permissions.surveys_for_resident(user).exclude(pk__in=answered.values("survey"))
                          .order_by("closes_on")),
        "answered": list(answered),
        "for_me": list(MicroWish.objects.filter(beneficiary_user=user).select_related("area").order_by("-posted_at")),
        "adopted": list(MicroWish.objects.filter(adopter=user).select_related("area").order_by("-adopted_at")),
        "meetings": list(Registration.objects.filter(user=user).exclude(status=Registration.Status.CANCELLED)
                         .select_related("meeting").annotate(vote_count=Count("votes")).order_by("-meeting__starts_at")),
        "ballots": list(Ballot.objects.filter(voter=user).select_related("vote").order_by("-created_at")),
        "topics": list(Topic.objects.filter(Q(follows__user=user) | Q(proposed_by=user)).distinct()
                       .select_related("area").order_by("-created_at")),
    })
