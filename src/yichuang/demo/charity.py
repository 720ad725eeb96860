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


def load_charity() -> None:
    admin = User.objects.get(username="admin")
    community = Area.objects.get(code=seed_data.SHEDONG["community"])
    district = community.parent.parent
    host = organization_create(actor=admin, data={
        "name": "溧水区慈善协会（示例）", "org_type": OrganizationType.SOCIAL_GROUP, "area": district,
        "uscc": demo_uscc(OrganizationType.SOCIAL_GROUP, district.code, "ls-charity"), "is_sample": True,
        "charter_scope": "", "registering_authority": "", "domains": []})
    fund = services.fund_create(actor=admin, is_sample=True, text=FundText(
        host=host, community=community, purposes=seed_data.SHEDONG["charity_station"]["use"],
        supervisor="石湫街道社会事务办公室（示例）", receipt_prefix="SDCF",
        committee=[Member(name, "chair" if i == 0 else "member") for i, name in enumerate(COMMITTEE)]))
    station = dt.date(2022, 8, 12)  # the day the work station was set up and the gifts were made
    for i, (name, yuan) in enumerate(FIRMS):
        services.donation_record(actor=admin, fund=fund, is_sample=True, text=DonationText(
            donor_name=name, method="bank", amount=Money.from_yuan(yuan), received_on=station, publish_name=True,
            bank_reference=f"DEMO-SD-2022-{i + 1:03d}"))
    rng = random.Random(2022)
    people = 0
    for i in range(60):
        yuan = rng.choice([500, 1000, 1000, 2000, 2000, 3000, 5000])
        people += yuan
        cash = i % 3 == 0
        services.donation_record(actor=admin, fund=fund, is_sample=True, text=DonationText(
            donor_name=f"社东村民{i + 1}（示例）", amount=Money.from_yuan(yuan), received_on=station,
            method="cash" if cash else "bank", witnesses=("社东社区会计（示例）", "村民代表（示例）") if cash else (),
            bank_reference="" if cash else f"DEMO-SD-2022-P{i + 1:03d}", publish_name=i % 2 == 0,
            restriction="独居老人助餐" if i % 10 == 0 else ""))
    today = timezone.localdate()
    for i, (name, yuan, days) in enumerate([("社东村乡贤（示例）", 20_000, 40), ("某爱心人士（示例）", 3_000, 12)]):
        services.donation_record(actor=admin, fund=fund, is_sample=True, text=DonationText(
            donor_name=name, method="bank", amount=Money.from_yuan(yuan), received_on=today - dt.timedelta(days=days),
            publish_name=i == 0, bank_reference=f"DEMO-SD-{today.year}-{i + 1:03d}",
            restriction="独居老人助餐" if i == 0 else ""))
    services.donation_record(actor=admin, fund=fund, is_sample=True, text=DonationText(
        donor_name="社东村民（示例）", method="goods", amount=Money.from_yuan(2_400), received_on=today - dt.timedelta(days=5),
        goods="大米 40 袋，按超市零售价每袋 60 元估值", publish_name=True))
