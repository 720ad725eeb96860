"""社东社区's community charity fund (article 004): local firms and people gave more than ¥1.15M when
the community charity work station was set up; a few gifts followed this year. The host charity, the
committee and every donor are samples (the article names none of them)."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from yichuang.accounts.models import User
from yichuang.charity import services
from yichuang.charity.services import DonationText, FundText, Member
from yichuang.demo import seed_data
from yichuang.demo.loader import demo_uscc
from yichuang.kernel.money import Money
from yichuang.places.models import Area, OrganizationType
from yichuang.places.services import organization_create

FIRMS = [("溧水区石湫挂面厂（示例）", 300_000), ("社东村在外乡贤联谊会（示例）", 50_000), ("社东村农业合作社（示例）", 200_000), ("石湫建材有限公司（示例）", 150_000),
         ("溧水区某物流公司（示例）", 100_000), ("社东村乡贤企业家（示例）", 80_000), ("石湫镇某超市（示例）", 50_000),
         ("某装饰工程公司（示例）", 40_000), ("某农产品电商（示例）", 30_000), ("某餐饮店（示例）", 20_000),
         ("某五金店（示例）", 10_000)]
COMMITTEE = ["社东社区党总支书记（示例）", "社东社区居委会主任（示例）", "村民代表（示例）", "爱心企业代表（示例）",
             "社工站社工（示例）"]
WUMEI = seed_data.SHEDONG["project"]
# Committed this year (amounts, dates and recipients are samples: the article reports the fund, not its grants).
WISHES = [("独居老人的助听器", "elderly", "村里独居的老人听力下降，和邻居、村医说话都很吃力，想要一副合适的助听器。", 1_800, "社东村李奶奶"),
          ("留守儿童的书桌台灯", "child", "孩子晚上在昏暗的灯下写作业，想要一盏护眼台灯。", 150, "社东村小周")]


def load_charity() -> None:
    admin = User.objects.get(username="admin")
    community = Area.objects.get(code=seed_data.SHEDONG["community"])
    district = community.parent.parent
    host = organization_create(actor=admin, data={
        "name": "溧水区慈善协会（示例）", "org_type": OrganizationType.SOCIAL_GROUP, "area": district,
        "uscc": demo_uscc(OrganizationType.SOCIAL_GROUP, district.code, "ls-charity"), "is_sample": True,
        "charter_scope": "", "registering_authority": "", "domains": []})
    station = organization_create(actor=admin, data={
        "name": "石湫街道社工站（示例）", "org_type": OrganizationType.SOCIAL_WORK_STATION, "area": community.parent,
        "uscc": demo_uscc(OrganizationType.SOCIAL_WORK_STATION, district.code, "sq-station"), "is_sample": True,
        "charter_scope": "", "registering_authority": "", "domains": []})
    team = organization_create(actor=admin, data={
        "name": "社东社区“五美益集”项目团队（示例）", "org_type": OrganizationType.COMMUNITY_GROUP, "area": community,
        "uscc": None, "is_sample": True, "charter_scope": "", "registering_authority": "", "domains": []})
    worker = User.objects.get(username="community.shedong")
    fund = services.fund_create(actor=admin, is_sample=True, text=FundText(
        host=host, community=community, purposes=seed_data.SHEDONG["charity_station"]["use"],
        supervisor="石湫街道社会事务办公室（示例）", receipt_prefix="SDCF",
        committee=[Member(name, "chair" if i == 0 else "member", user=worker if i == 4 else None,
                          organization=team if i == 4 else None) for i, name in enumerate(COMMITTEE)]))
    _donations(admin, fund)
    _pledges(fund)
    _grants(admin, fund, _wumei_project(admin, station, team, community))


def _donations(admin, fund) -> None:
    founded = dt.date(2022, 8, 12)  # the day the work station was set up and the gifts were made
    for i, (name, yuan) in enumerate(FIRMS):
        services.donation_record(actor=admin, fund=fund, is_sample=True, text=DonationText(
            donor_name=name, method="bank", amount=Money.from_yuan(yuan), received_on=founded, publish_name=True,
            bank_reference=f"DEMO-SD-2022-{i + 1:03d}"))
    rng = random.Random(2022)
    people = 0
    for i in range(60):
        yuan = rng.choice([500, 1000, 1000, 2000, 2000, 3000, 5000])
        people += yuan
        cash = i % 3 == 0
        services.donation_record(actor=admin, fund=fund, is_sample=True, text=DonationText(
            donor_name=f"社东村民{i + 1}（示例）", amount=Money.from_yuan(yuan), received_on=founded,
            method="cash" if cash else "bank", witnesses=("社东社区会计（示例）", "村民代表（示例）") if cash else (),
            bank_reference="" if cash else f"DEMO-SD-2022-P{i + 1:03d}", publish_name=i % 2 == 0,
            restriction="独居老人助餐" if i % 10 == 0 else ""))
    today = timezone.localdate()
    for i, (name, yuan, days) in enumerate([("社东村乡贤（示例）", 20_000, 40), ("某爱心人士（示例）", 3_000, 12)]):
        services.donation_record(actor=admin, fund=fund, is_sample=True, text=DonationText(
            donor_name=name, method="bank", amount=Money.from_yuan(yuan), received_on=today - dt.timedelta(days=days),
            publish_name=i == 0, bank_reference=f"DEMO-SD-{today.year}-{i + 1:03d}",
            restriction="独居老人助餐" if i == 0 else ""))
    mistaken = services.donation_record(actor=admin, fund=fund, is_sample=True, text=DonationText(
        donor_name="某商户（示例）", method="bank", amount=Money.from_yuan(800), received_on=today - dt.timedelta(days=9),
        bank_reference=f"DEMO-SD-{today.year}-900"))
    services.donation_refund(actor=admin, donation=mistaken, reason="商户误转（本应转给社区商会），原路退回（示例）")
    services.donation_record(actor=admin, fund=fund, is_sample=True, text=DonationText(
        donor_name="社东村民（示例）", method="goods", amount=Money.from_yuan(2_400), received_on=today - dt.timedelta(days=5),
        goods="大米 40 袋，按超市零售价每袋 60 元估值", publish_name=True))


def _wumei_project(admin, organizer, organization, community):
    """五美益集 (article 004) as a funded project of a small sample Lishui programme, for the fund to co-fund."""
    from yichuang.applications import notices
    from yichuang.applications.engine import application_transition
    from yichuang.demo import timeline
    from yichuang.demo.micro import micro_document, screened
    from yichuang.places.models import ServiceDomain
    from yichuang.programs.services import program_create, program_start
    from yichuang.projects.models import Project

    officer = User.objects.get(username="officer.lishui")
    now = timezone.now()
    program = program_start(actor=admin, program=program_create(
        actor=admin, domains=[ServiceDomain.objects.get(code="community")],
        tranches=[{"percent_bp": 10_000, "amount": None, "trigger": "signing", "due_on": None}], data={
            "name": "溧水区“五社联动”公益项目（示例）", "code": "LS2026", "organizer": organizer,
            "area": community.parent.parent, "year": now.year, "is_sample": True,
            "description": "示例数据：为展示社区慈善基金配套资助而设，项目来自报道，金额与日期为示例。",
            "total_budget": Money.from_yuan(100_000), "min_grant": Money.from_yuan(10_000),
            "max_grant": Money.from_yuan(100_000), "max_grant_ratio_bp": None, "max_grant_cap": None,
            "allow_unregistered": True, "allowed_org_types": [], "one_application_per_org": True,
            "applications_open_at": now - dt.timedelta(days=120), "applications_close_at": now + dt.timedelta(days=1),
            "attachment_max_mb": 10}))
    document = micro_document(WUMEI["title"], "以开放空间会议、慈善驿站、乡伴学堂和流动益集回应村民的急难愁盼。", "community",
                              80_000, [f"{part}（示例）" for part in WUMEI["parts"]], "社东村村民", 300)
    application = screened(admin, program, organization, community, document)
    application = application_transition(actor=officer, application=application, code="start_review")
    application = application_transition(actor=officer, application=application, code="decide")
    timeline.call_closed(admin, program, now - dt.timedelta(days=80))
    opens_at, closes_at = timeline.notice_period(program)
    notice = notices.notice_create(actor=officer, program=program, kind="final", title="溧水区“五社联动”公益项目拟资助公示（示例）",
                                   body="示例数据：公示期内未收到异议。", opens_at=opens_at, closes_at=closes_at,
                                   applications=[application])
    notices.notice_publish(actor=officer, notice=notice)
    timeline.notice_ran(notice, now - dt.timedelta(days=70), now - dt.timedelta(days=63))
    application_transition(actor=officer, application=application, code="approve")
    return Project.objects.get(application=application)


def _grants(admin, fund, project) -> None:
    """Grants this year, decided by the committee (votes recorded from its meetings) and paid."""
    from yichuang.charity import grants
    from yichuang.charity.grants import GrantText
    from yichuang.participation import wishes

    officer = User.objects.get(username="officer.lishui")
    worker = User.objects.get(username="community.shedong")
    today = timezone.localdate()
    posted = []
    for title, wish_for, story, yuan, name in WISHES:
        wish = wishes.wish_post(actor=worker, is_sample=True, text=wishes.WishText(
            area=fund.community, wish_for=wish_for, title=title, story=story, value=Money.from_yuan(yuan),
            deadline=today + dt.timedelta(days=45), beneficiary_name=f"{name}（示例）"))
        posted.append(wishes.wish_check(actor=officer, wish=wish, approve=True))
    planned = [
        (GrantText("project", "五美益集·慈善驿站配套资金", Money.from_yuan(50_000), project=project), 60),
        (GrantText("project", "五美益集·独居老人助餐", Money.from_yuan(12_000), restriction="独居老人助餐", project=project), 30),
        (GrantText("emergency", "村民家中火灾后的临时救助", Money.from_yuan(5_000), recipient="社东村3组村民（示例）"), 20),
        (GrantText("wish", f"微心愿：{posted[0].title}", posted[0].value, wish=posted[0]), 10),
        (GrantText("cost", "慈善工作站票据印制与公示展板", Money.from_yuan(1_600)), 8),
    ]
    members = list(fund.committee.all())
    for text, days in planned:
        grant = grants.grant_propose(actor=officer, fund=fund, text=text, is_sample=True)
        voters = [m for m in members if not grants.conflict(m, grant)][:fund.quorum]
        for member in voters if text.kind != "cost" else []:
            grant = grants.grant_vote(actor=officer, grant=grant, member=member, approve=True)
        grants.grant_pay(actor=officer, grant=grant, paid_on=today - dt.timedelta(days=days))
    # Every quarter's disclosure published but the last one that ended (a to-do on the officer's home page).
    from yichuang.charity.disclosure import quarters

    for row in quarters(fund, today)[1:]:
        services.disclosure_publish(actor=officer, fund=fund, year=row["year"], quarter=row["quarter"])
    # Waiting for the committee: the social worker on it is asked to vote (their home page and inbox).
    grants.grant_propose(actor=officer, fund=fund, is_sample=True, text=GrantText(
        "wish", f"微心愿：{posted[1].title}", posted[1].value, wish=posted[1]))


def _pledges(fund) -> None:
    """The demo donor pledged twice online; the host's statement of last week paid one pledge and
    brought two transfers staff have not yet looked at."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from yichuang.charity import bank

    donor, officer = User.objects.get(username="donor"), User.objects.get(username="officer.lishui")
    paid = bank.pledge_make(actor=donor, fund=fund, text=bank.PledgeText("社东社区捐赠人（示例）", Money.from_yuan(1_000),
                                                                         publish_name=True))
    bank.pledge_make(actor=donor, fund=fund, text=bank.PledgeText("社东社区捐赠人（示例）", Money.from_yuan(500),
                                                                  restriction="独居老人助餐"))
    day = (timezone.localdate() - dt.timedelta(days=7)).isoformat()
    rows = ["交易日期,金额,交易流水号,对方户名,摘要",
            f"{day},1000.00,DEMO-SD-BANK-0001,社东社区捐赠人（示例）,捐赠 {paid.pledge_code}",
            f"{day},2000.00,DEMO-SD-BANK-0002,石湫镇某饭店（示例）,慈善工作站捐款",
            f"{day},36.50,DEMO-SD-BANK-0003,银行结息（示例）,利息"]
    bank.statement_import(actor=officer, fund=fund, upload=SimpleUploadedFile(
        "statement.csv", "\n".join(rows).encode(), content_type="text/csv"))
