"""What a meeting's page shows, to whom: the agenda and places for everyone; the viewer's registration,
group and votes; the live count of votes only to keepers (the room sees the result at the close)."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from yichuang.participation import deliberation, permissions
from yichuang.participation.meetings import NEXT
from yichuang.participation.models import Meeting, MeetingVote, Need, Registration, Topic

# What the organizer's button says for each next step.
NEXT_STEP_LABELS = {Meeting.Status.OPEN: _("Open registration"), Meeting.Status.IN_SESSION: _("Start the meeting"),
                    Meeting.Status.VOTING: _("Open the vote")}


def meeting_page(user, meeting: Meeting) -> dict:
    keeps = getattr(user, "is_authenticated", False) and permissions.keeps_area(user, meeting.area)
    tally = meeting.registrations.aggregate(
        taken=Count("pk", filter=Q(status=Registration.Status.REGISTERED)),
        waiting=Count("pk", filter=Q(status=Registration.Status.WAITLISTED)),
        attended=Count("pk", filter=Q(attended_at__isnull=False)))
    mine = None
    if getattr(user, "is_authenticated", False):
        mine = (meeting.registrations.filter(user=user).exclude(status=Registration.Status.CANCELLED)
                .select_related("joined_item", "group__item").first())
    groups = list(meeting.groups.select_related("item").annotate(size=Count("members")).order_by("item__position", "pk"))
    proposals = list(meeting.proposals.select_related("group__item"))
    my_votes = {v.proposal_id: v for v in MeetingVote.objects.filter(registration=mine)} if mine else {}
    live = deliberation.counts(meeting) if keeps and meeting.status == Meeting.Status.VOTING else {}
    for proposal in proposals:
        proposal.my_vote, proposal.live = my_votes.get(proposal.pk), live.get(proposal.pk)
    context = {
        "meeting": meeting, "keeps": keeps, "tally": tally, "mine": mine,
        "places_left": max(meeting.capacity - tally["taken"], 0),
        "items": list(meeting.items.select_related("topic")), "groups": groups, "proposals": proposals,
        "may_register": mine is None and permissions.may_register(user, meeting),
        "may_vote": mine is not None and mine.attended_at is not None,
        "dots_used": sum(v.dots for v in my_votes.values()),
        "actions": list(meeting.actions.select_related("proposal", "wish")
                        .annotate(need_count=Count("needs"))),
        "next_step": NEXT_STEP_LABELS.get(NEXT.get(meeting.status)),
    }
    if keeps:
        context["voters"] = (MeetingVote.objects.filter(proposal__meeting=meeting)
                             .values("registration").distinct().count())
        context["attendees"] = list(meeting.registrations.filter(attended_at__isnull=False))
        context["open_topics"] = list(Topic.objects.filter(area__path__startswith=meeting.area.path,
                                                           status=Topic.Status.OPEN)
                                      .exclude(pk__in=meeting.items.values("topic")).order_by("-followers")[:30])
    return context


def needs(*, area=None, domain=None, as_project: bool = False):
    rows = Need.objects.select_related("area__parent", "domain")
    if area is not None:
        rows = rows.filter(area__path__startswith=area.path)
    if domain is not None:
        rows = rows.filter(domain=domain)
    if as_project:
        rows = rows.filter(as_project=True)
    return rows
