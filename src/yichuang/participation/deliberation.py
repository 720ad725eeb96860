"""Deliberation meetings, part 2: what happens in the room and after it.

Open-space groups form from the topics attendees joined and record notes and proposals; attendees
vote (one person one vote, held by a unique row per attendee and proposal; dots are counted under the
attendee's lock); the organizer records the resolution, which freezes the counts; action items with
owners and due dates stay on the public page until each is done, and can become a need or a micro-wish.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from yichuang.core.audit import log_action
from yichuang.kernel import deliberation
from yichuang.participation import permissions
from yichuang.participation.meetings import locked_meeting, require_keeper
from yichuang.participation.models import (
    ActionItem,
    BreakoutGroup,
    Meeting,
    MeetingVote,
    Proposal,
    Registration,
)


@transaction.atomic
def groups_form(*, actor, meeting: Meeting, min_size: int = 1) -> list[BreakoutGroup]:
    """Open space: a group for each agenda topic at least ``min_size`` attendees joined (by default one: a
    convener alone with their topic is a group too, and others may join at the meeting)."""
    meeting = locked_meeting(meeting)
    require_keeper(actor, meeting)
    if meeting.format != Meeting.Format.OPEN_SPACE or meeting.status != Meeting.Status.IN_SESSION:
        raise ValidationError(_("Groups are formed in an open-space meeting while it is in session."))
    if meeting.groups.exists():
        raise ValidationError(_("The groups are already formed."))
    attendees = list(meeting.registrations.filter(attended_at__isnull=False).order_by("pk"))
    by_topic, _unplaced = deliberation.form_groups({r.pk: r.joined_item_id for r in attendees}, min_size)
    if not by_topic:
        raise ValidationError(_("No topic has %(n)s attendees yet; ask people to choose a topic first.")
                              % {"n": min_size})
    groups = []
    for item_id, members in by_topic.items():
        group = BreakoutGroup.objects.create(meeting=meeting, item_id=item_id)
        Registration.objects.filter(pk__in=members).update(group=group)
        groups.append(group)
    log_action(actor=actor, action="participation.meeting.groups_formed", obj=meeting, area_path=meeting.area.path,
               after={"groups": len(groups)})
    return groups


def _attendee(actor, meeting: Meeting) -> Registration | None:
    if not getattr(actor, "is_authenticated", False):
        return None
    return meeting.registrations.filter(user=actor, attended_at__isnull=False).first()


@transaction.atomic
def group_notes_save(*, actor, group: BreakoutGroup, notes: str) -> BreakoutGroup:
    """A group's members (or a keeper) write down what the group said."""
    meeting = locked_meeting(group.meeting)
    mine = _attendee(actor, meeting)
    if not permissions.keeps_area(actor, meeting.area) and (mine is None or mine.group_id != group.pk):
        raise PermissionDenied
    if meeting.status == Meeting.Status.CLOSED:
        raise ValidationError(_("The meeting is closed; its notes are kept as they were."))
    group.notes = notes.strip()[:5000]
    group.save(update_fields=["notes"])
    log_action(actor=actor, action="participation.meeting.notes_saved", obj=meeting, area_path=meeting.area.path)
    return group


@transaction.atomic
def proposal_add(*, actor, meeting: Meeting, text: str, group: BreakoutGroup | None = None) -> Proposal:
    """An attendee (for their group) or a keeper puts a proposal to the meeting while it is in session."""
    meeting = locked_meeting(meeting)
    keeps = permissions.keeps_area(actor, meeting.area)
    mine = _attendee(actor, meeting)
    if not keeps and (mine is None or (group is not None and mine.group_id != group.pk)):
        raise PermissionDenied
    if group is not None and group.meeting_id != meeting.pk:
        raise PermissionDenied
    if meeting.status != Meeting.Status.IN_SESSION:
        raise ValidationError(_("Proposals are put while the meeting is in session, before the vote."))
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write the proposal.")})
    proposal = Proposal.objects.create(meeting=meeting, group=group, text=text[:300], proposed_by=actor)
    log_action(actor=actor, action="participation.meeting.proposal_added", obj=meeting, area_path=meeting.area.path,
               after={"proposal": proposal.text})
    return proposal


@transaction.atomic
def vote_cast(*, actor, proposal: Proposal, choice: str = "", dots: int = 0,
              registration: Registration | None = None) -> MeetingVote:
    """An attendee's vote on a proposal, or a keeper's for an attendee voting by hand (assisted)."""
    meeting = locked_meeting(proposal.meeting)
    if registration is None:
        registration = _attendee(actor, meeting)
        if registration is None:
            raise ValidationError(_("Only people who attend the meeting vote; your attendance is not recorded."))
    else:
        require_keeper(actor, meeting)
        if registration.meeting_id != meeting.pk or registration.attended_at is None:
            raise ValidationError(_("Only people who attend the meeting vote; this attendance is not recorded."))
    if meeting.status != Meeting.Status.VOTING:
        raise ValidationError(_("The vote is not open.") if meeting.status != Meeting.Status.CLOSED
                              else _("The vote is closed."))
    registration = Registration.objects.select_for_update(of=("self",)).get(pk=registration.pk)
    if meeting.voting == Meeting.Voting.ONE_VOTE:
        if choice not in MeetingVote.Choice.values:
            raise ValidationError(_("Choose for, against or abstain."))
        dots = 0
    else:
        used = MeetingVote.objects.filter(registration=registration).aggregate(n=Sum("dots"))["n"] or 0
        problem = deliberation.dots_problem(meeting.dots_per_person, used, dots)
        if problem:
            raise ValidationError(_("Put at least one dot.") if problem == "at_least_one" else
                                  _("You have %(left)s of your %(n)s dots left.")
                                  % {"left": meeting.dots_per_person - used, "n": meeting.dots_per_person})
        choice = ""
    try:
        with transaction.atomic():
            vote = MeetingVote.objects.create(proposal=proposal, registration=registration, choice=choice, dots=dots,
                                              cast_by=actor)
    except IntegrityError:
        raise ValidationError(_("A vote on this proposal is already recorded for this person.")) from None
    log_action(actor=actor, action="participation.meeting.voted", obj=meeting, area_path=meeting.area.path,
               after={"assisted": registration.user_id != actor.pk})
    return vote


def counts(meeting: Meeting) -> dict[int, deliberation.Count]:
    """Each proposal's count so far, from the votes."""
    found: dict[int, dict] = {}
    for proposal_id, choice, dots in MeetingVote.objects.filter(proposal__meeting=meeting).values_list(
            "proposal", "choice", "dots"):
        row = found.setdefault(proposal_id, {"choices": [], "dots": 0})
        row["choices"].append(choice)
        row["dots"] += dots
    result = {}
    for proposal_id, row in found.items():
        count = deliberation.count_votes(row["choices"])
        result[proposal_id] = deliberation.Count(count.votes_for, count.against, count.abstain, row["dots"])
    return result


@transaction.atomic
def meeting_close(*, actor, meeting: Meeting, resolution: str, adopt_top: int = 3) -> Meeting:
    """Close the vote and record the resolution with the result: one-vote proposals by majority,
    dot-voting by the top ``adopt_top`` priorities. The counts are frozen on the proposals."""
    meeting = locked_meeting(meeting)
    require_keeper(actor, meeting)
    if meeting.status != Meeting.Status.VOTING:
        raise ValidationError(_("The resolution is recorded when the vote has been held."))
    if not resolution.strip():
        raise ValidationError({"resolution": _("Write the resolution the meeting reached.")})
    tallies = counts(meeting)
    proposals = list(meeting.proposals.all())
    if meeting.voting == Meeting.Voting.DOTS:
        adopted = deliberation.adopted_by_dots({p.pk: tallies.get(p.pk, deliberation.Count()).dots
                                                for p in proposals}, adopt_top)
    else:
        adopted = {p.pk for p in proposals if deliberation.adopted_by_majority(tallies.get(p.pk, deliberation.Count()))}
    for proposal in proposals:
        count = tallies.get(proposal.pk, deliberation.Count())
        proposal.votes_for, proposal.votes_against, proposal.votes_abstain = count.votes_for, count.against, count.abstain
        proposal.dots = count.dots
        proposal.outcome = Proposal.Outcome.ADOPTED if proposal.pk in adopted else Proposal.Outcome.NOT_ADOPTED
    Proposal.objects.bulk_update(proposals, ["votes_for", "votes_against", "votes_abstain", "dots", "outcome"])
    meeting.status, meeting.resolution, meeting.closed_at = Meeting.Status.CLOSED, resolution.strip(), timezone.now()
    meeting.save(update_fields=["status", "resolution", "closed_at"])
    log_action(actor=actor, action="participation.meeting.closed", obj=meeting, area_path=meeting.area.path,
               after={"adopted": len(adopted), "proposals": len(proposals)})
    return meeting


@transaction.atomic
def action_add(*, actor, meeting: Meeting, title: str, owner: str, due: dt.date,
               proposal: Proposal | None = None) -> ActionItem:
    """An action the resolution calls for, with who does it and by when."""
    meeting = locked_meeting(meeting)
    require_keeper(actor, meeting)
    if meeting.status != Meeting.Status.CLOSED:
        raise ValidationError(_("Action items follow the resolution; record it first."))
    errors = {}
    if not title.strip():
        errors["title"] = _("Say what is to be done.")
    if not owner.strip():
        errors["owner"] = _("Say who does it (a person, a team or an organization).")
    if due < timezone.localtime(meeting.starts_at).date():
        errors["due"] = _("The due date cannot be before the meeting.")
    if proposal is not None and proposal.meeting_id != meeting.pk:
        errors["proposal"] = _("Choose a proposal of this meeting.")
    if errors:
        raise ValidationError(errors)
    action = ActionItem.objects.create(meeting=meeting, proposal=proposal, title=title.strip()[:200],
                                       owner=owner.strip()[:60], due=due)
    log_action(actor=actor, action="participation.meeting.action_added", obj=meeting, area_path=meeting.area.path,
               after={"action": action.title, "owner": action.owner, "due": due.isoformat()})
    return action


@transaction.atomic
def action_done(*, actor, action: ActionItem, note: str) -> ActionItem:
    """A keeper records that an action item is done, and how."""
    meeting = locked_meeting(action.meeting)
    require_keeper(actor, meeting)
    action = ActionItem.objects.select_for_update(of=("self",)).get(pk=action.pk)
    if action.done_at:
        raise ValidationError(_("This action item is already done."))
    if not note.strip():
        raise ValidationError({"note": _("Say what was done.")})
    action.done_at, action.done_note = timezone.now(), note.strip()[:300]
    action.save(update_fields=["done_at", "done_note"])
    log_action(actor=actor, action="participation.meeting.action_done", obj=meeting, area_path=meeting.area.path,
               after={"action": action.title})
    return action
