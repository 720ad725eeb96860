"""Demo volunteers from articles 000, 002 and 003: Xiangshan's 78 registered volunteers (young
retirees, retired Party members, full-time mothers) in the four teams 安康社区 incubated, the
10-member silver-haired team of 古镇社区, and the employee volunteers of Shushan's enterprise
social-work station. The people are generated (marked as sample data); their ID numbers are
well-formed but made up. Everything goes through the services; past shifts are moved back in time
afterwards, as elsewhere in the demo (time passing is not an action)."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone
from stdnum.cn import ric as stdnum_ric

from yichuang.accounts.models import User
from yichuang.places.models import Area, Organization
from yichuang.volunteers import certificates, checkin, opportunities, records, registration, teams
from yichuang.volunteers.models import CheckEvent, IdKind, ServiceRecord, Shift, Volunteer

ANKANG = "340603003901"
GUZHEN = "340603008901"
QILITANG = "340104005901"

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = ["秀英", "桂兰", "玉兰", "建国", "国华", "志强", "丽娟", "海燕", "红梅", "德明", "春梅", "振华", "淑珍", "文杰",
         "婷婷", "晓燕", "永军", "立新", "凤英", "金凤", "明亮", "雪梅", "子涵", "思雨", "建华", "卫东", "爱华", "静怡"]

# The groups article 002 names, with the birth years, genders, skills and team each mostly joins.
GROUPS = [
    ("低龄老人", (1958, 1966), None, ["elder_care", "cooking"], "xs-weilao", 30),
    ("退休党员", (1950, 1962), None, ["party_lectures", "repairs"], "xs-yeweihui", 24),
    ("全职妈妈", (1986, 1995), "female", ["tutoring", "arts"], "xs-weishao", 24),
]
TEAMS = {
    "xs-weilao": ("为老志愿服务队", "elderly", "elder_care"),
    "xs-weishao": ("为少志愿服务队", "children", "tutoring"),
    "xs-wenyu": ("社区文娱志愿服务队", "culture", "arts"),
    "xs-yeweihui": ("自治业委会志愿服务队", "community", "party_lectures"),
}


def _ric(area_code: str, born: dt.date, male: bool, serial: int) -> str:
    sequence = (serial * 2 + (1 if male else 0)) % 1000
    body = f"{area_code[:6]}{born:%Y%m%d}{sequence:03d}"
    return body + stdnum_ric.calc_check_digit(body + "?")


class _People:
    """Generated people: names, birth dates, ID numbers and phones, the same on every build."""

    def __init__(self) -> None:
        self.random = random.Random(20221001)
        self.serial = 0
        self.used: set[str] = set()

    def name(self) -> str:
        while True:
            name = self.random.choice(SURNAMES) + self.random.choice(GIVEN)
            if name not in self.used:
                self.used.add(name)
                return name

    def details(self, area: Area, years: tuple[int, int], gender: str | None, skills: list[str], note: str,
                categories: list[str]) -> registration.Registration:
        self.serial += 1
        male = (gender or self.random.choice(["male", "female"])) == "male"
        born = dt.date(self.random.randint(*years), self.random.randint(1, 12), self.random.randint(1, 28))
        return registration.Registration(
            name=self.name(), gender="male" if male else "female", birth_date=born, id_kind=IdKind.RESIDENT_ID,
            id_number=_ric(area.code, born, male, self.serial), area=area,
            phone=f"139{self.random.randint(10000000, 99999999)}", skills=skills, categories=categories,
            skills_note=note, sensitive_consent=True)


def load_volunteers() -> None:
    people = _People()
    community = User.objects.get(username="community")
    officer_xs = User.objects.get(username="officer.xiangshan")
    officer_ss = User.objects.get(username="officer.shushan")
    ankang, guzhen, qilitang = (Area.objects.get(code=code) for code in (ANKANG, GUZHEN, QILITANG))
    org = {key: Organization.objects.get(name=name) for key, name in (
        ("xs-weilao", "为老志愿服务队"), ("xs-weishao", "为少志愿服务队"), ("xs-wenyu", "社区文娱组织"),
        ("xs-yeweihui", "自治业委会"), ("xs-yinling", "“银龄关爱小家”志愿服务队"), ("ss-qiye-sgz", "蜀山经济技术开发区企业社工站"))}
    ankang_teams, members = _ankang(people, community, ankang, org)
    me = _demo_volunteer(ankang, ankang_teams)
    silver = _silver(people, officer_xs, guzhen, org["xs-yinling"])
    employees = _employees(people, officer_ss, qilitang, org["ss-qiye-sgz"])
    _history(officer_xs, community, org, members, me)
    _activities(community, ankang, org, members, me)
    _silver_service(officer_xs, guzhen, org["xs-yinling"], silver)
    _employee_shift(officer_ss, qilitang, org["ss-qiye-sgz"], employees)
    _certificate(community, org["xs-weilao"], me)
    _waiting(community, org, members, me)


def _ankang(people, community, ankang, org):
    """78 volunteers registered into the roster (登记造册) and grouped into four teams by skill."""
    members: dict[str, list[Volunteer]] = {key: [] for key in TEAMS}
    for group, years, gender, skills, team_key, count in GROUPS:
        for i in range(count):
            # Every fourth person of each group joins the arts team instead (文娱: singing, crafts).
            key = "xs-wenyu" if i % 4 == 3 else team_key
            category = TEAMS[key][1]
            data = people.details(ankang, years, gender, skills if key != "xs-wenyu" else ["arts"], f"{group}（示例）",
                                  [category])
            members[key].append(registration.volunteer_register(actor=community, data=data, organization=org[key],
                                                                paper_consent=True, is_sample=True))
    built = {}
    for key, (name, category, skill) in TEAMS.items():
        leaders = members[key][:2]
        team = teams.team_create(actor=community, name=name, area=ankang, organization=org[key], skill=skill,
                                 category=category, description="安康社区“三社联动”试点培育的志愿服务队（示例成员）。",
                                 leaders=leaders, is_sample=True)
        for volunteer in members[key][2:]:
            teams.team_invite(actor=community, team=team, volunteer=volunteer)
        built[key] = team
    return built, members


def _demo_volunteer(ankang, ankang_teams) -> Volunteer:
    """The demo log-in "volunteer" registers themself and applies to two teams."""
    user = User.objects.get(username="volunteer")
    data = registration.Registration(
        name="周晓梅", gender="female", birth_date=dt.date(1988, 5, 20), id_kind=IdKind.RESIDENT_ID,
        id_number=_ric(ANKANG, dt.date(1988, 5, 20), False, 777), area=ankang, phone="13912340001",
        skills=["elder_care", "tutoring", "digital"], categories=["elderly", "children"], skills_note="全职妈妈（示例）",
        sensitive_consent=True)
    me = registration.volunteer_register(actor=user, data=data, is_sample=True)
    member = teams.team_apply(actor=user, team=ankang_teams["xs-weilao"])
    teams.member_decide(actor=User.objects.get(username="community"), member=member, accept=True)
    teams.team_apply(actor=user, team=ankang_teams["xs-wenyu"])  # waits for a leader
    return me


def _silver(people, officer, guzhen, organization) -> list[Volunteer]:
    """古镇社区's “银龄关爱小家”: ten volunteers all past sixty (article 003)."""
    silver = [registration.volunteer_register(
        actor=officer, data=people.details(guzhen, (1950, 1964), None, ["elder_care"], "银发志愿者（示例）", ["elderly"]),
        organization=organization, paper_consent=True, is_sample=True) for _ in range(10)]
    team = teams.team_create(actor=officer, name="“银龄关爱小家”志愿服务队", area=guzhen, organization=organization,
                             skill="elder_care", category="elderly", leaders=silver[:1], is_sample=True,
                             description="由10名年过花甲的志愿者组成，为小区老人提供文化生活交流、精神慰藉、邻里协调等服务。")
    for volunteer in silver[1:]:
        teams.team_invite(actor=officer, team=team, volunteer=volunteer)
    return silver


def _employees(people, officer, qilitang, station) -> list[Volunteer]:
    """Employee volunteers trained by Shushan's enterprise social-work station (article 000)."""
    employees = [registration.volunteer_register(
        actor=officer, data=people.details(qilitang, (1985, 2000), None, ["publicity", "digital"], "企业员工（示例）",
                                           ["environment", "community"]),
        organization=station, paper_consent=True, is_sample=True) for _ in range(24)]
    team = teams.team_create(actor=officer, name="企业员工志愿服务队", area=qilitang, organization=station,
                             skill="digital", category="environment", leaders=employees[:2], is_sample=True,
                             description="企业社工站培养的员工志愿者（示例成员），认领小区闲置土地种植绿植。")
    for volunteer in employees[2:]:
        teams.team_invite(actor=officer, team=team, volunteer=volunteer)
    return employees


def _history(officer, community, org, members, me) -> None:
    """The paper ledger of earlier service entered late (补录) by the community and approved by the
    district officer, so hours and star levels mean something."""
    rng = random.Random(78)
    today = timezone.localdate()
    for key, volunteers in members.items():
        for volunteer in volunteers:
            for _n in range(rng.randint(2, 6)):
                served = today - dt.timedelta(days=30 + rng.randint(0, 300))
                record = records.record_enter(actor=community, entry=records.Entry(
                    volunteer=volunteer, organization=org[key], activity_name=f"{TEAMS[key][0]}日常服务（示例）",
                    served_on=served, place="安康社区", content="纸质台账记录的服务（示例）", minutes=rng.choice([90, 120, 180, 240]),
                    person_in_charge="安康社区工作者", nature="service", late_reason="纸质台账补录（示例）"))
                records.record_decide_late(actor=officer, record=record, approve=True)
    for n in range(45):  # the demo volunteer: a little over 100 h, one star
        record = records.record_enter(actor=community, entry=records.Entry(
            volunteer=me, organization=org["xs-weilao"], activity_name="为老助餐送餐（示例）",
            served_on=today - dt.timedelta(days=20 + n * 6), place="安康社区老年食堂", content="为独居老人送餐上门（示例）",
            minutes=140, person_in_charge="安康社区工作者", nature="service", late_reason="纸质台账补录（示例）"))
        records.record_decide_late(actor=officer, record=record, approve=True)


def _shift_moved(shift: Shift, starts: dt.datetime, hours: float) -> Shift:
    Shift.objects.filter(pk=shift.pk).update(starts_at=starts, ends_at=starts + dt.timedelta(hours=hours))
    shift.refresh_from_db()
    return shift


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=timezone.get_current_timezone())


def _activities(community, ankang, org, members, me) -> None:
    now = timezone.now()
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    # Past: the mothers' dumpling day for elderly people living alone and sanitation workers.
    zongzi = opportunities.opportunity_create(
        actor=community, organization=org["xs-weishao"], area=ankang, title="包粽子送空巢老人和环卫工人（示例）",
        nature="service", category="elderly", place="安康益站", content="“家庭主妇”比赛包粽子，送给小区空巢老人和环卫工人。",
        person_in_charge="安康社区工作者", shifts=[opportunities.ShiftPlan(_at(tomorrow, 9), _at(tomorrow, 11, 30), 14)],
        is_sample=True)
    shift = zongzi.shifts.get()
    mothers = [v for v in members["xs-weishao"]][:12]
    for volunteer in mothers:
        opportunities.signup_add(actor=community, shift=shift, volunteer=volunteer)
    day = timezone.localdate() - dt.timedelta(days=3)
    shift = _shift_moved(shift, _at(day, 9), 2.5)
    for i, volunteer in enumerate(mothers):
        checkin.check_scan(actor=community, shift_id=shift.pk, volunteer=volunteer, kind="in", at=_at(day, 8, 50 + i % 8),
                           key=f"demo-zongzi-in-{volunteer.pk}", method=CheckEvent.Method.LEADER,
                           reason="纸质签到表（示例）")
        checkin.check_scan(actor=community, shift_id=shift.pk, volunteer=volunteer, kind="out", at=_at(day, 11, 20 + i % 9),
                           key=f"demo-zongzi-out-{volunteer.pk}", method=CheckEvent.Method.LEADER,
                           reason="纸质签退表（示例）")
    done = list(ServiceRecord.objects.filter(shift=shift).order_by("pk"))
    records.records_confirm(actor=community, records=done[:-2])  # two wait for the community worker
    # Today: meal delivery, the demo volunteer has a place and can scan the code now.
    meals = opportunities.opportunity_create(
        actor=community, organization=org["xs-weilao"], area=ankang, title="为老助餐 · 送餐上门（示例）", nature="service",
        category="elderly", skills=["elder_care", "cooking"], place="安康社区老年食堂", content="为独居老人分餐、送餐上门并陪伴聊天。",
        person_in_charge="安康社区工作者", team=None, shifts=[
            opportunities.ShiftPlan(now + dt.timedelta(hours=1), now + dt.timedelta(hours=4), 6),
            opportunities.ShiftPlan(_at(tomorrow + dt.timedelta(days=2), 10), _at(tomorrow + dt.timedelta(days=2), 13), 3)],
        is_sample=True)
    today_shift, later = meals.shifts.order_by("starts_at")
    opportunities.signup_create(actor=me.user, shift=today_shift)
    opportunities.signup_create(actor=me.user, shift=later)
    for volunteer in members["xs-weilao"][:5]:
        opportunities.signup_add(actor=community, shift=later, volunteer=volunteer)  # three places: two wait
    _shift_moved(today_shift, now - dt.timedelta(minutes=30), 3)


def _silver_service(officer, guzhen, organization, silver) -> None:
    today = timezone.localdate()
    for i, volunteer in enumerate(silver):
        for n in range(3):
            records.record_enter(actor=officer, entry=records.Entry(
                volunteer=volunteer, organization=organization, activity_name="邻里陪伴 · 精神慰藉（示例）",
                served_on=today - dt.timedelta(days=1 + n * 3 + i % 2), place="古镇社区银龄关爱小家",
                content="陪伴小区老人聊天、读报，协调邻里小事。", minutes=120, person_in_charge="银龄关爱小家队长",
                nature="service"))


def _employee_shift(officer, qilitang, station, employees) -> None:
    day = timezone.localdate() + dt.timedelta(days=6)
    greening = opportunities.opportunity_create(
        actor=officer, organization=station, area=qilitang, title="认领闲置土地 · 种植绿植（示例）", nature="service",
        category="environment", place="七里塘社区闲置地块", content="员工志愿者认领小区闲置土地，种植绿植、美化环境。",
        person_in_charge="企业社工站社工", shifts=[opportunities.ShiftPlan(_at(day, 14), _at(day, 17), 20)], is_sample=True)
    shift = greening.shifts.get()
    for volunteer in employees[:16]:
        opportunities.signup_add(actor=officer, shift=shift, volunteer=volunteer)


def _certificate(community, organization, me) -> None:
    """The demo volunteer asked 为老志愿服务队 for a certificate and got it; a second request waits."""
    today = timezone.localdate()
    asked = certificates.certificate_request(actor=me.user, organization=organization,
                                             period_start=today - dt.timedelta(days=365), period_end=today)
    certificates.certificate_issue(actor=community, certificate=asked)


def _waiting(community, org, members, me) -> None:
    """Work left for the demo's people: a correction the volunteer asked for and a late entry the
    community worker made, which the district officer (another person) must approve."""
    oldest = me.records.filter(status=ServiceRecord.Status.CONFIRMED).order_by("served_on").first()
    records.correction_request(actor=me.user, record=oldest, changes={"minutes": oldest.minutes + 30},
                               reason="当天送餐后还陪老人聊了半小时（示例）")
    records.record_enter(actor=community, entry=records.Entry(
        volunteer=members["xs-weishao"][0], organization=org["xs-weishao"], activity_name="暑期四点半课堂（示例）",
        served_on=timezone.localdate() - dt.timedelta(days=45), place="安康社区共享书屋", content="为双职工家庭孩子辅导作业（示例）",
        minutes=150, person_in_charge="安康社区工作者", nature="service", late_reason="纸质签到表交来晚了（示例）"))
