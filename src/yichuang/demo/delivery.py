"""Delivery in the demo: activity records that add up to what the articles report.

阿甘之家 (article 000) reports 51 activities and 1,020 person-times: here they are 51 records adding
up to exactly 1,020. Classes and workshops name who took part from the project's list (22 families'
children and parents, sample names); the charity sale and the performances count their public. The Shushan round's plan is placed so that these activities fall before today. Wujin's 2024
projects record their sessions from the funding (December 2024) to the end of their plan (June 2025);
two of them held fewer sessions than planned, so the officer's progress list flags them.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from yichuang.accounts.models import RoleGrant
from yichuang.accounts.roles import Role
from yichuang.delivery import services
from yichuang.delivery.queries import plan_document, project_period
from yichuang.delivery.services import ActivityData
from yichuang.projects.models import Project

AGAN_ACTIVITIES, AGAN_PERSON_TIMES = 51, 1020
AGAN_FAMILIES = 22
COUNTED_PLANS = {2, 7}  # the charity sale and the performances: their public is counted, not named
PLACES = ("社区活动室", "社区党群服务中心", "合作中心工作坊", "社区广场")
# Wujin projects (by position in number order) that fell behind: half their sessions held.
WUJIN_BEHIND = {3, 9}


def period() -> tuple[str, str]:
    """The Shushan round's plan: from eleven months ago to a month ahead."""
    today = timezone.localdate()
    return (today - datetime.timedelta(days=330)).isoformat(), (today + datetime.timedelta(days=35)).isoformat()


def indicators(project: dict) -> list[dict] | None:
    """Targets for projects whose article reports results (the others keep the sample defaults)."""
    if not project.get("activities_done"):
        return None
    return [{"kind": "activities", "name": "", "target": "56", "unit": "场"},
            {"kind": "person_times", "name": "", "target": "1100", "unit": "人次"},
            {"kind": "beneficiaries", "name": "", "target": "150", "unit": "人"},
            {"kind": "volunteer_hours", "name": "", "target": "250", "unit": "小时"}]


def _member(project: Project):
    return RoleGrant.objects.filter(role=Role.ORG_MEMBER, organization=project.organization).select_related(
        "user").order_by("pk").first().user


def _dates(start: datetime.date, end: datetime.date, count: int) -> list[datetime.date]:
    step = (end - start).days / max(count, 1)
    return [start + datetime.timedelta(days=int(i * step)) for i in range(count)]


def agan_split(count: int = AGAN_ACTIVITIES, total: int = AGAN_PERSON_TIMES) -> list[tuple[int, bool, int, int]]:
    """(planned activity, named?, participants, person-times) of each activity, adding up to ``total``."""
    plans = [i % 8 for i in range(count)]
    named = {i: 16 + (i * 5) % 9 for i, plan in enumerate(plans) if plan not in COUNTED_PLANS}  # 16–24 people
    counted = [i for i in range(count) if i not in named]
    left = total - sum(named.values())
    share, extra = divmod(left, len(counted))
    rows = []
    for i, plan in enumerate(plans):
        if i in named:
            rows.append((plan, True, named[i], named[i]))
        else:
            times = share + (1 if counted.index(i) < extra else 0)
            rows.append((plan, False, max(1, times * 4 // 5), times))  # the public: most come once
    return rows


def record_agan() -> Project:
    project = Project.objects.get(program__code="SS2025", organization__name__contains="阿甘之家")
    member = _member(project)
    people = [services.beneficiary_add(actor=member, project=project, name=f"{who}{i:02d}（示例）", group=group)
              for i in range(1, AGAN_FAMILIES + 1)
              for who, group in (("学员", "心智障碍儿童"), ("家长", "家长"))]
    plan = plan_document(project)["activities"]
    start = project_period(project).start
    days = _dates(start, timezone.localdate() - datetime.timedelta(days=2), AGAN_ACTIVITIES)
    for index, ((planned, named, participants, times), day) in enumerate(zip(agan_split(), days)):
        attendees = [people[(index * 2 + k) % len(people)] for k in range(participants)] if named else []
        services.activity_record(actor=member, project=project, data=ActivityData(
            held_on=day, place=PLACES[index % len(PLACES)], content=f"{plan[planned]['name']}（示例记录）",
            planned=planned, beneficiary_group="心智障碍儿童及其家庭", attendees=attendees,
            participants=participants, person_times=times, new_participants=0 if named else participants // 2,
            volunteers=2 + index % 3,
            volunteer_minutes=(2 + index % 3) * 90))
    return project


def record_wujin() -> None:
    projects = Project.objects.filter(program__code="WJ2024").select_related("organization").order_by("number")
    for position, project in enumerate(projects):
        member = _member(project)
        document = plan_document(project)
        plan, group = document["activities"], document.get("beneficiary_group", "")[:200]
        first = max(project_period(project).start, datetime.date(2024, 12, 16))
        for planned, row in enumerate(plan):
            sessions = int(row["sessions"]) // (2 if position in WUJIN_BEHIND else 1)
            for session, day in enumerate(_dates(first, datetime.date(2025, 6, 20), sessions)):
                people = 24 + (position * 7 + planned * 3 + session) % 14
                services.activity_record(actor=member, project=project, data=ActivityData(
                    held_on=day, place=PLACES[(position + session) % len(PLACES)],
                    content=f"{row['name']}（第{session + 1}次，示例记录）", planned=planned,
                    beneficiary_group=group,
                    participants=people, person_times=people + session % 3 * 5,
                    new_participants=people if planned == session == 0 else 3,
                    volunteers=3, volunteer_minutes=3 * 120))


RECTIFY = 3  # WJ2024-004, behind plan: "rectify", its mid-term tranche held
SCORES = {"progress": 21, "quality": 21, "finance": 17, "management": 12, "impact": 12}  # 83 of 100
LOW = {"progress": 10, "quality": 15, "finance": 14, "management": 9, "impact": 8}  # 56: rectify


def evaluate_wujin_midterm(officer) -> None:
    """The mid-term evaluation of Wujin's 2024 projects, dated the day the demo is built (like the payments
    it releases, see docs/demo-data.md): the demo supervisor and expert
    fill the form for each project; thirteen pass (their mid-term tranche is proposed and, for all but
    two, approved by the second officer) and WJ2024-004, behind plan, must rectify (tranche held)."""
    from yichuang.accounts.models import User
    from yichuang.delivery import evaluations
    from yichuang.projects import tranches
    from yichuang.projects.models import TrancheStatus

    program = Project.objects.filter(program__code="WJ2024").first().program
    evaluators = [User.objects.get(username="supervisor"), User.objects.get(username="expert")]
    round_ = evaluations.evaluation_round_open(actor=officer, program=program, kind="midterm",
                                               due_on=timezone.localdate(), evaluators=evaluators)
    for position, evaluation in enumerate(round_.evaluations.select_related("project").order_by("project__number")):
        low = position == RECTIFY
        for evaluator in evaluators:
            evaluations.evaluation_sheet_save(
                actor=evaluator, evaluation=evaluation, scores=LOW if low else SCORES,
                findings=("活动场次和服务人次均只完成计划的一半，签到表不全。（示例）" if low
                          else "活动按计划开展，服务记录和签到表完整，资金使用规范。（示例）"),
                documents="活动记录、签到表、支出凭证、服务对象访谈（示例）",
                recommendation="rectify" if low else "pass")
        evaluations.evaluation_decide(
            actor=officer, evaluation=evaluation, result="rectify" if low else "pass",
            conclusion="中期评估：需整改。（示例）" if low else "中期评估合格。（示例）",
            actions="补齐签到表；整改期限内补足计划场次并提交整改报告。（示例）" if low else "",
            rectify_by=timezone.localdate() + datetime.timedelta(days=30) if low else None)
    second = User.objects.get(username="officer.review")
    proposed = list(program.projects.filter(tranches__status=TrancheStatus.PROPOSED).order_by("number"))
    for project in proposed[:-2]:
        tranches.tranche_approve(actor=second, tranche=project.tranches.get(status=TrancheStatus.PROPOSED))


def supervise_wujin() -> None:
    """The demo supervisor's visits: to WJ2024-004, behind plan (one follow-up accepted, one still open),
    and to 益能's project, whose follow-up the `org` log-in has to deal with."""
    from yichuang.accounts.models import User
    from yichuang.delivery import supervision
    from yichuang.delivery.supervision import IssueData

    supervisor = User.objects.get(username="supervisor")
    behind = Project.objects.get(number="WJ2024-004")
    visit = supervision.visit_record(
        actor=supervisor, project=behind, visited_on=datetime.date(2025, 3, 12),
        observations="走访社区调解室，查阅活动台账，与两名服务对象交谈。活动开展不足计划一半。（示例）",
        issues=[IssueData("签到表缺失三场", "medium", "补齐签到表或说明原因", datetime.date(2025, 3, 31)),
                IssueData("活动频次不足", "high", "制定补足计划场次的安排", datetime.date(2025, 4, 30))])
    first, _second = visit.issues.order_by("pk")
    member = _member(behind)
    supervision.follow_up_done(actor=member, issue=first, response="已补齐两场签到表，第三场因下雨改期，附说明。（示例）")
    supervision.follow_up_review(actor=supervisor, issue=first, accept=True)
    yineng = Project.objects.get(program__code="WJ2024", organization__name="武进区益能社会工作服务中心")
    supervision.visit_record(
        actor=supervisor, project=yineng, visited_on=datetime.date(2025, 4, 8),
        observations="助餐点运行有序，志愿者排班清楚。（示例）",
        issues=[IssueData("部分老人未签字领餐", "low", "领餐时请老人或家属签字", None)])
