import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests import factories
from yichuang.accounts.roles import Role
from yichuang.notifications.models import Notification
from yichuang.participation import deliberation, meetings, needs, topics
from yichuang.participation.meetings import MeetingText
from yichuang.participation.models import Meeting, MeetingVote, Need, Proposal, Registration

pytestmark = pytest.mark.django_db


class World:
    def __init__(self, *, capacity=10, voting=Meeting.Voting.ONE_VOTE, fmt=Meeting.Format.COUNCIL, dots=3):
        self.area = factories.community()
        self.worker = factories.user_with_role(Role.COMMUNITY_WORKER, area=self.area)
        self.topic = topics.topic_propose(actor=self.worker, area=self.area, title="祠堂前的路", body="下雨积水。",
                                          assisted_for="王伯")
        self.meeting = meetings.meeting_create(actor=self.worker, topics=[self.topic], text=MeetingText(
            area=self.area, title="周末议事厅", purpose="商量社区小事", format=fmt, place="社区活动室",
            starts_at=timezone.now() + dt.timedelta(days=3), capacity=capacity, voting=voting, dots_per_person=dots))

    def resident(self):
        return factories.user_with_role(Role.RESIDENT, area=self.area)

    def advance(self, times=1):
        for _ in range(times):
            self.meeting = meetings.meeting_advance(actor=self.worker, meeting=self.meeting)

    def attendee(self, item=None):
        person = self.resident()
        meetings.meeting_register(actor=person, meeting=self.meeting, joined_item=item)
        return person

    def arrive(self, person):
        return meetings.attendance_record(actor=person, meeting=self.meeting, key=self.meeting.attendance_key)


def test_meeting_create_puts_the_chosen_topics_on_the_agenda_and_stays_private_as_a_draft():
    world = World()
    assert [item.topic for item in world.meeting.items.all()] == [world.topic]
    assert world.meeting.status == Meeting.Status.DRAFT


def test_meeting_create_by_someone_who_does_not_keep_the_community_is_refused():
    world = World()
    outsider = factories.user_with_role(Role.COMMUNITY_WORKER, area=factories.community(name="别处"))
    with pytest.raises(PermissionDenied):
        meetings.meeting_create(actor=outsider, text=MeetingText(
            area=world.area, title="x", purpose="y", format=Meeting.Format.COUNCIL, place="z",
            starts_at=timezone.now() + dt.timedelta(days=1), capacity=5, voting=Meeting.Voting.ONE_VOTE))


def test_meeting_create_in_the_past_with_no_places_names_each_problem():
    world = World()
    with pytest.raises(ValidationError) as error:
        meetings.meeting_create(actor=world.worker, text=MeetingText(
            area=world.area, title=" ", purpose="y", format=Meeting.Format.COUNCIL, place="z",
            starts_at=timezone.now() - dt.timedelta(hours=1), capacity=0, voting=Meeting.Voting.ONE_VOTE))
    assert set(error.value.message_dict) == {"title", "starts_at", "capacity"}
    assert Meeting.objects.count() == 1


def test_registration_past_capacity_goes_to_the_waiting_list_and_a_cancellation_promotes_the_first(
        django_capture_on_commit_callbacks):
    world = World(capacity=2)
    world.advance()
    first, second, third, fourth = (world.attendee() for _ in range(4))
    statuses = dict(Registration.objects.values_list("user", "status"))
    assert [statuses[p.pk] for p in (first, second, third, fourth)] == ["registered", "registered", "waitlisted", "waitlisted"]

    with django_capture_on_commit_callbacks(execute=True):
        meetings.registration_cancel(actor=first, registration=Registration.objects.get(user=first))

    assert Registration.objects.get(user=third).status == Registration.Status.REGISTERED
    assert Registration.objects.get(user=fourth).status == Registration.Status.WAITLISTED
    assert Notification.objects.filter(recipient=third, kind="participation.meeting_place").exists()


def test_registration_twice_or_by_a_non_resident_or_before_opening_changes_nothing():
    world = World()
    person = world.resident()
    with pytest.raises(ValidationError):
        meetings.meeting_register(actor=person, meeting=world.meeting)  # still a draft
    world.advance()
    meetings.meeting_register(actor=person, meeting=world.meeting)
    with pytest.raises(ValidationError, match="already registered"):
        meetings.meeting_register(actor=person, meeting=world.meeting)
    stranger = factories.user_with_role(Role.RESIDENT, area=factories.community(name="别处"))
    with pytest.raises(PermissionDenied):
        meetings.meeting_register(actor=stranger, meeting=world.meeting)
    assert Registration.objects.count() == 1


def test_attendance_by_the_door_code_needs_a_place_and_the_right_code():
    world = World(capacity=1)
    world.advance()
    placed, waiting = world.attendee(), world.attendee()
    world.advance()
    with pytest.raises(PermissionDenied):
        meetings.attendance_record(actor=placed, meeting=world.meeting, key="wrong")
    with pytest.raises(ValidationError):
        world.arrive(waiting)
    assert world.arrive(placed).attended_at is not None
    assisted = meetings.attendance_record(actor=world.worker, meeting=world.meeting, walk_in_name="李奶奶")
    assert assisted.user is None and assisted.assisted_by == world.worker


def test_groups_form_from_the_topics_attendees_joined_leaving_small_ones_out():
    world = World(fmt=Meeting.Format.OPEN_SPACE)
    road = world.meeting.items.get()
    meals = meetings.agenda_add(actor=world.worker, meeting=world.meeting, title="独居老人吃饭")
    crafts = meetings.agenda_add(actor=world.worker, meeting=world.meeting, title="手工艺")
    world.advance()
    people = [world.attendee(item) for item in (road, road, meals, meals, meals, crafts)]
    world.advance()
    for person in people:
        world.arrive(person)

    groups = deliberation.groups_form(actor=world.worker, meeting=world.meeting, min_size=2)

    assert {g.item.title: g.members.count() for g in groups} == {"祠堂前的路": 2, "独居老人吃饭": 3}
    assert Registration.objects.get(user=people[-1]).group is None


def test_one_person_one_vote_refuses_a_second_vote_and_votes_after_the_close():
    world = World()
    world.advance()
    voter = world.attendee()
    world.advance()
    world.arrive(voter)
    proposal = deliberation.proposal_add(actor=world.worker, meeting=world.meeting, text="先修路")
    world.advance()

    deliberation.vote_cast(actor=voter, proposal=proposal, choice="for")
    with pytest.raises(ValidationError, match="already recorded"):
        deliberation.vote_cast(actor=voter, proposal=proposal, choice="against")
    deliberation.meeting_close(actor=world.worker, meeting=world.meeting, resolution="同意先修路。")
    with pytest.raises(ValidationError, match="closed"):
        deliberation.vote_cast(actor=voter, proposal=proposal, choice="against")

    assert list(MeetingVote.objects.values_list("choice", flat=True)) == ["for"]


def test_a_resident_who_did_not_attend_cannot_vote():
    world = World()
    world.advance()
    absent = world.attendee()
    world.advance()
    proposal = deliberation.proposal_add(actor=world.worker, meeting=world.meeting, text="先修路")
    world.advance()
    with pytest.raises(ValidationError, match="attendance"):
        deliberation.vote_cast(actor=absent, proposal=proposal, choice="for")


def test_dot_voting_spreads_at_most_the_dots_each_person_has():
    world = World(voting=Meeting.Voting.DOTS, dots=3)
    world.advance()
    voter = world.attendee()
    world.advance()
    world.arrive(voter)
    first = deliberation.proposal_add(actor=world.worker, meeting=world.meeting, text="修路")
    second = deliberation.proposal_add(actor=world.worker, meeting=world.meeting, text="助餐")
    world.advance()

    deliberation.vote_cast(actor=voter, proposal=first, dots=2)
    with pytest.raises(ValidationError, match="1 of your 3 dots"):
        deliberation.vote_cast(actor=voter, proposal=second, dots=2)

    assert MeetingVote.objects.get().dots == 2


def test_meeting_close_adopts_by_majority_and_freezes_the_counts():
    world = World()
    world.advance()
    people = [world.attendee() for _ in range(3)]
    world.advance()
    for person in people:
        world.arrive(person)
    road = deliberation.proposal_add(actor=world.worker, meeting=world.meeting, text="修路")
    gate = deliberation.proposal_add(actor=world.worker, meeting=world.meeting, text="装门禁")
    world.advance()
    for person, road_choice, gate_choice in zip(people, ("for", "for", "against"), ("for", "against", "abstain"), strict=True):
        deliberation.vote_cast(actor=person, proposal=road, choice=road_choice)
        deliberation.vote_cast(actor=person, proposal=gate, choice=gate_choice)

    deliberation.meeting_close(actor=world.worker, meeting=world.meeting, resolution="修路，门禁再议。")

    road.refresh_from_db()
    gate.refresh_from_db()
    assert (road.outcome, road.votes_for, road.votes_against) == (Proposal.Outcome.ADOPTED, 2, 1)
    assert (gate.outcome, gate.votes_for, gate.votes_abstain) == (Proposal.Outcome.NOT_ADOPTED, 1, 1)


def test_action_items_follow_the_resolution_and_become_needs():
    world = World()
    world.advance()
    world.advance()
    deliberation.proposal_add(actor=world.worker, meeting=world.meeting, text="修路")
    world.advance()
    with pytest.raises(ValidationError):
        deliberation.action_add(actor=world.worker, meeting=world.meeting, title="报修", owner="村委",
                                due=dt.date.today() + dt.timedelta(days=30))
    deliberation.meeting_close(actor=world.worker, meeting=world.meeting, resolution="修路。")
    action = deliberation.action_add(actor=world.worker, meeting=world.meeting, title="向街道报修", owner="村委会",
                                     due=dt.date.today() + dt.timedelta(days=30))

    need = needs.need_raise(actor=world.worker, source=needs.NeedSource(action=action), area=world.area,
                            title="道路积水", evidence="议事会决议：修路。", as_project=True)
    deliberation.action_done(actor=world.worker, action=action, note="已铺好")

    assert need.source == Need.Source.ACTION and need.as_project
    action.refresh_from_db()
    assert action.done_at is not None and action.done_note == "已铺好"


def test_need_with_a_phone_number_in_its_public_evidence_is_refused():
    world = World()
    with pytest.raises(ValidationError, match="phone"):
        needs.need_raise(actor=world.worker, source=needs.NeedSource(topic=world.topic), area=world.area,
                         title="道路积水", evidence="联系王伯 13812345678")
    assert not Need.objects.exists()


def _text(world, **changes) -> MeetingText:
    meeting = world.meeting
    fields = {name: getattr(meeting, name) for name in meetings.EDITABLE_FIELDS}
    return MeetingText(area=meeting.area, **{**fields, **changes})


def test_meeting_edit_with_more_places_promotes_the_waiting_list_and_a_new_time_is_sent(
        django_capture_on_commit_callbacks):
    world = World(capacity=1)
    world.advance()
    world.attendee()
    waiting = world.attendee()
    later = world.meeting.starts_at + dt.timedelta(days=1)

    with django_capture_on_commit_callbacks(execute=True):
        meetings.meeting_edit(actor=world.worker, meeting=world.meeting, text=_text(world, capacity=2, starts_at=later))

    assert Registration.objects.get(user=waiting).status == Registration.Status.REGISTERED
    assert Notification.objects.filter(kind="participation.meeting_moved").count() == 2
    assert Meeting.objects.get().starts_at == later


def test_meeting_edit_below_the_places_taken_or_after_the_start_changes_nothing():
    world = World(capacity=3)
    world.advance()
    world.attendee()
    world.attendee()
    with pytest.raises(ValidationError, match="2 people already have a place"):
        meetings.meeting_edit(actor=world.worker, meeting=world.meeting, text=_text(world, capacity=1))
    world.advance()
    with pytest.raises(ValidationError, match="until it starts"):
        meetings.meeting_edit(actor=world.worker, meeting=world.meeting, text=_text(world, title="新名字"))
    assert Meeting.objects.get().capacity == 3 and Meeting.objects.get().title == "周末议事厅"
