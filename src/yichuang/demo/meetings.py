"""Deliberation meetings and needs in the demo.

* 社东社区 (article 004) talked its four "small public matters" through in an open-space weekend
  deliberation hall: a group per topic with notes and a proposal, dot-voting, a resolution and action
  items, one of them raised as a need residents want a project for. Held two weeks ago.
* 安康社区 (article 002) invites the residents of 二幼小区 to a council on turning the open old estate
  into a gated one (封闭式管理), as one person one vote; registration is open, the meeting is next week.
* A finding of 安康社区's needs survey is raised as a need (meals for elderly people).
All people are samples; the meetings are run through the same services as the pages.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from yichuang.accounts.models import User
from yichuang.demo.participation import ANKANG, SHEDONG
from yichuang.participation import deliberation, meetings, needs, queries, topics
from yichuang.participation.meetings import MeetingText
from yichuang.participation.models import ActionItem, Meeting, Need, Registration, SurveyQuestion, Topic
from yichuang.places.models import Area, ServiceDomain

# (topic title start, the group's notes, its proposal, dots it got)
SHEDONG_GROUPS = [
    ("修一修祠堂前", "路长约120米，雨天积水最深处在祠堂门口。有人提议先铺碎石应急，再申请硬化。几户人家愿意出工。",
     "向街道申请祠堂前道路硬化，村民义务出工", 19),
    ("老祠堂", "屋顶漏雨要尽快修；修好后作为议事厅和文化活动室。需要成立理事会管钱管事，账目公开。",
     "成立祠堂修缮理事会，修缮账目张榜公开", 12),
    ("独居老人", "村里23位独居老人，其中9位做饭困难。可以在祠堂旁办助餐点，请志愿者送餐到家。",
     "办老年助餐点，志愿者送餐上门", 15),
    ("把老手艺", "会编竹篮的老人有5位，愿意每周教一次。场地可以用祠堂。",
     "每周办一次竹编手工课", 6),
]


def _meeting(organizer, area, *, title, purpose, fmt, voting, place, days, capacity, topics_=()) -> Meeting:
    return meetings.meeting_create(actor=organizer, topics=list(topics_), is_sample=True, text=MeetingText(
        area=area, title=title, purpose=purpose, format=fmt, place=place, voting=voting, capacity=capacity,
        starts_at=timezone.localtime().replace(hour=9, minute=30, second=0, microsecond=0) + dt.timedelta(days=days)))


def load_shedong_meeting() -> Meeting:
    worker = User.objects.get(username="community.shedong")
    shedong = Area.objects.get(code=SHEDONG)
    agenda = list(Topic.objects.filter(area=shedong).order_by("pk"))
    meeting = _meeting(worker, shedong, title="社东社区周末议事厅：我们的小事（示例）",
                       purpose="开放空间议事：大家选自己关心的话题分组讨论，每组提出一条建议，再用贴圆点的方式排出先后。",
                       fmt=Meeting.Format.OPEN_SPACE, voting=Meeting.Voting.DOTS, place="社东社区祠堂前广场",
                       days=1, capacity=40, topics_=agenda)
    meeting = meetings.meeting_advance(actor=worker, meeting=meeting)
    people = [User.objects.get(username="resident"), *User.objects.filter(username__startswith="shedong.").order_by("pk")]
    items = list(meeting.items.order_by("position"))
    for i, person in enumerate(people):
        meetings.meeting_register(actor=person, meeting=meeting, joined_item=items[(i * 7) % len(items)])
    meetings.meeting_register(actor=worker, meeting=meeting, assisted_name="陈阿婆（示例）", joined_item=items[2])
    meeting = meetings.meeting_advance(actor=worker, meeting=meeting)
    for registration in meeting.registrations.all():
        if registration.user_id:
            meetings.attendance_record(actor=registration.user, meeting=meeting, key=meeting.attendance_key)
        else:
            meetings.attendance_record(actor=worker, meeting=meeting, registration=registration)
    groups = {g.item.title: g for g in deliberation.groups_form(actor=worker, meeting=meeting)}
    proposals = []
    for start, notes, text, dots in SHEDONG_GROUPS:
        group = next(g for title, g in groups.items() if title.startswith(start))
        deliberation.group_notes_save(actor=worker, group=group, notes=notes)
        proposals.append((deliberation.proposal_add(actor=worker, meeting=meeting, group=group, text=text), dots))
    meeting = meetings.meeting_advance(actor=worker, meeting=meeting)
    _dot_votes(worker, meeting, proposals)
    meeting = deliberation.meeting_close(actor=worker, meeting=meeting, adopt_top=3, resolution=(
        "经现场贴点投票，议事会确定三件事优先办：一、向街道申请祠堂前道路硬化，村民义务出工；二、成立祠堂修缮理事会，"
        "修缮账目张榜公开；三、筹办老年助餐点。竹编手工课由老人们自愿先办起来，下次议事会再议场地。"))
    return meeting


def _dot_votes(worker, meeting: Meeting, proposals) -> None:
    """Each attendee spends up to three dots; totals as the sample results say."""
    voters = list(meeting.registrations.filter(attended_at__isnull=False).order_by("pk"))
    left = {r.pk: meeting.dots_per_person for r in voters}
    for proposal, total in proposals:
        for registration in voters:
            if total == 0:
                break
            if left[registration.pk] == 0:
                continue
            dots = min(left[registration.pk], total, 1 + (registration.pk + proposal.pk) % 2)
            deliberation.vote_cast(actor=registration.user or worker, proposal=proposal, dots=dots,
                                   registration=None if registration.user_id else registration)
            left[registration.pk] -= dots
            total -= dots


def load_shedong_actions(meeting: Meeting) -> None:
    worker = User.objects.get(username="community.shedong")
    adopted = {start: meeting.proposals.get(text__startswith=start) for start in ("向街道", "成立祠堂", "办老年")}
    due = timezone.localdate()
    road = deliberation.action_add(actor=worker, meeting=meeting, proposal=adopted["向街道"], title="向街道提交祠堂前道路硬化申请",
                                   owner="社东社区居委会", due=due + dt.timedelta(days=3))
    deliberation.action_done(actor=worker, action=road, note="申请已提交，街道已列入明年道路维修计划；碎石应急铺路已完成。")
    deliberation.action_add(actor=worker, meeting=meeting, proposal=adopted["成立祠堂"], title="推选祠堂修缮理事会成员并公示",
                            owner="居民代表筹备组", due=due + dt.timedelta(days=30))
    meals = deliberation.action_add(actor=worker, meeting=meeting, proposal=adopted["办老年"], title="摸清独居老人用餐需求，拿出助餐点方案",
                                    owner="社东社区慈善工作站", due=due + dt.timedelta(days=45))
    needs.need_raise(actor=worker, source=needs.NeedSource(action=meals), area=meeting.area, as_project=True,
                     domain=ServiceDomain.objects.get(code="elderly"), is_sample=True, title="独居老人助餐",
                     evidence="社东社区周末议事厅（示例）贴点投票排第二：村里23位独居老人中9位做饭困难，"
                              "居民建议在祠堂旁办助餐点，志愿者送餐上门。")
    # The meeting was held two weeks ago: its dates move back together (the services only take the future).
    held = timezone.localtime().replace(hour=9, minute=30, second=0, microsecond=0) - dt.timedelta(days=14)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=held, closed_at=held + dt.timedelta(hours=3))
    Registration.objects.filter(meeting=meeting).update(attended_at=held)
    ActionItem.objects.filter(pk=road.pk).update(due=held.date() + dt.timedelta(days=7),
                                                 done_at=held + dt.timedelta(days=6))
    Need.objects.filter(action__meeting=meeting).update(created_at=held + dt.timedelta(days=1))


def load_ankang_meeting() -> Meeting:
    worker = User.objects.get(username="community")
    ankang = Area.objects.get(code=ANKANG)
    topic = topics.topic_propose(actor=User.objects.get(username="resident.xs"), area=ankang, is_sample=True,
                                 title="二幼小区能不能改成封闭式管理",
                                 body="小区没有围墙和门岗，外来车辆乱停，晚上也不安全。想和邻居们商量改成封闭式管理。")
    meeting = _meeting(worker, ankang, title="二幼小区封闭式管理恳谈会（示例）",
                       purpose="二幼小区是开放型老小区。居民提出转为封闭式管理：要不要改、怎么改、费用怎么出，"
                               "请居民一起商量，一人一票表决，并组建筹备组。",
                       fmt=Meeting.Format.COUNCIL, voting=Meeting.Voting.ONE_VOTE, place="安康社区新时代文明实践站",
                       days=7, capacity=30, topics_=[topic])
    meetings.agenda_add(actor=worker, meeting=meeting, title="组建封闭管理筹备组")
    meeting = meetings.meeting_advance(actor=worker, meeting=meeting)
    for name in ("二幼小区3栋王师傅（示例）", "二幼小区5栋李阿姨（示例）"):
        meetings.meeting_register(actor=worker, meeting=meeting, assisted_name=name)
    return meeting


def load_survey_need() -> None:
    worker = User.objects.get(username="community")
    question = SurveyQuestion.objects.select_related("survey__area").get(survey__area__code=ANKANG,
                                                                         text="老人最需要哪些服务")
    survey = question.survey
    result = next(r for r in queries.survey_results(survey, survey.responses.all()) if r.question.pk == question.pk)
    needs.need_raise(actor=worker, source=needs.NeedSource(survey_question=question), area=survey.area,
                     domain=ServiceDomain.objects.get(code="elderly"), is_sample=True, title="老年助餐与上门探访",
                     evidence=queries.finding(survey, result))


def load_meetings() -> None:
    load_shedong_actions(load_shedong_meeting())
    load_ankang_meeting()
    load_survey_need()
