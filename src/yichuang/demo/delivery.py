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
