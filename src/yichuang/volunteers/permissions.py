"""Who may see and do what with volunteers. Every access rule of the app is here.

* The roster of an area is kept by its community workers and program officers ("keepers").
* An organization's members see the volunteers it registered and those who signed up for its
  activities or joined its teams, organize activities and confirm the service they record
  ("谁组织谁记录，谁记录谁证明").
* A team's leaders run their team and check people in for its activities.
* A volunteer sees their own record, and nobody else's.
Objects outside a viewer's scope answer 404, like missing ones.
"""

from __future__ import annotations

import rules
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from yichuang.accounts.roles import Role
from yichuang.accounts.scopes import area_paths, organization_ids, path_within, q_path_within
from yichuang.places.models import Area, Organization
from yichuang.volunteers.models import (
    Certificate,
    Opportunity,
    RecordCorrection,
    ServiceRecord,
    Shift,
    Signup,
    Team,
    TeamMember,
    Volunteer,
)

KEEPERS = (Role.COMMUNITY_WORKER, Role.PROGRAM_OFFICER)


def keeper_paths(user) -> list[str]:
    return area_paths(user, *KEEPERS)


def member_orgs(user) -> set[int]:
    return organization_ids(user, Role.ORG_MEMBER)


def own_volunteer(user) -> Volunteer | None:
    """The viewer's own volunteer record, if they registered (cached for the request)."""
    if not getattr(user, "is_authenticated", False):
        return None
    if not hasattr(user, "_yichuang_volunteer"):
        # Written out: every check-in asks, and the ORM's query building cost more than the lookup.
        sql = f"SELECT * FROM {Volunteer._meta.db_table} WHERE user_id = %s AND status = %s"
        user._yichuang_volunteer = next(iter(Volunteer.objects.raw(sql, [user.pk, Volunteer.Status.ACTIVE])), None)
    return user._yichuang_volunteer


def forget_own_volunteer(user) -> None:
    if hasattr(user, "_yichuang_volunteer"):
        del user._yichuang_volunteer


def led_teams(user) -> QuerySet[Team]:
    me = own_volunteer(user)
    if me is None:
        return Team.objects.none()
    return Team.objects.filter(members__volunteer=me, members__is_leader=True, members__status=TeamMember.Status.ACTIVE)


def acting_organizations(user) -> QuerySet[Organization]:
    """The units the viewer may organize activities and issue certificates for."""
    return Organization.objects.filter(pk__in=acting_organization_ids(user))


def acting_organization_ids(user) -> list[int]:
    """Their ids, read once per request: filters elsewhere take the list itself rather than nesting
    this query inside theirs (PostgreSQL planned such nests badly on fresh tables)."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_yichuang_acting_organizations", None)
    if cached is None:
        members, paths = member_orgs(user), keeper_paths(user)
        cached = sorted(set(members) | (set(Organization.objects.filter(q_path_within("area__path", paths))
                                             .values_list("pk", flat=True)) if paths else set()))
        user._yichuang_acting_organizations = cached
    return cached


def manages_organization(user, organization_id: int, area_path: str) -> bool:
    return organization_id in member_orgs(user) or path_within(area_path, keeper_paths(user))


def is_staff_for_volunteers(user) -> bool:
    return bool(member_orgs(user) or keeper_paths(user))


def in_menu(user) -> bool:
    """Volunteers is a main-menu section for the people whose daily work it is: volunteers, community
    workers and organization members. Program officers and the operator reach it from their home
    page, which keeps their long menus on one line."""
    from yichuang.accounts.scopes import roles_of

    daily = {Role.VOLUNTEER, Role.COMMUNITY_WORKER, Role.ORG_MEMBER}
    return bool(roles_of(user) & daily) or own_volunteer(user) is not None


# --- Volunteers -------------------------------------------------------------------------------

def visible_volunteers(user) -> QuerySet[Volunteer]:
    if not getattr(user, "is_authenticated", False):
        return Volunteer.objects.none()
    orgs = member_orgs(user)
    paths = keeper_paths(user)
    # The areas first, then the volunteers by area id: the (area, name) index serves the roster.
    q = Q(area__in=Area.objects.filter(q_path_within("path", paths)).values("pk")) if paths else Q(pk__in=[])
    q |= Q(user=user)
    if orgs:
        q |= (Q(organization__in=orgs)
              | Q(pk__in=TeamMember.objects.filter(team__organization__in=orgs).values("volunteer"))
              | Q(pk__in=Signup.objects.filter(shift__opportunity__organization__in=orgs).values("volunteer")))
    leader_teams = list(led_teams(user).values_list("pk", flat=True))
    if leader_teams:
        q |= Q(pk__in=TeamMember.objects.filter(team__in=leader_teams).values("volunteer"))
    return Volunteer.objects.filter(q)


def access_volunteer(user, pk) -> Volunteer:
    return get_object_or_404(visible_volunteers(user).select_related("area", "organization", "user"), pk=pk)


@rules.predicate
def may_reveal(user, volunteer: Volunteer) -> bool:
    """Full ID numbers: for the area's keepers and the registering organization, never for leaders."""
    return (path_within(volunteer.area.path, keeper_paths(user))
            or (volunteer.organization_id is not None and volunteer.organization_id in member_orgs(user)))


@rules.predicate
def is_self(user, volunteer: Volunteer) -> bool:
    return volunteer.user_id is not None and volunteer.user_id == user.pk


rules.add_perm("volunteers.reveal_id", may_reveal)
rules.add_perm("volunteers.record_honour", may_reveal)  # training, awards and evaluations


# --- Teams ------------------------------------------------------------------------------------

@rules.predicate
def manages_team(user, team: Team) -> bool:
    return ((team.organization_id is not None and team.organization_id in member_orgs(user))
            or path_within(team.area.path, keeper_paths(user))
            or led_teams(user).filter(pk=team.pk).exists())


rules.add_perm("volunteers.manage_team", manages_team)


def visible_teams(user) -> QuerySet[Team]:
    """Teams are listed for every signed-in person, so volunteers can find one to join."""
    return Team.objects.all()


def access_team(user, pk) -> Team:
    return get_object_or_404(Team.objects.select_related("area", "organization"), pk=pk)


# --- Opportunities, shifts, check-ins ---------------------------------------------------------

@rules.predicate
def manages_opportunity(user, opportunity: Opportunity) -> bool:
    return manages_organization(user, opportunity.organization_id, opportunity.area.path)


@rules.predicate
def leads_opportunity(user, opportunity: Opportunity) -> bool:
    return opportunity.team_id is not None and led_teams(user).filter(pk=opportunity.team_id).exists()


can_check_in_others = manages_opportunity | leads_opportunity
rules.add_perm("volunteers.manage_opportunity", manages_opportunity)
rules.add_perm("volunteers.check_in_others", can_check_in_others)


def visible_opportunities(user) -> QuerySet[Opportunity]:
    """Open activities are public to volunteers; closed ones to their organizers and participants."""
    return Opportunity.objects.filter(_opportunity_visible(user))


def _opportunity_visible(user, prefix: str = "") -> Q:
    """Open, or run by the viewer's units, or one the viewer signed up for (a subquery, not a join:
    a join through every sign-up would need DISTINCT and grow with the sign-ups)."""
    q = Q(**{f"{prefix}status": Opportunity.Status.OPEN}) | Q(**{f"{prefix}organization__in": acting_organization_ids(user)})
    me = own_volunteer(user)
    if me is not None:
        q |= Q(**{f"{prefix}pk__in": Signup.objects.filter(volunteer=me).values("shift__opportunity")})
    return q


def access_opportunity(user, pk) -> Opportunity:
    return get_object_or_404(visible_opportunities(user).select_related("organization", "area", "team", "project"), pk=pk)


def access_shift(user, pk) -> Shift:
    return get_object_or_404(Shift.objects.select_related("opportunity__organization", "opportunity__area",
                                                          "opportunity__team")
                             .filter(_opportunity_visible(user, "opportunity__")), pk=pk)


def access_own_shift(user, pk) -> Shift:
    """A shift the viewer scans themself into: open, or one they signed up for. One query and no
    scope lookups, as every check-in goes through here."""
    me = own_volunteer(user)
    mine = Q(pk__in=Signup.objects.filter(volunteer=me).values("shift")) if me is not None else Q(pk__in=[])
    return get_object_or_404(Shift.objects.select_related("opportunity")
                             .filter(Q(opportunity__status=Opportunity.Status.OPEN) | mine), pk=pk)


def access_managed_opportunity(user, pk) -> Opportunity:
    """For organizer pages: 404 unless the viewer runs the activity or leads its team."""
    opportunity = access_opportunity(user, pk)
    if not can_check_in_others(user, opportunity):
        from django.http import Http404

        raise Http404
    return opportunity


# --- Service records, corrections, certificates -----------------------------------------------

def managed_records(user) -> QuerySet[ServiceRecord]:
    return ServiceRecord.objects.filter(organization__in=acting_organization_ids(user))


def visible_records(user) -> QuerySet[ServiceRecord]:
    me = own_volunteer(user)
    own = Q(volunteer=me) if me is not None else Q(pk__in=[])
    return ServiceRecord.objects.filter(own | Q(organization__in=acting_organization_ids(user)))


def access_record(user, pk) -> ServiceRecord:
    return get_object_or_404(visible_records(user).select_related("volunteer", "organization__area", "entered_by"), pk=pk)


@rules.predicate
def organizes_record(user, record: ServiceRecord) -> bool:
    return manages_organization(user, record.organization_id, record.organization.area.path)


@rules.predicate
def owns_record(user, record: ServiceRecord) -> bool:
    return record.volunteer.user_id is not None and record.volunteer.user_id == user.pk


rules.add_perm("volunteers.confirm_record", organizes_record)
rules.add_perm("volunteers.request_correction", owns_record)


def access_correction(user, pk) -> RecordCorrection:
    me = own_volunteer(user)
    own = Q(record__volunteer=me) if me is not None else Q(pk__in=[])
    return get_object_or_404(RecordCorrection.objects.select_related("record__organization__area", "record__volunteer")
                             .filter(own | Q(record__organization__in=acting_organization_ids(user))), pk=pk)


def visible_certificates(user) -> QuerySet[Certificate]:
    me = own_volunteer(user)
    own = Q(volunteer=me) if me is not None else Q(pk__in=[])
    return Certificate.objects.filter(own | Q(organization__in=acting_organization_ids(user)))


def access_certificate(user, pk) -> Certificate:
    return get_object_or_404(visible_certificates(user).select_related("volunteer", "organization__area"), pk=pk)


@rules.predicate
def issues_certificate(user, certificate: Certificate) -> bool:
    return manages_organization(user, certificate.organization_id, certificate.organization.area.path)


rules.add_perm("volunteers.issue_certificate", issues_certificate)
