"""What waits for a person, on their home page: each item a sentence, a count and a page they can open."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from yichuang.applications.models import Application, InfoRequest, Objection
from yichuang.people.models import RegistrationStatus
from yichuang.people.queries import registrations_in_scope
from yichuang.people.residents import signups_to_verify
from yichuang.projects.models import Agreement, AmendmentStatus, PlanAmendment, Tranche, TrancheStatus


@dataclass(frozen=True)
class Todo:
    text: str
    url: str
    testid: str


def officer_todo(user, area) -> list[Todo]:
    """Applications to screen, registrations to verify, objections to answer, agreements to confirm, releases
    and amendments another officer must approve, and resident votes under way."""
    from yichuang.programs.models import Program, ProgramStatus

    items = _to_screen(Program.objects.filter(status=ProgramStatus.RUNNING, area__path__startswith=area.path))
    items += _agreements_to_sign(area)
    waiting = registrations_in_scope(user).filter(status=RegistrationStatus.WAITING, area__path__startswith=area.path).count()
    if waiting:
        items.append(Todo(ngettext("%(n)s organization registration to verify", "%(n)s organization registrations to verify",
                                   waiting) % {"n": waiting}, reverse("people:registrations"), "todo-registrations"))
    objections = list(Objection.objects.filter(answered_at=None, closed_at=None, notice__program__area__path__startswith=area.path)
                      .values_list("notice_id", flat=True))
    if objections:
        items.append(Todo(ngettext("%(n)s objection to answer", "%(n)s objections to answer", len(objections))
                          % {"n": len(objections)}, reverse("applications:notice-manage", args=[objections[0]]), "todo-objections"))
    releases = list(Tranche.objects.filter(status=TrancheStatus.PROPOSED, project__program__area__path__startswith=area.path)
                    .exclude(proposed_by=user).values_list("project_id", flat=True))
    if releases:
        items.append(Todo(ngettext("%(n)s tranche release to approve", "%(n)s tranche releases to approve", len(releases))
                          % {"n": len(releases)}, reverse("projects:detail", args=[releases[0]]), "todo-releases"))
    amendments = list(PlanAmendment.objects.filter(status=AmendmentStatus.CONFIRMED, project__program__area__path__startswith=area.path)
                      .exclude(funder_confirmed_by=user).values_list("project_id", flat=True))
    if amendments:
        items.append(Todo(ngettext("%(n)s amendment of a tranche plan to approve", "%(n)s amendments of tranche plans to approve",
                                   len(amendments)) % {"n": len(amendments)},
                          reverse("projects:detail", args=[amendments[0]]) + "#amendments-h", "todo-amendments"))
    return items + _votes_running(area)


def program_officer_todo(program) -> list[Todo]:
    """For someone who runs a single program: its applications to screen."""
    from yichuang.programs.models import Program

    return _to_screen(Program.objects.filter(pk=program.pk))


def _to_screen(programs) -> list[Todo]:
    from django.db.models import Count

    from yichuang.programs.queries import states_to_screen

    programs = list(programs.order_by("code"))
    states: set[int] = set()
    for version_id in {program.workflow_version_id for program in programs}:  # programs share versions
        states |= states_to_screen(next(p for p in programs if p.workflow_version_id == version_id))
    counts = dict(Application.objects.filter(program__in=programs, state_id__in=states)
                  .values_list("program").annotate(n=Count("pk")).order_by())
    items = []
    for program in programs:
        waiting = counts.get(program.pk, 0)
        if waiting:
            items.append(Todo(ngettext("%(n)s application to screen in %(program)s", "%(n)s applications to screen in %(program)s",
                                       waiting) % {"n": waiting, "program": program.name},
                              reverse("applications:staff-list", args=[program.pk]), "todo-screening"))
    return items


def _agreements_to_sign(area) -> list[Todo]:
    waiting = list(Agreement.objects.filter(funder_confirmed_at=None, project__program__area__path__startswith=area.path)
                   .values_list("project_id", flat=True))
    if not waiting:
        return []
    return [Todo(ngettext("%(n)s agreement to confirm for the funder", "%(n)s agreements to confirm for the funder", len(waiting))
                 % {"n": len(waiting)}, reverse("projects:detail", args=[waiting[0]]), "todo-funder-agreements")]


def _votes_running(area) -> list[Todo]:
    from django.utils import formats, timezone

    from yichuang.voting.models import Vote, VoteStatus

    return [Todo(_("The resident vote “%(title)s” is open until %(until)s: follow the turnout") % {
        "title": vote.title, "until": formats.date_format(timezone.localtime(vote.closes_at), "SHORT_DATE_FORMAT")},
        reverse("voting:manage", args=[vote.pk]), "todo-vote")
        for vote in Vote.objects.filter(status=VoteStatus.OPEN, program__area__path__startswith=area.path).order_by("closes_at")]


def auditor_todo(user, area) -> list[Todo]:
    """The payments made in the auditor's area: each is one audit-trail entry to check, with its history."""
    from django.utils.http import urlencode

    from yichuang.accounts.audit_readers import visible_events

    paid = visible_events(user).filter(action="projects.tranche.paid", area_path__startswith=area.path).count()
    if not paid:
        return []
    return [Todo(ngettext("%(n)s payment to check", "%(n)s payments to check", paid) % {"n": paid},
                 reverse("audit:audit-list") + "?" + urlencode({"action": "projects.tranche.paid"}), "todo-payments")]


def supervisor_todo(area) -> list[Todo]:
    """The projects under way in the supervisor's area, to follow on the program's progress page."""
    from yichuang.projects.models import Project, ProjectStatus

    running = list(Project.objects.filter(status=ProjectStatus.ACTIVE, program__area__path__startswith=area.path)
                   .values_list("program_id", flat=True))
    if not running:
        return []
    return [Todo(ngettext("%(n)s project under way to follow", "%(n)s projects under way to follow", len(running))
                 % {"n": len(running)}, reverse("delivery:program", args=[running[0]]), "todo-projects")]


def follow_ups_to_accept(user) -> list[Todo]:
    """Follow-ups the organizations say they dealt with, waiting for a supervisor to accept them."""
    from yichuang.delivery.models import VisitIssue
    from yichuang.delivery.permissions import supervised_projects

    waiting = list(VisitIssue.objects.filter(visit__project__in=supervised_projects(user), status="done")
                   .values_list("visit_id", flat=True))
    if not waiting:
        return []
    return [Todo(ngettext("%(n)s follow-up to accept", "%(n)s follow-ups to accept", len(waiting)) % {"n": len(waiting)},
                 reverse("delivery:visit", args=[waiting[0]]), "todo-accept-follow-ups")]


def evaluator_todo(user) -> list[Todo]:
    """Evaluation forms this person (a supervisor or an expert on an evaluation round) has still to fill."""
    from yichuang.delivery.queries import evaluations_for

    waiting = [row["evaluation"] for row in evaluations_for(user) if not row["done"]]
    if not waiting:
        return []
    return [Todo(ngettext("%(n)s project to evaluate", "%(n)s projects to evaluate", len(waiting)) % {"n": len(waiting)},
                 reverse("delivery:my-evaluations"), "todo-evaluations")]


def resident_todo(user) -> list[Todo]:
    """Open votes of the resident's community in which they have not voted yet."""
    from yichuang.voting.models import Ballot, VoteStatus
    from yichuang.voting.permissions import resident_votes

    voted = Ballot.objects.filter(voter=user).values_list("vote_id", flat=True)
    return [Todo(_("Vote in “%(title)s”") % {"title": vote.title}, reverse("voting:ballot", args=[vote.pk]), "todo-ballot")
            for vote in resident_votes(user).filter(status=VoteStatus.OPEN).exclude(pk__in=voted)]


def operator_todo() -> list[Todo]:
    """Registrations waiting anywhere, and districts that have no program officer yet."""
    from yichuang.accounts.models import RoleGrant
    from yichuang.accounts.roles import Role
    from yichuang.people.models import OrganizationRegistration
    from yichuang.places.models import Area, AreaLevel

    items = []
    waiting = OrganizationRegistration.objects.filter(status=RegistrationStatus.WAITING).count()
    if waiting:
        items.append(Todo(ngettext("%(n)s organization registration to verify", "%(n)s organization registrations to verify",
                                   waiting) % {"n": waiting}, reverse("people:registrations"), "todo-registrations"))
    staffed = RoleGrant.objects.filter(role=Role.PROGRAM_OFFICER, user__is_active=True).values_list("area__path", flat=True)
    lonely = [d for d in Area.objects.filter(level=AreaLevel.DISTRICT).order_by("path")
              if not any(d.path.startswith(path) for path in staffed if path)]
    if lonely:
        items.append(Todo(ngettext("%(n)s district has no program officer yet (%(names)s): invite one",
                                   "%(n)s districts have no program officer yet (%(names)s): invite one", len(lonely))
                          % {"n": len(lonely), "names": "、".join(d.name for d in lonely)}, reverse("people:invite"),
                          "todo-districts"))
    return items


def organization_todo(organization) -> list[Todo]:
    """Drafts to finish, requests for information to answer, agreements and amendments to confirm."""
    items = []
    drafts = Application.objects.filter(organization=organization, submitted_at=None, state__applicant_editable=True).count()
    if drafts:
        items.append(Todo(ngettext("%(n)s draft application to finish", "%(n)s draft applications to finish", drafts)
                          % {"n": drafts}, reverse("applications:mine"), "todo-drafts"))
    requests = list(InfoRequest.objects.filter(application__organization=organization, answered_at=None)
                    .values_list("application_id", flat=True))
    if requests:
        items.append(Todo(ngettext("%(n)s request for more information to answer", "%(n)s requests for more information to answer",
                                   len(requests)) % {"n": len(requests)},
                          reverse("applications:own-detail", args=[requests[0]]), "todo-requests"))
    agreements = list(Agreement.objects.filter(project__organization=organization, grantee_confirmed_at=None)
                      .values_list("project_id", flat=True))
    if agreements:
        items.append(Todo(ngettext("%(n)s agreement to confirm", "%(n)s agreements to confirm", len(agreements))
                          % {"n": len(agreements)}, reverse("projects:detail", args=[agreements[0]]), "todo-agreements"))
    amendments = list(PlanAmendment.objects.filter(project__organization=organization, status=AmendmentStatus.WAITING,
                                                   grantee_confirmed_at=None).values_list("project_id", flat=True))
    if amendments:
        items.append(Todo(ngettext("%(n)s amendment of a tranche plan to confirm", "%(n)s amendments of tranche plans to confirm",
                                   len(amendments)) % {"n": len(amendments)},
                          reverse("projects:detail", args=[amendments[0]]) + "#amendments-h", "todo-amendments"))
    from yichuang.delivery.models import ProjectEvaluation, VisitIssue

    follow_ups = list(VisitIssue.objects.filter(visit__project__organization=organization, status="open")
                      .values_list("visit_id", flat=True))
    if follow_ups:
        items.append(Todo(ngettext("%(n)s follow-up of a supervision visit to deal with",
                                   "%(n)s follow-ups of supervision visits to deal with", len(follow_ups))
                          % {"n": len(follow_ups)}, reverse("delivery:visit", args=[follow_ups[0]]), "todo-follow-ups"))
    rectify = list(ProjectEvaluation.objects.filter(project__organization=organization, result="rectify")
                   .values_list("pk", flat=True))
    if rectify:
        items.append(Todo(ngettext("%(n)s evaluation asks your organization to rectify", "%(n)s evaluations ask your "
                                   "organization to rectify", len(rectify)) % {"n": len(rectify)},
                          reverse("delivery:evaluation", args=[rectify[0]]), "todo-rectify"))
    return items


def community_worker_todo(user) -> list[Todo]:
    """Residents who signed up in this worker's communities and wait to be verified at the service point."""
    waiting = signups_to_verify(user).count()
    if not waiting:
        return []
    return [Todo(ngettext("%(n)s resident to verify", "%(n)s residents to verify", waiting) % {"n": waiting},
                 reverse("people:residents"), "todo-residents")]


def wish_keeper_todo(user) -> list[Todo]:
    """For a community's keepers: micro-wishes a colleague posted and this person should check,
    wishes returned to them, and fulfilled wishes to confirm."""
    from yichuang.participation.queries import keeper_work, overdue_actions, topics_to_moderate

    texts = {
        "to_check": lambda n: ngettext("%(n)s micro-wish to check before it is published",
                                       "%(n)s micro-wishes to check before they are published", n),
        "returned": lambda n: ngettext("%(n)s micro-wish returned to you for changes",
                                       "%(n)s micro-wishes returned to you for changes", n),
        "to_confirm": lambda n: ngettext("%(n)s fulfilled micro-wish to confirm", "%(n)s fulfilled micro-wishes to confirm", n),
    }
    counts = [(name, rows.count()) for name, rows in keeper_work(user).items()]
    items = [Todo(texts[name](n) % {"n": n}, reverse("participation:wish-work"), f"todo-wishes-{name}")
             for name, n in counts if n]
    hidden = topics_to_moderate(user).count()
    if hidden:
        items.append(Todo(ngettext("%(n)s reported topic to keep or remove", "%(n)s reported topics to keep or remove",
                                   hidden) % {"n": hidden}, reverse("participation:topic-list"), "todo-topics-hidden"))
    overdue = list(overdue_actions(user).values_list("meeting", flat=True))
    if overdue:
        items.append(Todo(ngettext("%(n)s meeting action item past its due date", "%(n)s meeting action items past their "
                                   "due date", len(overdue)) % {"n": len(overdue)},
                          reverse("participation:meeting", args=[overdue[0]]) + "#actions", "todo-actions-overdue"))
    return items


def resident_survey_todo(user) -> list[Todo]:
    """For a verified resident: open surveys of their area they have not answered yet."""
    from yichuang.participation.models import SurveyResponse
    from yichuang.participation.permissions import surveys_for_resident

    answered = SurveyResponse.objects.filter(resident=user).values("survey")
    return [Todo(_("Answer the survey “%(title)s”") % {"title": s.title},
                 reverse("participation:survey-answer", args=[s.key]), "todo-survey")
            for s in surveys_for_resident(user).exclude(pk__in=answered).order_by("closes_on")[:5]]


def wish_adopter_todo(user) -> list[Todo]:
    """For someone who adopted micro-wishes: the ones still to fulfil."""
    from yichuang.participation.models import MicroWish

    n = MicroWish.objects.filter(adopter=user, status=MicroWish.Status.ADOPTED).count()
    if not n:
        return []
    return [Todo(ngettext("%(n)s adopted micro-wish to fulfil", "%(n)s adopted micro-wishes to fulfil", n) % {"n": n},
                 reverse("participation:wish-work"), "todo-wishes-adopted")]


def volunteer_staff_todo(user) -> list[Todo]:
    """For organizers and roster keepers: service to confirm, late entries another person must
    approve, corrections volunteers asked for, certificates to issue."""
    from yichuang.volunteers.models import Certificate, RecordCorrection, ServiceRecord
    from yichuang.volunteers.permissions import acting_organization_ids, is_staff_for_volunteers, managed_records

    if not is_staff_for_volunteers(user):
        return []
    managed = managed_records(user)
    acting_ids = acting_organization_ids(user)
    counts = [
        (managed.filter(status=ServiceRecord.Status.PENDING).count(),
         lambda n: ngettext("%(n)s volunteer service record to confirm", "%(n)s volunteer service records to confirm", n),
         "todo-volunteer-records"),
        (managed.filter(status=ServiceRecord.Status.AWAITING_APPROVAL).exclude(entered_by=user).count(),
         lambda n: ngettext("%(n)s late entry of volunteer service to approve",
                            "%(n)s late entries of volunteer service to approve", n), "todo-late-entries"),
        (RecordCorrection.objects.filter(record__organization__in=acting_ids, status=RecordCorrection.Status.REQUESTED).count(),
         lambda n: ngettext("%(n)s correction asked for by a volunteer", "%(n)s corrections asked for by volunteers", n),
         "todo-volunteer-corrections"),
        (Certificate.objects.filter(organization__in=acting_ids, status=Certificate.Status.REQUESTED).count(),
         lambda n: ngettext("%(n)s volunteer certificate to issue", "%(n)s volunteer certificates to issue", n),
         "todo-certificates"),
    ]
    return [Todo(text(n) % {"n": n}, reverse("volunteers:work"), testid) for n, text, testid in counts if n]


def volunteer_todo(user) -> list[Todo]:
    """For a volunteer: team invitations to answer and today's shifts to check in to."""
    from django.utils import timezone

    from yichuang.volunteers.models import Signup, TeamMember
    from yichuang.volunteers.permissions import own_volunteer

    me = own_volunteer(user)
    if me is None:
        return [Todo(_("Register as a volunteer to sign up for activities and keep your service record."),
                     reverse("volunteers:register"), "todo-volunteer-register")]
    items = []
    invited = TeamMember.objects.filter(volunteer=me, status=TeamMember.Status.INVITED).select_related("team").first()
    if invited is not None:
        items.append(Todo(_("%(team)s invites you to join") % {"team": invited.team.name},
                          reverse("volunteers:team", args=[invited.team_id]), "todo-team-invitation"))
    now = timezone.now()
    today = Signup.objects.filter(volunteer=me, status=Signup.Status.CONFIRMED, shift__ends_at__gte=now,
                                  shift__starts_at__date=timezone.localdate()).select_related("shift__opportunity").first()
    if today is not None:
        items.append(Todo(_("Today: %(title)s — scan the activity's code when you arrive") % {"title": today.shift.opportunity.title},
                          reverse("volunteers:activity", args=[today.shift.opportunity_id]), "todo-shift-today"))
    return items


def fund_todo(user) -> list[Todo]:
    """For a fund's committee members: grants waiting for their vote; for its managers: disclosure
    reports due within the reminder period or overdue."""
    from django.utils import timezone

    from yichuang.charity.disclosure import due_soon
    from yichuang.charity.models import Grant
    from yichuang.charity.permissions import managed_funds

    items = []
    waiting = list(Grant.objects.filter(status=Grant.Status.PROPOSED, fund__committee__user=user)
                   .exclude(votes__member__user=user).values_list("pk", flat=True).distinct())
    if waiting:
        items.append(Todo(ngettext("%(n)s grant waiting for your vote on a fund's committee",
                                   "%(n)s grants waiting for your vote on a fund's committee", len(waiting))
                          % {"n": len(waiting)}, reverse("charity:grant", args=[waiting[0]]), "todo-grant-votes"))
    today = timezone.localdate()
    for fund in managed_funds(user):
        due = due_soon(fund, today)
        if due:
            first = due[0]  # the soonest due (or the longest overdue)
            text = (_("%(fund)s: the disclosure for %(quarter)s is overdue") if first["overdue"]
                    else _("%(fund)s: the disclosure for %(quarter)s is due by %(day)s"))
            items.append(Todo(text % {"fund": fund.name, "quarter": first["label"], "day": first["due"].isoformat()},
                              reverse("charity:disclosures", args=[fund.pk]), "todo-disclosure"))
    return items
