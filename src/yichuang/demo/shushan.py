"""Shushan's micro-venture round (article 000) as funded projects under way, so the demo shows
agreements, tranches, the ledger and spending: five micro-projects decided, publicly noticed and
approved; agreements confirmed by both sides for four; the first tranche paid for three (proposed by
`officer.shushan`, approved by the operator as the second officer); a few expenditures with sample
vouchers. Amounts and dates are invented (the article gives none)."""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from yichuang.accounts.models import User
from yichuang.applications import notices
from yichuang.applications.engine import application_transition
from yichuang.demo import delivery, seed_data, timeline
from yichuang.demo.micro import micro_document, sample_member, screened, seed_organization
from yichuang.kernel.money import Money
from yichuang.places.models import Area, ServiceDomain
from yichuang.programs.services import program_create, program_start
from yichuang.projects import services as projects
from yichuang.projects import spending, tranches
from yichuang.projects.models import Project

GRANTS = {"ss-agan": 20_000, "ss-baoma": 12_000, "ss-sf-team": 8_000, "ss-qilitang-sample": 10_000,
          "ss-meihong": 15_000}
PLAN = [{"percent_bp": 6000, "amount": None, "trigger": "signing", "due_on": None},
        {"percent_bp": 4000, "amount": None, "trigger": "final_pass", "due_on": None}]
VOUCHER = b"%PDF-1.4\n% sample voucher (demo data)\n%%EOF\n"


def load_shushan_projects(admin) -> None:
    officer = User.objects.get(username="officer.shushan")
    program = _program(admin)
    applications = []
    for project in seed_data.SHUSHAN["micro_projects"]:
        organization = seed_organization(project["organization"])
        document = micro_document(project["title"], project["summary"], project["domain"],
                                  GRANTS[project["organization"]], _planned(project),
                                  project["beneficiaries"], project.get("beneficiary_count") or 30,
                                  period=delivery.period(), indicators=delivery.indicators(project))
        application = screened(admin, program, organization, Area.objects.get(code=project["community"]), document)
        application = application_transition(actor=officer, application=application, code="start_review")
        applications.append(application_transition(actor=officer, application=application, code="decide"))
    now = timezone.now()
    timeline.call_closed(admin, program, now - datetime.timedelta(days=60))
    opens_at, closes_at = timeline.notice_period(program)
    notice = notices.notice_create(
        actor=officer, program=program, kind="final", title="蜀山区微公益创投拟资助项目公示（示例）",
        body="示例数据：公示期内未收到异议。", opens_at=opens_at, closes_at=closes_at, applications=applications)
    notices.notice_publish(actor=officer, notice=notice)
    timeline.notice_ran(notice, now - datetime.timedelta(days=40), now - datetime.timedelta(days=33))
    for application in applications:
        application_transition(actor=officer, application=application, code="approve")
    _deliver(admin, officer, program)


def _planned(project: dict) -> list[str]:
    """The activities a project plans: all the article names where it reports what was done."""
    return project["activities"] if project.get("activities_done") else project["activities"][:3]


def _program(admin):
    now = timezone.now()
    district = Area.objects.get(code=seed_data.SHUSHAN["district"])
    organizer = seed_organization(seed_data.SHUSHAN["organizer"])
    domains = [ServiceDomain.objects.get(code=code) for code in ("elderly", "disability", "community")]
    program = program_create(actor=admin, domains=domains, tranches=PLAN, data={
        "name": "蜀山区社区微公益创投（示例金额）", "code": "SS2025", "organizer": organizer, "area": district,
        "year": now.year, "description": "示例数据：根据报道中的蜀山区微公益创投整理，项目来自报道，金额与日期为示例。",
        "total_budget": Money.from_yuan(80_000), "min_grant": Money.from_yuan(5_000), "max_grant": Money.from_yuan(20_000),
        "max_grant_ratio_bp": None, "max_grant_cap": None, "allow_unregistered": True, "allowed_org_types": [],
        "one_application_per_org": True, "applications_open_at": now - datetime.timedelta(days=90),
        "applications_close_at": now + datetime.timedelta(days=1), "attachment_max_mb": 10, "is_sample": True})
    return program_start(actor=admin, program=program)


def _deliver(admin, officer, program) -> None:
    """Four agreements signed, three first tranches paid, and a few expenditures."""
    made = list(Project.objects.filter(program=program).select_related("organization", "agreement").order_by("number"))
    for index, project in enumerate(made[:4]):
        member = sample_member(admin, project.organization, f"ss.member{index + 1}")
        projects.agreement_confirm(actor=officer, agreement=project.agreement)
        projects.agreement_confirm(actor=member, agreement=project.agreement)
        if index < 3:
            first = project.tranches.get(position=0)
            tranches.tranche_propose(actor=officer, tranche=first)
            tranches.tranche_approve(actor=admin, tranche=first)
            line = project.budget_lines.first()
            spending.expenditure_record(
                actor=member, line=line, amount=Money(line.budget.fen // 3 // 10_000 * 10_000),  # whole ¥100s
                spent_on=timezone.localdate(),
                description="活动物料采购（示例）", voucher=SimpleUploadedFile("发票（示例）.pdf", VOUCHER))
