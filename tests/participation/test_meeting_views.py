import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests import factories
from yichuang.accounts.roles import Role
from yichuang.participation import meetings
from yichuang.participation.meetings import MeetingText
from yichuang.participation.models import ActionItem, Meeting, MeetingVote, MicroWish, Need, Registration

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _meeting(worker, area, **fields) -> Meeting:
    text = MeetingText(area=area, title="周末议事厅", purpose="商量社区小事", format=Meeting.Format.OPEN_SPACE,
                       place="社区活动室", starts_at=timezone.now() + dt.timedelta(days=2), capacity=20,
                       voting=Meeting.Voting.ONE_VOTE)
    for name, value in fields.items():
        setattr(text, name, value)
    meeting = meetings.meeting_create(actor=worker, text=text)
    meetings.agenda_add(actor=worker, meeting=meeting, title="祠堂前的路")
    return meeting


def test_meeting_journey_through_the_pages_from_agenda_to_a_done_action_item():
    area = factories.community()
    worker = factories.user_with_role(Role.COMMUNITY_WORKER, area=area)
    residents = [factories.user_with_role(Role.RESIDENT, area=area) for _ in range(2)]
    staff, people = _client(worker), [_client(r) for r in residents]
    starts = (timezone.localtime() + dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")

    response = staff.post(reverse("participation:meeting-new"), {
        "area": area.pk, "title": "周末议事厅", "purpose": "商量社区小事", "format": "open_space", "place": "活动室",
        "starts_at": starts, "capacity": 20, "voting": "one_vote", "dots_per_person": 3})
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    page = reverse("participation:meeting", args=[meeting.pk])
    staff.post(reverse("participation:meeting-agenda", args=[meeting.pk]), {"title": "祠堂前的路"})
    staff.post(reverse("participation:meeting-advance", args=[meeting.pk]))
    item = meeting.items.get()
    for client in people:
        client.post(reverse("participation:meeting-register", args=[meeting.pk]), {"joined_item": item.pk})
    staff.post(reverse("participation:meeting-advance", args=[meeting.pk]))
    for client in people:
        client.post(reverse("participation:meeting-check-in", args=[meeting.attendance_key]))
    staff.post(reverse("participation:meeting-groups", args=[meeting.pk]))
    group = meeting.groups.get()
    people[0].post(reverse("participation:group-notes", args=[group.pk]), {"notes": "<script>x</script>路面积水"})
    people[0].post(reverse("participation:proposal-add", args=[meeting.pk]), {"group": group.pk, "text": "铺水泥路"})
    staff.post(reverse("participation:meeting-advance", args=[meeting.pk]))
    proposal = meeting.proposals.get()
    for client in people:
        client.post(reverse("participation:proposal-vote", args=[proposal.pk]), {"choice": "for"})
    staff.post(reverse("participation:meeting-close", args=[meeting.pk]), {"resolution": "铺水泥路。", "adopt_top": 3})
    staff.post(reverse("participation:action-add", args=[meeting.pk]), {
        "title": "向街道申请修路", "owner": "村委会", "due": (timezone.localdate() + dt.timedelta(days=30)).isoformat(),
        "proposal": proposal.pk})
    action = ActionItem.objects.get()
    public = Client().get(page).content.decode()
    staff.post(reverse("participation:action-done", args=[action.pk]), {"note": "已修好"})

    assert Registration.objects.filter(attended_at__isnull=False).count() == 2
    assert MeetingVote.objects.count() == 2
    assert "向街道申请修路" in public and "村委会" in public and "2 for, 0 against, 0 abstaining" in public
    assert "&lt;script&gt;" in public and "<script>x" not in public
    assert residents[0].get_full_name() not in public or not residents[0].get_full_name()
    assert ActionItem.objects.get().done_note == "已修好"


def test_meeting_draft_answers_404_to_the_public_and_to_residents():
    area = factories.community()
    worker = factories.user_with_role(Role.COMMUNITY_WORKER, area=area)
    meeting = _meeting(worker, area)
    resident = factories.user_with_role(Role.RESIDENT, area=area)
    url = reverse("participation:meeting", args=[meeting.pk])
    assert Client().get(url).status_code == 404
    assert _client(resident).get(url).status_code == 404
    assert _client(worker).get(url).status_code == 200


def test_meeting_attendance_roster_is_for_keepers_only():
    area = factories.community()
    worker = factories.user_with_role(Role.COMMUNITY_WORKER, area=area)
    meeting = meetings.meeting_advance(actor=worker, meeting=_meeting(worker, area))
    resident = factories.user_with_role(Role.RESIDENT, area=area)
    url = reverse("participation:meeting-attendance", args=[meeting.pk])
    assert _client(resident).get(url).status_code == 404
    assert _client(worker).get(url).status_code == 200


def test_meeting_vote_twice_through_the_page_shows_a_message_and_keeps_one_vote():
    area = factories.community()
    worker = factories.user_with_role(Role.COMMUNITY_WORKER, area=area)
    meeting = meetings.meeting_advance(actor=worker, meeting=_meeting(worker, area, format=Meeting.Format.COUNCIL))
    resident = factories.user_with_role(Role.RESIDENT, area=area)
    meetings.meeting_register(actor=resident, meeting=meeting)
    meeting = meetings.meeting_advance(actor=worker, meeting=meeting)
    meetings.attendance_record(actor=resident, meeting=meeting, key=meeting.attendance_key)
    _client(worker).post(reverse("participation:proposal-add", args=[meeting.pk]), {"text": "装门禁"})
    meetings.meeting_advance(actor=worker, meeting=meeting)
    client, url = _client(resident), reverse("participation:proposal-vote", args=[meeting.proposals.get().pk])
    client.post(url, {"choice": "for"})

    response = client.post(url, {"choice": "against"}, follow=True)

    assert "already recorded" in response.content.decode()
    assert list(MeetingVote.objects.values_list("choice", flat=True)) == ["for"]


def test_meeting_list_uses_few_queries(django_assert_max_num_queries):
    area = factories.community()
    worker = factories.user_with_role(Role.COMMUNITY_WORKER, area=area)
    for _ in range(5):
        meetings.meeting_advance(actor=worker, meeting=_meeting(worker, area))
    client = Client()
    with django_assert_max_num_queries(6):
        response = client.get(reverse("participation:meeting-list"))
    assert response.content.decode().count("周末议事厅") == 5


def test_need_list_uses_few_queries_and_need_new_prefills_from_an_action(django_assert_max_num_queries):
    area = factories.community()
    worker = factories.user_with_role(Role.COMMUNITY_WORKER, area=area)
    meeting = _meeting(worker, area, format=Meeting.Format.COUNCIL)
    action = ActionItem.objects.create(meeting=meeting, title="办老年助餐点", owner="社工站", due=timezone.localdate())
    client = _client(worker)
    form = client.get(reverse("participation:need-new") + f"?action={action.pk}").content.decode()
    client.post(reverse("participation:need-new") + f"?action={action.pk}",
                {"title": "老年助餐", "evidence": "议事会提出办老年助餐点。", "as_project": "on"})
    with django_assert_max_num_queries(8):
        listed = Client().get(reverse("participation:need-list")).content.decode()
    assert "办老年助餐点" in form
    assert Need.objects.get().action == action and "老年助餐" in listed


def test_micro_wish_posted_from_an_action_item_links_back_to_it():
    area = factories.community()
    worker = factories.user_with_role(Role.COMMUNITY_WORKER, area=area)
    meeting = _meeting(worker, area)
    action = ActionItem.objects.create(meeting=meeting, title="给独居老人买一台收音机", owner="志愿队", due=timezone.localdate())
    _client(worker).post(reverse("participation:wish-new") + f"?action={action.pk}", {
        "area": area.pk, "wish_for": "elderly_alone", "title": "一台收音机", "story": "老人想听戏。", "value": "80",
        "deadline": (timezone.localdate() + dt.timedelta(days=20)).isoformat(), "beneficiary_name": "张奶奶"})
    action.refresh_from_db()
    assert action.wish == MicroWish.objects.get()


def test_keeper_todo_lists_an_action_item_past_its_due_date_until_it_is_done():
    from yichuang.participation import deliberation
    from yichuang.portal.todo import wish_keeper_todo

    area = factories.community()
    worker = factories.user_with_role(Role.COMMUNITY_WORKER, area=area)
    meeting = _meeting(worker, area)
    late = ActionItem.objects.create(meeting=meeting, title="修路", owner="村委", due=timezone.localdate() - dt.timedelta(days=1))
    ActionItem.objects.create(meeting=meeting, title="办助餐点", owner="社工站", due=timezone.localdate() + dt.timedelta(days=9))
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.CLOSED)

    before = [todo.testid for todo in wish_keeper_todo(worker)]
    deliberation.action_done(actor=worker, action=late, note="已修好")

    assert "todo-actions-overdue" in before
    assert "todo-actions-overdue" not in [todo.testid for todo in wish_keeper_todo(worker)]


def _need(worker, area) -> Need:
    from yichuang.participation import needs, topics

    topic = topics.topic_propose(actor=worker, area=area, title="独居老人吃饭难", body="想办助餐点。", assisted_for="王伯")
    return needs.need_raise(actor=worker, source=needs.NeedSource(topic=topic), area=area, title="老年助餐",
                            evidence="18 位邻居关注：独居老人做饭困难。")


def test_applicant_cites_a_need_once_and_it_lands_in_the_application_evidence():
    program = factories.program()
    organization = factories.organization()
    application = factories.draft_application(program, organization)
    area = factories.program_community(program)
    need = _need(factories.user_with_role(Role.COMMUNITY_WORKER, area=area), area)
    client = _client(factories.applicant(organization))
    url = reverse("participation:need-cite", args=[need.pk])

    first = client.post(url, {"application": application.pk})
    second = client.post(url, {"application": application.pk}, follow=True)

    application.refresh_from_db()
    assert first.status_code == 302 and first["Location"] == reverse("applications:edit", args=[application.pk])
    assert "18 位邻居关注" in application.draft["need_evidence"]
    assert application.draft["need_evidence"].count("老年助餐") == 1
    assert "already cites" in second.content.decode()
    assert need.citations.count() == 1


def test_need_cannot_be_cited_in_another_organizations_application():
    program = factories.program()
    application = factories.draft_application(program, factories.organization())
    area = factories.program_community(program)
    need = _need(factories.user_with_role(Role.COMMUNITY_WORKER, area=area), area)
    stranger = factories.applicant(factories.organization(name="别的机构"))

    response = _client(stranger).post(reverse("participation:need-cite", args=[need.pk]), {"application": application.pk},
                                      follow=True)

    assert "Choose one of your applications" in response.content.decode()
    assert not need.citations.exists()
