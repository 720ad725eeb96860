"""Teams: the list, a team's page, creating one, joining, inviting, leaders."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yichuang.core.forms import FAILED, run_step, submit
from yichuang.core.paging import paginate
from yichuang.volunteers import permissions, teams
from yichuang.volunteers.forms import InviteForm, TeamForm
from yichuang.volunteers.models import TeamMember, Volunteer


@login_required
def team_list(request):
    rows = (permissions.visible_teams(request.user).select_related("area", "organization")
            .annotate(size=Count("members", filter=Q(members__status=TeamMember.Status.ACTIVE))).order_by("name", "pk"))
    return render(request, "volunteers/team_list.html", {
        **paginate(request, rows, per_page=50), "can_create": permissions.is_staff_for_volunteers(request.user)})


@login_required
def team_new(request):
    units = permissions.acting_organizations(request.user).order_by("name_sort")
    if not permissions.is_staff_for_volunteers(request.user):
        raise PermissionDenied
    form = TeamForm(request.POST or None, organizations=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        team = submit(form, lambda: teams.team_create(
            actor=request.user, name=data["name"], area=data["area"], organization=data["organization"],
            skill=data["skill"], category=data["category"], description=data["description"], joining=data["joining"]))
        if team is not FAILED:
            messages.success(request, _("Team created. Invite its members and choose its leaders."))
            return redirect("volunteers:team", team.pk)
    return render(request, "volunteers/team_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def team(request, pk: int):
    row = permissions.access_team(request.user, pk)
    manages = permissions.manages_team(request.user, row)
    members = TeamMember.objects.filter(team=row).select_related("volunteer").order_by("-is_leader", "volunteer__name_sort")
    if not manages:
        members = members.filter(status=TeamMember.Status.ACTIVE)
    me = permissions.own_volunteer(request.user)
    mine = TeamMember.objects.filter(team=row, volunteer=me).first() if me else None
    return render(request, "volunteers/team.html", {"team": row, "members": list(members), "manages": manages,
                                                    "me": me, "mine": mine, "invite_form": InviteForm()})


@login_required
@require_POST
def team_apply(request, pk: int):
    row = permissions.access_team(request.user, pk)
    run_step(request, lambda: teams.team_apply(actor=request.user, team=row),
             _("Applied; a team leader will answer."))
    return redirect("volunteers:team", row.pk)


@login_required
@require_POST
def team_invite(request, pk: int):
    row = permissions.access_team(request.user, pk)
    if not permissions.manages_team(request.user, row):
        raise Http404
    number = request.POST.get("volunteer_number", "").strip()
    volunteer = Volunteer.objects.filter(number=number, status=Volunteer.Status.ACTIVE).first()
    if volunteer is None:
        messages.error(request, _("No volunteer with the number “%(number)s”.") % {"number": number})
    else:
        run_step(request, lambda: teams.team_invite(actor=request.user, team=row, volunteer=volunteer),
                 _("Invited; they accept on their page."))
    return redirect("volunteers:team", row.pk)


@login_required
@require_POST
def member_decide(request, pk: int):
    member = get_object_or_404(TeamMember.objects.select_related("team__area", "volunteer"), pk=pk)
    if not (permissions.manages_team(request.user, member.team) or member.volunteer.user_id == request.user.pk):
        raise Http404
    accept = request.POST.get("accept") == "1"
    run_step(request, lambda: teams.member_decide(actor=request.user, member=member, accept=accept),
             _("Welcome to the team.") if accept else _("Declined."))
    return redirect("volunteers:team", member.team_id)


@login_required
@require_POST
def member_leader(request, pk: int):
    member = get_object_or_404(TeamMember.objects.select_related("team__area", "volunteer"), pk=pk)
    if not permissions.manages_team(request.user, member.team):
        raise Http404
    leader = request.POST.get("leader") == "1"
    run_step(request, lambda: teams.member_set_leader(actor=request.user, member=member, leader=leader), _("Saved."))
    return redirect("volunteers:team", member.team_id)


