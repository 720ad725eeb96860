"""The Wujin 2024–2025 program after its review (sample data: the article stops at the shortlist).

The demo expert's last two score sheets, the allocation within the budget, a final notice that ran
in December 2024 without objections, approval into projects, agreements confirmed by both sides, and
the first tranche (half the grant, on signing) paid for every project by two officers. The mid-term
tranche waits for the mid-term evaluation. Payments carry the date the demo was loaded: the ledger is
append-only and sample data does not backdate it (docs/demo-data.md).
"""

from __future__ import annotations

import datetime

from yichuang.accounts.models import RoleGrant, User
from yichuang.accounts.roles import Role
from yichuang.applications import notices
from yichuang.applications.engine import application_transition
from yichuang.applications.models import Application
from yichuang.demo import timeline
from yichuang.demo.micro import sample_member
from yichuang.demo.reviews import finish_reviews
from yichuang.funding import services as funding
from yichuang.kernel.money import Money
from yichuang.projects import amendments, tranches
from yichuang.projects import services as projects
from yichuang.projects.models import Project

TZ = datetime.timezone(datetime.timedelta(hours=8))


def fund_and_deliver(admin, officer, program) -> None:
    finish_reviews(program)
    decision = funding.decision_compute(actor=officer, program=program, budget=program.total_budget.fen)
    funding.decision_apply(actor=officer, decision=decision)
    funded = list(Application.objects.filter(pk__in=[pk for pk, _amount in decision.result["funded"]]).order_by("number"))
    opens_at, closes_at = timeline.notice_period(program)
    notice = notices.notice_create(
        actor=officer, program=program, kind="final", title="2024—2025年“吾社益心”公益创投拟资助项目公示（示例）",
        body="经专家评审和集中路演，拟资助以下项目。公示期内未收到异议。（示例数据）",
        opens_at=opens_at, closes_at=closes_at, applications=funded)
    notices.notice_publish(actor=officer, notice=notice)
    timeline.notice_ran(notice, datetime.datetime(2024, 12, 2, 9, tzinfo=TZ), datetime.datetime(2024, 12, 9, 17, tzinfo=TZ))
    for application in funded:
        application_transition(actor=officer, application=application, code="approve")
    _sign_and_pay(admin, officer, program)


def _member(admin, organization, index: int):
    grant = RoleGrant.objects.filter(role=Role.ORG_MEMBER, organization=organization).select_related("user").first()
    return grant.user if grant else sample_member(admin, organization, f"wj.member{index}")


def _sign_and_pay(admin, officer, program) -> None:
    second = User.objects.get(username="officer.review")  # four eyes: one proposes, another approves
    made = Project.objects.filter(program=program).select_related("organization", "agreement").order_by("number")
    for index, project in enumerate(made, start=1):
        projects.agreement_confirm(actor=officer, agreement=project.agreement)
        projects.agreement_confirm(actor=_member(admin, project.organization, index), agreement=project.agreement)
        first = project.tranches.get(position=0)
        tranches.tranche_propose(actor=officer, tranche=first)
        tranches.tranche_approve(actor=second, tranche=first)
    _propose_amendment(officer, made.get(organization__name="武进区益能社会工作服务中心"))


def _propose_amendment(officer, project) -> None:
    """The officer moves money from the mid-term to the final tranche of one project; the organization
    (the demo's "org" log-in) has it to confirm."""
    midterm, final = project.tranches.filter(position__in=(1, 2)).order_by("position")
    shift = Money(midterm.amount.fen // 6 // 100 * 100)  # whole yuan
    amendments.amendment_propose(
        actor=officer, project=project, plan={1: (midterm.amount - shift, midterm.due_on), 2: (final.amount + shift, final.due_on)},
        reason="中期评估安排在项目后期，部分资金移至末期拨付。（示例数据）")
