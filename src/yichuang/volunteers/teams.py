"""Volunteer teams (志愿服务队): created by an organization or a community, joined by application
(a leader accepts) or by invitation (the volunteer accepts), run by their leaders."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from yichuang.core.audit import log_action
from yichuang.places.models import Area, Organization
from yichuang.volunteers import permissions
from yichuang.volunteers.models import Team, TeamMember, Volunteer

Status = TeamMember.Status


@transaction.atomic
def team_create(*, actor, name: str, area: Area, organization: Organization | None = None, skill: str = "",
                category: str = "", description: str = "", joining: str = Team.Joining.APPLICATION,
                leaders: list[Volunteer] = (), is_sample: bool = False) -> Team:
    allowed = (permissions.manages_organization(actor, organization.pk, organization.area.path) if organization
               else permissions.manages_organization(actor, -1, area.path))
    if not allowed:
        raise PermissionDenied
    if not skill and not category:
        raise ValidationError(_("Say what the team does: a skill or a service category."))
    team = Team.objects.create(name=name.strip(), area=area, organization=organization, skill=skill, category=category,
                               description=description.strip(), joining=joining, created_by=actor, is_sample=is_sample)
    TeamMember.objects.bulk_create([TeamMember(team=team, volunteer=v, is_leader=True, status=Status.ACTIVE)
                                    for v in leaders])
    log_action(actor=actor, action="volunteers.team.created", obj=team, after={"name": team.name}, area_path=area.path)
    return team


@transaction.atomic
def team_apply(*, actor, team: Team) -> TeamMember:
    volunteer = permissions.own_volunteer(actor)
    if volunteer is None:
        raise ValidationError(_("Register as a volunteer first."))
    if team.joining != Team.Joining.APPLICATION:
        raise ValidationError(_("This team takes members by invitation only."))
    existing = TeamMember.objects.filter(team=team, volunteer=volunteer).first()
    if existing is not None and existing.status != Status.LEFT:
        raise ValidationError(_("You are already a member of this team or have applied."))
    member, _created = TeamMember.objects.update_or_create(team=team, volunteer=volunteer,
                                                           defaults={"status": Status.APPLIED, "is_leader": False})
    log_action(actor=actor, action="volunteers.team.applied", obj=team, area_path=team.area.path)
    return member


@transaction.atomic
def team_invite(*, actor, team: Team, volunteer: Volunteer) -> TeamMember:
    if not permissions.manages_team(actor, team):
        raise PermissionDenied
    existing = TeamMember.objects.filter(team=team, volunteer=volunteer).first()
    if existing is not None and existing.status in (Status.ACTIVE, Status.INVITED):
        raise ValidationError(_("%(name)s is already a member or invited.") % {"name": volunteer.name})
    # Someone registered on paper has no account to answer with: their signed form is their answer,
    # so they join at once; everyone else accepts on their own page.
    status = Status.ACTIVE if volunteer.user_id is None else Status.INVITED
    member, _created = TeamMember.objects.update_or_create(team=team, volunteer=volunteer,
                                                           defaults={"status": status, "is_leader": False})
    log_action(actor=actor, action="volunteers.team.invited", obj=team, after={"volunteer": volunteer.number},
               area_path=team.area.path)
    return member


@transaction.atomic
def member_decide(*, actor, member: TeamMember, accept: bool) -> None:
    """A leader or manager decides an application; the volunteer answers an invitation."""
    member = TeamMember.objects.select_for_update(of=("self",)).select_related("team__area", "volunteer").get(pk=member.pk)
    if member.status == Status.APPLIED:
        if not permissions.manages_team(actor, member.team):
            raise PermissionDenied
    elif member.status == Status.INVITED:
        if member.volunteer.user_id != actor.pk:
            raise PermissionDenied
    else:
        raise ValidationError(_("There is nothing to decide."))
    TeamMember.objects.filter(pk=member.pk).update(status=Status.ACTIVE if accept else Status.LEFT)
    log_action(actor=actor, action="volunteers.team.member_decided", obj=member.team,
               after={"volunteer": member.volunteer.number, "accepted": accept}, area_path=member.team.area.path)


@transaction.atomic
def member_set_leader(*, actor, member: TeamMember, leader: bool) -> None:
    member = TeamMember.objects.select_related("team__area", "team__organization").get(pk=member.pk)
    if not permissions.manages_team(actor, member.team):
        raise PermissionDenied
    if member.status != Status.ACTIVE:
        raise ValidationError(_("Only a member can lead the team."))
    TeamMember.objects.filter(pk=member.pk).update(is_leader=leader)
    log_action(actor=actor, action="volunteers.team.leader_set", obj=member.team,
               after={"volunteer": member.volunteer.number, "leader": leader}, area_path=member.team.area.path)
