"""Grant pages: proposing a grant or a management cost, the committee (its members' accounts and
organizations), the committee's votes, and payment."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yichuang.accounts.scopes import q_path_within
from yichuang.charity import accounts, grants, permissions, queries, services
from yichuang.charity.forms import GrantForm, MemberLinkForm, PaymentForm
from yichuang.charity.models import CommitteeMember, Grant
from yichuang.charity.views import _managed
from yichuang.core.forms import FAILED, run_step, submit
from yichuang.participation.models import MicroWish
from yichuang.places.models import Organization
from yichuang.projects.permissions import visible_projects


@login_required
def grant_new(request, pk: int):
    fund = _managed(request, pk)
    served = [a.path for a in fund.areas_served.all()]
    form = GrantForm(request.POST or None, kinds=Grant.Kind.choices, restrictions=accounts.restrictions(fund),
                     projects=visible_projects(request.user).select_related("organization").order_by("number"),
                     wishes=MicroWish.objects.filter(status=MicroWish.Status.PUBLISHED).exclude(
                         pk__in=Grant.objects.filter(status__in=(Grant.Status.PROPOSED, Grant.Status.APPROVED))
                         .values("wish"))
                     .filter(q_path_within("area__path", served)).select_related("area").order_by("deadline"))
    if request.method == "POST" and form.is_valid():
        grant = submit(form, lambda: grants.grant_propose(actor=request.user, fund=fund, text=form.text()))
        if grant is not FAILED:
            messages.success(request, _("Management cost recorded: pay it when it is settled.")
                             if grant.kind == Grant.Kind.COST else _("Proposed: the committee members are asked to vote."))
            return redirect("charity:grant", grant.pk)
    return render(request, "charity/grant_form.html", {
        "form": form, "fund": fund, "free": accounts.available(fund)}, status=400 if form.errors else 200)


def _grant(request, pk: int) -> tuple[Grant, bool, CommitteeMember | None]:
    """A paid grant is public; one still being decided is seen by the fund's managers and committee."""
    grant = get_object_or_404(Grant.objects.select_related("fund__community", "fund__host", "project__organization",
                                                           "wish__area", "organization", "entry"), pk=pk)
    manages = request.user.is_authenticated and permissions.manages(request.user, grant.fund)
    seat = permissions.committee_seat(request.user, grant.fund)
    if grant.status != Grant.Status.PAID and not (manages or seat):
        raise Http404
    return grant, manages, seat


def grant(request, pk: int):
    row, manages, seat = _grant(request, pk)
    queries.mark_public_projects([row])
    members = list(row.fund.committee.select_related("organization"))
    votes = {v.member_id: v for v in row.votes.select_related("recorded_by")}
    for member in members:
        member.vote = votes.get(member.pk)
        member.conflict = grants.conflict(member, row)
    show_draws = manages or seat is not None
    return render(request, "charity/grant.html", {
        "grant": row, "fund": row.fund, "manages": manages, "seat": seat, "members": members,
        "tally": grants.tally(row, members), "pay_form": PaymentForm() if manages else None,
        "draws": row.draws.select_related("donation").order_by("pk") if show_draws else None,
        "may_vote": row.status == Grant.Status.PROPOSED and seat is not None and seat.pk not in votes
        and not grants.conflict(seat, row)})


@login_required
@require_POST
def grant_vote(request, pk: int):
    row, manages, seat = _grant(request, pk)
    chosen = request.POST.get("member", "")
    if manages and chosen:  # a manager records a member's vote from the committee's meeting
        member = get_object_or_404(row.fund.committee, pk=int(chosen) if chosen.isdigit() else 0)
    else:
        member = seat
    if member is None:
        raise Http404
    approve = request.POST.get("approve") == "1"
    run_step(request, lambda: grants.grant_vote(actor=request.user, grant=row, member=member, approve=approve),
             _("%(member)s's vote is recorded.") % {"member": member.name})
    return redirect("charity:grant", row.pk)


@login_required
@require_POST
def grant_pay(request, pk: int):
    row, manages, _seat = _grant(request, pk)
    if not manages:
        raise Http404
    form = PaymentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the day it was paid."))
    else:
        run_step(request, lambda: grants.grant_pay(actor=request.user, grant=row, paid_on=form.cleaned_data["paid_on"]),
                 _("Paid and entered in the ledger."))
    return redirect("charity:grant", row.pk)


@login_required
def committee(request, pk: int):
    """The fund's committee: each member's account and organization, for voting and the conflict rule."""
    fund = _managed(request, pk)
    district = fund.community.parent.parent if fund.community.parent and fund.community.parent.parent else fund.community
    organizations = Organization.objects.filter(area__path__startswith=district.path).order_by("name_sort")
    members = list(fund.committee.select_related("user", "organization"))
    chosen = request.POST.get("member", "")
    for member in members:
        bound = request.method == "POST" and chosen == str(member.pk)
        member.form = MemberLinkForm(request.POST if bound else None, organizations=organizations, prefix=f"m{member.pk}",
                                     initial={"username": member.user.username if member.user else "",
                                              "organization": member.organization_id})
        if bound and member.form.is_valid():
            done = submit(member.form, lambda m=member: services.committee_member_link(
                actor=request.user, member=m, user=m.form.cleaned_data["username"],
                organization=m.form.cleaned_data["organization"]))
            if done is not FAILED:
                messages.success(request, _("%(member)s is updated.") % {"member": member.name})
                return redirect("charity:committee", fund.pk)
    invalid = any(m.form.errors for m in members)
    return render(request, "charity/committee.html", {"fund": fund, "members": members}, status=400 if invalid else 200)
