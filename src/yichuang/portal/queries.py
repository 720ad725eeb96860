"""What each role sees on its home page, within its scope."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from yichuang.accounts.audit_readers import visible_events
from yichuang.accounts.roles import Role
from yichuang.accounts.scopes import grants_of
from yichuang.places import permissions as places
from yichuang.places.models import OrganizationType
from yichuang.portal import todo

# What each role can do here today; a role whose tools come with later modules says only what exists.
INTRO = {
    Role.PROGRAM_OFFICER: _("Set up programs, screen applications, decide funding, follow projects and manage the people "
                            "of your area."),
    Role.EXPERT: _("Declare conflicts of interest and score the applications assigned to you."),
    Role.ORG_MEMBER: _("Keep your organization's record up to date, apply to calls, confirm agreements and record your "
                       "projects' spending."),
    Role.SUPERVISOR: _("Read the programs, applications, review results and projects of your area."),
    Role.COMMUNITY_WORKER: _("File your community's groups, keep its volunteer roster and confirm their service, post "
                             "residents' micro-wishes, and record assisted ballots for residents in your community's votes."),
    Role.VOLUNTEER: _("Sign up for volunteer activities, check in with the activity's code, keep your service record "
                      "and ask for certificates."),
    Role.RESIDENT: _("Vote on the projects proposed for your community, adopt a neighbour's micro-wish and follow the "
                     "public notices."),
    Role.DONOR: _("Adopt micro-wishes of children and elderly neighbours, and follow the open calls and public notices "
                  "of your area."),
    Role.AUDITOR: _("Read every record and its history in your area, filter the audit trail and export it to Excel."),
}


PROGRAM_INTRO = _("Your role holds for this program only: its applications, review, funding and projects.")
OPERATOR_INTRO = _("Set up areas and organizations, invite each district's first program officer, verify registrations "
                   "anywhere, read the outbox and the whole audit trail.")


def home_sections(user) -> list[dict]:
    sections = []
    if user.is_superuser:
        sections.append({"role": "operator", "label": _("Platform operator"), "intro": OPERATOR_INTRO, "grant": None,
                         "todo": todo.operator_todo(), "template": "portal/_home_operator.html"})
    for grant in grants_of(user):
        if grant.role == Role.ORG_ADMIN:  # shown within the member's section (the Colleagues page)
            continue
        section = {"grant": grant, "role": grant.role, "label": grant.get_role_display(), "intro": INTRO[grant.role],
                   "template": f"portal/_home_{grant.role}.html"}
        if grant.program_id:  # a role for one program only: that program is the whole workspace
            section.update(intro=PROGRAM_INTRO, template="portal/_home_program.html", program=grant.program,
                           todo=todo.program_officer_todo(grant.program) if grant.role == Role.PROGRAM_OFFICER else [])
        else:
            section.update(_section_data(user, grant))
        sections.append(section)
    return sections


def _section_data(user, grant) -> dict:
    if grant.role in (Role.PROGRAM_OFFICER, Role.SUPERVISOR, Role.AUDITOR):
        area = grant.area
        organizations = places.visible_organizations(user).filter(area__path__startswith=area.path)
        data = {
            "organization_count": organizations.count(),
            "area_count": places.visible_areas(user).filter(path__startswith=area.path).count() - 1,
        }
        if grant.role == Role.PROGRAM_OFFICER:
            data["todo"] = (todo.officer_todo(user, area) + todo.volunteer_staff_todo(user) + todo.wish_keeper_todo(user)
                            + todo.fund_todo(user))
        elif grant.role == Role.AUDITOR:
            data["todo"] = todo.auditor_todo(user, area)
        else:
            data["todo"] = todo.supervisor_todo(area) + todo.follow_ups_to_accept(user) + todo.evaluator_todo(user)
        if grant.role in (Role.PROGRAM_OFFICER, Role.AUDITOR):
            data["recent_events"] = list(
                visible_events(user).filter(area_path__startswith=area.path).select_related("actor")[:5]
            )
        return data
    if grant.role == Role.COMMUNITY_WORKER:
        groups = places.visible_organizations(user).filter(
            area__path__startswith=grant.area.path, org_type=OrganizationType.COMMUNITY_GROUP
        )
        return {"community_groups": list(groups.order_by("name_sort")[:20]), "open_votes": _assistable_votes(user),
                "todo": (todo.community_worker_todo(user) + todo.volunteer_staff_todo(user) + todo.wish_keeper_todo(user)
                         + todo.fund_todo(user))}
    if grant.role == Role.ORG_MEMBER:
        from yichuang.accounts.granting import colleague_organizations

        return {"organization": grant.organization,
                "todo": todo.organization_todo(grant.organization) + todo.volunteer_staff_todo(user) + todo.fund_todo(user),
                "administers": grant.organization_id in colleague_organizations(user)}
    if grant.role == Role.EXPERT:
        return _expert_data(user)
    if grant.role == Role.RESIDENT:
        return {"todo": todo.resident_todo(user) + todo.resident_survey_todo(user) + todo.wish_adopter_todo(user)}
    if grant.role == Role.VOLUNTEER:
        return {"todo": todo.volunteer_todo(user) + todo.wish_adopter_todo(user)}
    if grant.role == Role.DONOR:
        return {"todo": todo.wish_adopter_todo(user)}
    return {}


def _assistable_votes(user) -> list:
    """Open resident votes in which this community worker may record assisted ballots."""
    from yichuang.voting.models import Vote, VoteStatus
    from yichuang.voting.permissions import can_assist_in

    votes = Vote.objects.filter(status=VoteStatus.OPEN).select_related("area", "program").order_by("closes_at")
    return [vote for vote in votes if can_assist_in(user, vote)]


def _expert_data(user) -> dict:
    from yichuang.reviews import permissions as reviews
    from yichuang.reviews.models import ReviewRound, ReviewState, RoundState

    expert = reviews.expert_of(user)
    if expert is None:
        return {}
    open_assignments = reviews.my_assignments(user).filter(round__state=RoundState.OPEN)
    return {
        "expert": expert, "todo": todo.evaluator_todo(user),
        "to_score": open_assignments.exclude(review__state=ReviewState.SUBMITTED).count(),
        "declaring": ReviewRound.objects.filter(panel=expert, state=RoundState.DECLARING).count(),
    }
