"""Xiangshan's community micro-venture (社区微公益创投) as sample data: six micro-projects drawn from
articles 002 and 003, shortlisted for a resident vote that is open now, with sample residents'
ballots (invented, reproducibly). The demo resident of 安康社区 has not voted yet."""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from yichuang.accounts.roles import Role
from yichuang.accounts.services import role_grant_add, user_create
from yichuang.demo import timeline
from yichuang.demo.micro import micro_document, screened, seed_organization
from yichuang.kernel.money import Money
from yichuang.places.models import Area, OrganizationType, ServiceDomain
from yichuang.places.services import organization_create
from yichuang.programs.services import program_create, program_start
from yichuang.voting import services

SEED = 20241218
XIANGSHAN = "340603"
# (title, organization key, community, domain, request in yuan, what it does) — from 002/003; amounts invented.
MICRO_PROJECTS = [
    ("楼栋善治工程", "xs-yeweihui", "340603010901", "community", 8_000,
     "联动社区多方力量，以楼栋为单位协同治理垃圾乱扔乱放和电动车飞线充电问题。"),
    ("“银龄关爱小家”邻里互助", "xs-yinling", "340603008901", "elderly", 6_000,
     "10名“银发”志愿者为小区老人开展文化交流、精神慰藉和邻里协调服务。"),
    ("乡伴童行·微心愿", "xs-qiaotou", "340603100901", "children", 9_000,
     "网格志愿者每月走访留守和困难儿童，建立信息档案，征集并实现微心愿。"),
    ("“阳光少年”亲子成长小组", "xs-weishao", "340603003901", "children", 5_000,
     "面向6—12岁儿童及家长开展亲子成长小组课程。"),
    ("“老有所乐 动手有益”兴趣课堂", "xs-weilao", "340603003901", "elderly", 4_000,
     "为60岁以上老人开设手工、书画等兴趣课程。"),
    ("端午包粽子·邻里敬老", "xs-wenyu", "340603003901", "community", 3_000,
     "组织家庭主妇包粽子，送给小区空巢老人和环卫工人。"),
]
RESIDENTS_PER_COMMUNITY = 6


def load_xiangshan_vote(admin) -> None:
    district = Area.objects.get(code=XIANGSHAN)
    organizer = organization_create(actor=admin, data={
        "name": "相山区民政局（示例）", "org_type": OrganizationType.GOVERNMENT, "area": district, "is_sample": True,
        "charter_scope": "示例数据：组织相山区社区微公益创投。"})
    program = _program(admin, district, organizer)
    applications = [_shortlisted(admin, program, *project) for project in MICRO_PROJECTS]
    now = timezone.now()
    timeline.call_closed(admin, program, now - datetime.timedelta(days=30))
    vote = services.vote_create(
        actor=admin, program=program, title="相山区社区微项目居民投票（示例）", ballot_type="approval",
        applications=applications, opens_at=now - datetime.timedelta(days=2), closes_at=now + datetime.timedelta(days=5),
        budget=Money.from_yuan(20_000), max_choices=3, rule="equalshares/add1", is_sample=True)
    vote = services.vote_open(actor=admin, vote=vote)
    _ballots(admin, vote, applications)


def _program(admin, district, organizer):
    now = timezone.now()
    domains = [ServiceDomain.objects.get(code=code) for code in ("elderly", "children", "community")]
    plan = [{"percent_bp": 7000, "amount": None, "trigger": "signing", "due_on": None},
            {"percent_bp": 3000, "amount": None, "trigger": "final_pass", "due_on": None}]
    program = program_create(actor=admin, domains=domains, tranches=plan, data={
        "name": "2024年相山区社区微公益创投（示例）", "code": "XS2024", "organizer": organizer, "area": district,
        "year": 2024, "description": "示例数据：根据报道中的相山区“三社联动”和社区微创投整理。由居民投票决定资助哪些微项目。",
        "decided_by": "vote",
        "total_budget": Money.from_yuan(20_000), "min_grant": Money.from_yuan(2_000), "max_grant": Money.from_yuan(10_000),
        "max_grant_ratio_bp": None, "max_grant_cap": None, "allow_unregistered": True, "allowed_org_types": [],
        "one_application_per_org": True, "applications_open_at": now - datetime.timedelta(days=30),
        "applications_close_at": now + datetime.timedelta(days=1), "attachment_max_mb": 10, "is_sample": True})
    return program_start(actor=admin, program=program)


def _shortlisted(admin, program, title, org_key, community_code, domain, yuan, summary):
    return screened(admin, program, seed_organization(org_key), Area.objects.get(code=community_code),
                    micro_document(title, summary, domain, yuan))


def _ballots(admin, vote, applications) -> None:
    """Residents favour projects of their own community, a little at random."""
    rng = random.Random(SEED)
    options = {o.application_id: str(o.pk) for o in vote.options.all()}
    number = 0
    for code in ("340603003901", "340603008901", "340603010901", "340603100901"):
        community = Area.objects.get(code=code)
        for _ in range(RESIDENTS_PER_COMMUNITY):
            number += 1
            resident = user_create(actor=admin, username=f"xs.resident{number:02d}", password=None,
                                   display_name=f"相山区居民{number:02d}（示例）", phone=f"+86139000100{number:02d}",
                                   is_sample=True)
            role_grant_add(actor=admin, user=resident, role=Role.RESIDENT, area=community)
            local = [a for a in applications if a.community_id == community.pk]
            others = [a for a in applications if a.community_id != community.pk]
            picks = local[: rng.randint(1, 2)] + rng.sample(others, rng.randint(0, 2))
            services.ballot_cast(actor=resident, vote=vote, choices=[(options[a.pk], None) for a in picks[:3]])
