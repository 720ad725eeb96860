"""The Wujin 2024–2025 competition (funded and delivering), its second round (in expert review) and a
sample open call, built through the services.

The article gives the program, its five domains and fourteen shortlisted projects; amounts,
budgets, team members and counts it does not give are sample values (docs/demo-data.md).
"""

from __future__ import annotations

import datetime
import math

from django.utils import timezone

from yichuang.applications import notices
from yichuang.applications.engine import application_transition
from yichuang.applications.services import application_autosave, application_start
from yichuang.demo import seed_data, timeline
from yichuang.places.models import Area, Organization, OrganizationType, ServiceDomain
from yichuang.places.services import credit_flag_add, organization_create
from yichuang.programs.models import Program
from yichuang.programs.services import program_create, program_start

TZ = datetime.timezone(datetime.timedelta(hours=8))


def _at(day: str, hour: int = 9) -> datetime.datetime:
    return datetime.datetime.fromisoformat(day).replace(hour=hour, tzinfo=TZ)


def _program(admin, *, name, code, year, opens, closes, description, is_sample=False) -> Program:
    wujin = Area.objects.get(code="320412")
    organizer = Organization.objects.get(name="武进区民政局")
    domains = [ServiceDomain.objects.get(code=c) for c in seed_data.WUJIN_PROGRAM["domains"]]
    program = program_create(
        actor=admin,
        data={
            "name": name, "code": code, "organizer": organizer, "area": wujin, "year": year, "description": description,
            "total_budget": _money(450_000), "min_grant": _money(10_000), "max_grant": _money(30_000),
            "max_grant_ratio_bp": 6000, "max_grant_cap": None, "allow_unregistered": False, "allowed_org_types": [],
            "one_application_per_org": True, "applications_open_at": opens, "applications_close_at": closes,
            "attachment_max_mb": 10, "is_sample": is_sample,
        },
        domains=domains,
        tranches=[
            {"percent_bp": 5000, "amount": None, "trigger": "signing", "due_on": None},
            {"percent_bp": 3000, "amount": None, "trigger": "midterm_pass", "due_on": None},
            {"percent_bp": 2000, "amount": None, "trigger": "final_pass", "due_on": None},
        ],
    )
    return program_start(actor=admin, program=program)


def _money(yuan: int):
    from yichuang.kernel.money import Money

    return Money(yuan * 100)


def _document(project: dict, index: int, *, year: int = 2024) -> dict:
    grant = 20_000 + (index % 3) * 5_000
    own = math.ceil(grant * 2 / 3 / 2)
    matched = math.ceil(grant * 2 / 3) - own
    start = project.get("launch_date") or "2024-09-20"
    if year != 2024:  # a later round: the same season of its own year
        start = f"{year}{start[4:]}"
    count = project.get("beneficiary_count") or 40 + 5 * (index % 4)
    activities = [
        {"name": name[:100], "start": start, "end": f"{year + 1}-06-30", "sessions": 4, "participants": 30, "description": ""}
        for name in project["activities"]
    ]
    return {
        "title": project["title"],
        "summary": project["summary"],
        "domain": project["domain"],
        "beneficiary_group": project["beneficiaries"],
        "beneficiary_count": str(count),
        "need_evidence": project["summary"] + "\n（示例：需求调研部分为根据报道整理的示例文字。）",
        "goals": f"围绕“{project['title']}”，面向{project['beneficiaries']}开展{'、'.join(project['activities'])}等服务。",
        "activities": activities,
        "indicators": [
            {"kind": "activities", "name": "", "target": str(4 * len(activities)), "unit": "场"},
            {"kind": "person_times", "name": "", "target": str(120 * len(activities)), "unit": "人次"},
            {"kind": "beneficiaries", "name": "", "target": str(count), "unit": "人"},
        ],
        "team": [
            {"name": "项目负责人（示例）", "role": "负责人", "qualification": "社会工作师（示例）"},
            {"name": "项目社工（示例）", "role": "社工", "qualification": "助理社会工作师（示例）"},
        ],
        "budget": [
            {"category": "activities", "item": "活动物料与场地", "grant": str(grant - 5_000), "own": str(own), "matched": "0"},
            {"category": "publicity", "item": "宣传与资料印制", "grant": "3000", "own": "0", "matched": str(matched)},
            {"category": "personnel", "item": "专业社工服务", "grant": "2000", "own": "0", "matched": "0"},
        ],
    }


def _submit(admin, program: Program, organization: Organization, document: dict, community: Area, *, is_sample=False):
    application = application_start(actor=admin, program=program, organization=organization, is_sample=is_sample)
    application, _problems = application_autosave(
        actor=admin, application=application, raw=document, revision=application.draft_revision, community=community
    )
    return application_transition(actor=admin, application=application, code="submit")


def load_wujin(admin, officer) -> Program:
    """The article's program: applications in the summer of 2024, a shortlist notice in November,
    review complete, 14 projects funded and delivering since (wujin_delivery.py)."""
    program = _wujin_program(
        admin, officer, code="WJ2024", year=2024, name=seed_data.WUJIN_PROGRAM["name"], opens="2024-07-01",
        closes="2024-08-15", title=lambda project: project["title"],
        description="武进区民政局2024—2025年公益创投：经社会组织申报、专家评审、集中路演等流程，14个项目入围，"
                    "涵盖养老服务、助残助孤、扶贫济困、社区建设、其他公益5个领域。（金额等为示例数据）",
        notice_title="2024—2025年“吾社益心——武有爱，益万家”公益创投入围项目公示",
        notice_ran=(_at("2024-11-18"), _at("2024-11-25", 17)), roadshow=False)
    from yichuang.demo.wujin_delivery import fund_and_deliver

    fund_and_deliver(admin, officer, program)
    return program


def load_wujin_second(admin, officer) -> Program:
    """The next Wujin round (sample data): the same organizations' second-phase projects, applications
    closed, shortlist notice open, expert review under way (the demo expert has two to score)."""
    now = timezone.now()
    program = _wujin_program(
        admin, officer, code="WJ2026", year=2026, name="2026年武进区“吾社益心”公益创投（示例）", opens="2026-07-01",
        closes="2026-10-15", title=lambda project: f"{project['title']}（第二期）",
        description="示例数据：武进区“吾社益心”公益创投第二轮，2024—2025年的项目机构申报第二期项目，正在专家评审。",
        notice_title="2026年武进区“吾社益心”公益创投入围项目公示（示例）",
        notice_ran=(now - datetime.timedelta(days=1), None), roadshow=True, is_sample=True, screened_out=True)
    return program


def _wujin_program(admin, officer, *, code, year, name, opens, closes, title, description, notice_title, notice_ran,
                   roadshow, is_sample=False, screened_out=False) -> Program:
    now = timezone.now()
    program = _program(admin, name=name, code=code, year=year, opens=_at(opens), closes=now + datetime.timedelta(days=1),
                       description=description, is_sample=is_sample)
    organizations = {o["key"]: Organization.objects.get(name=o["name"]) for o in seed_data.ORGANIZATIONS}
    shortlisted = []
    for index, project in enumerate(seed_data.WUJIN_PROJECTS):
        community = Area.objects.get(code=project["community"])
        document = _document({**project, "title": title(project)}, index, year=year)
        application = _submit(admin, program, organizations[project["organization"]], document, community)
        application_transition(actor=officer, application=application, code="start_screening")
        shortlisted.append(application_transition(actor=officer, application=application, code="pass_screening"))
    if screened_out:
        _load_screened_out(admin, officer, program, organizations)
    timeline.call_closed(admin, program, _at(closes, 17))
    opens_at, closes_at = timeline.notice_period(program)
    notice = notices.notice_publish(actor=officer, notice=notices.notice_create(
        actor=officer, program=program, kind="shortlist", title=notice_title,
        body="经社会组织申报和资格审查，以下14个项目入围专家评审。公示期内，任何单位和个人如有异议，可在本页提出。",
        opens_at=opens_at, closes_at=closes_at, applications=shortlisted,
    ))
    ran_from, ran_to = notice_ran
    timeline.notice_ran(notice, ran_from, ran_to or closes_at)
    from yichuang.demo.reviews import load_wujin_review

    load_wujin_review(admin, officer, program, shortlisted, with_roadshow=roadshow)
    return program


def _sample_org(admin, name: str, area_code: str) -> Organization:
    from yichuang.demo.loader import demo_uscc

    area = Area.objects.get(code=area_code)
    organization = organization_create(actor=admin, data={
        "name": name, "org_type": OrganizationType.PRIVATE_NON_ENTERPRISE, "area": area, "is_sample": True,
        "uscc": demo_uscc(OrganizationType.PRIVATE_NON_ENTERPRISE, area.code, name),
        "charter_scope": "示例数据：用于演示资格审查。",
    })
    return organization


def _load_screened_out(admin, officer, program: Program, organizations) -> None:
    """Three sample applications: a credit flag, a request for more information, and a recycled text."""
    first = seed_data.WUJIN_PROJECTS[0]
    flagged = _sample_org(admin, "武进区晨曦公益服务社（示例）", "320412100")
    credit_flag_add(actor=admin, organization=flagged, kind="abnormal_operation", listed_on=datetime.date(2024, 3, 1),
                    authority="武进区民政局（示例）", note="示例数据：未按时提交年度工作报告。")
    document = _document({**first, "title": "邻里守望助老服务（示例）", "summary": "示例数据：为湖塘镇独居老人提供定期探访和电话问候服务，建立邻里守望关系。"}, 1, year=program.year)
    application = _submit(admin, program, flagged, document, Area.objects.get(code="320412100"), is_sample=True)
    application_transition(actor=officer, application=application, code="start_screening")
    application_transition(actor=officer, application=application, code="reject_screening",
                           reason="该组织2024年3月被列入活动异常名录，不符合申报条件。")

    greedy = _sample_org(admin, "武进区青禾社区服务中心（示例）", "320412411")
    document = _document({**first, "title": "青少年社区书房（示例）", "domain": "community", "summary": "示例数据：在新城域社区开设青少年课后书房，提供阅读陪伴和志愿辅导。"}, 2, year=program.year)
    application = _submit(admin, program, greedy, document, Area.objects.get(code="320412411901"), is_sample=True)
    application_transition(actor=officer, application=application, code="start_screening")
    application_transition(actor=officer, application=application, code="request_info",
                           reason="请补充项目团队成员的资质证明，并说明书房场地由谁提供。")

    copier = _sample_org(admin, "武进区启明社会工作服务中心（示例）", "320412100")
    recycled = _document({**first, "title": f"{first['title']}（第二期）"}, 0, year=program.year)
    recycled["title"] = "社区长者幸福餐桌（示例）"
    application = _submit(admin, program, copier, recycled, Area.objects.get(code="320412100902"), is_sample=True)
    application_transition(actor=officer, application=application, code="start_screening")


def load_open_call(admin) -> Program:
    """A sample call that is open now, so the demo's organization member can apply."""
    now = timezone.now()
    return _program(
        admin, name=f"{now.year + 1}年武进区社区微公益创投（示例）", code=f"WJW{now.year + 1}", year=now.year + 1,
        opens=now - datetime.timedelta(days=7), closes=now + datetime.timedelta(days=30),
        description="示例数据：面向武进区社会组织的年度微公益创投，正在征集项目。", is_sample=True,
    )
