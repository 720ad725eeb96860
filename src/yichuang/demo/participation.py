"""Demo micro-wishes from article 003: 桥头志愿服务队 visits left-behind and poor children of 渠沟镇
every month, keeps their records and collects their micro-wishes (征集微心愿). The children and their
wishes are generated (marked as sample data); the community worker of 桥头村 posts them and the
Xiangshan officer checks them. Some came true, one waits for confirmation, one is being fulfilled,
some wait for someone; one for an elderly neighbour of 安康社区 is still being checked.
"""

from __future__ import annotations

import datetime as dt
import io
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from yichuang.accounts.models import User
from yichuang.kernel.money import Money
from yichuang.participation import wishes
from yichuang.participation.models import MicroWish
from yichuang.places.models import Area

QIAOTOU = "340603100901"
ANKANG = "340603003901"

# (for whom, wish, about it, yuan, days until wanted, child's name (private), what happens in the demo)
QIAOTOU_WISHES = [
    ("left_behind", "一个新书包", "孩子的书包背了四年，拉链坏了，用绳子系着上学。想要一个结实的新书包。", 120, 30, "李子涵",
     "closed", "donor"),
    ("left_behind", "一套课外读物", "孩子最喜欢看科普书，学校图书角的书都看完了，想要一套适合四年级的科普读物。", 150, 45, "王思雨",
     "closed", "volunteer"),
    ("child", "一盏护眼台灯", "家里晚上只有一盏吊灯，孩子写作业光线不够，想要一盏护眼台灯。", 90, 30, "张浩然",
     "closed", "donor"),
    ("child", "一双冬季棉鞋", "天冷了，孩子还穿着单鞋上学，鞋码35，想要一双暖和的棉鞋。", 100, 20, "刘欣怡",
     "fulfilled", "volunteer"),
    ("left_behind", "一件羽绒服", "父母在外打工，孩子跟着奶奶生活，冬天只有一件旧棉袄，想要一件羽绒服（身高140厘米）。", 200, 25,
     "陈梓轩", "adopted", "donor"),
    ("child", "一个篮球", "孩子在学校篮球队，家里没有球，放学后想在村里的球场练球。", 80, 40, "杨宇航", "published", ""),
    ("disabled", "一套画笔和画本", "孩子行动不便，平时在家画画，画笔快用完了，想要一套水彩笔和素描本。", 60, 40, "赵雨桐",
     "published", ""),
    ("left_behind", "一本新华字典", "孩子上三年级，和同桌共用一本字典，想要一本属于自己的新华字典。", 45, 35, "黄诗琪",
     "published", ""),
]
ANKANG_WISH = ("elderly_alone", "一台收音机", "独居老人眼睛不好，不方便看电视，平时喜欢听戏和新闻，想要一台能插卡的收音机。", 80,
               30, "周桂兰")


def _proof(title: str) -> SimpleUploadedFile:
    """A photo of the handover, drawn here (no faces): what an adopter would upload."""
    image = Image.new("RGB", (480, 320), (236, 244, 250))
    ImageDraw.Draw(image).rectangle((40, 60, 440, 260), outline=(40, 90, 140), width=6)
    out = io.BytesIO()
    image.save(out, "JPEG")
    return SimpleUploadedFile(f"{title}-交付照片.jpg", out.getvalue(), content_type="image/jpeg")


def load_wishes() -> None:
    poster = User.objects.get(username="community.qiaotou")
    officer = User.objects.get(username="officer.xiangshan")
    adopters = {"donor": User.objects.get(username="donor"), "volunteer": User.objects.get(username="volunteer")}
    qiaotou = Area.objects.get(code=QIAOTOU)
    today = timezone.localdate()
    for wish_for, title, story, yuan, days, name, outcome, adopter in QIAOTOU_WISHES:
        wish = wishes.wish_post(actor=poster, is_sample=True, text=wishes.WishText(
            area=qiaotou, wish_for=wish_for, title=title, story=story, value=Money.from_yuan(yuan),
            deadline=today + dt.timedelta(days=days), beneficiary_name=f"{name}（示例）",
            beneficiary_note="桥头志愿服务队走访时登记（示例）"))
        wish = wishes.wish_check(actor=officer, wish=wish, approve=True)
        if not adopter:
            continue
        wish = wishes.wish_adopt(actor=adopters[adopter], wish=wish, show_name=adopter == "donor")
        if outcome == "adopted":
            continue
        wish = wishes.wish_fulfil(actor=adopters[adopter], wish=wish, proof=_proof(title),
                                  note="志愿者陪同送到孩子家中（示例）")
        if outcome == "closed":
            wishes.wish_confirm(actor=poster, wish=wish, accept=True)
    wish_for, title, story, yuan, days, name = ANKANG_WISH
    wishes.wish_post(actor=User.objects.get(username="community"), is_sample=True, text=wishes.WishText(
        area=Area.objects.get(code=ANKANG), wish_for=wish_for, title=title, story=story, value=Money.from_yuan(yuan),
        deadline=today + dt.timedelta(days=days), beneficiary_name=f"{name}（示例）"))
    # The wishes that came true were collected in the autumn visits: time passing, not an action.
    MicroWish.objects.filter(status=MicroWish.Status.CLOSED).update(deadline=today - dt.timedelta(days=10))


# --- The needs survey ---------------------------------------------------------------------------
# 安康社区 asks its residents what they need before the next round of micro-projects (article 002:
# "聚焦居民所需所盼"; the needs it names: meals and company for the elderly, after-school care, the
# estate's unsafe e-bike charging). The answers are generated (sample data).

SURVEY_QUESTIONS = [
    ("single", "您家里的情况", True, ["有60岁以上老人", "有上学的孩子", "老人和孩子都有", "都没有"], []),
    ("multiple", "老人最需要哪些服务", False, ["老年助餐", "上门探访陪伴", "文化娱乐活动", "健康讲座与义诊"], []),
    ("multiple", "孩子最需要哪些服务", False, ["课后托管", "假期兴趣班", "亲子活动"], []),
    ("matrix", "您对小区这些方面满意吗", True, ["满意", "一般", "不满意"], ["电动车充电", "垃圾分类", "楼道环境"]),
    ("scale", "您愿意参加志愿服务吗（1 不愿意，5 非常愿意）", True, [], []),
    ("text", "还有什么需求或建议", False, [], []),
]
SUGGESTIONS = ["希望在小区里建集中充电棚，别再飞线充电", "老年食堂的菜能不能淡一点", "周末希望有孩子的兴趣班",
               "楼道里堆的杂物太多，需要清理", "希望多组织老人唱歌跳舞的活动"]


def load_survey() -> None:
    from yichuang.participation import surveys
    from yichuang.participation.models import AgeGroup

    community = User.objects.get(username="community")
    ankang = Area.objects.get(code=ANKANG)
    today = timezone.localdate()
    survey = surveys.survey_create(actor=community, is_sample=True, text=surveys.SurveyText(
        area=ankang, title="安康社区2026年居民需求调查（示例）", mode="anonymous",
        intro="为了把明年的微项目办到大家心坎上，请花两分钟告诉我们您家的需要。问卷匿名填写。",
        opens_on=today - dt.timedelta(days=10), closes_on=today + dt.timedelta(days=20)))
    questions = []
    for kind, text, required, options, rows in SURVEY_QUESTIONS:
        depends = option = None
        if text.startswith("老人"):
            depends, option = questions[0], 0
        questions.append(surveys.question_add(actor=community, survey=survey, question=surveys.QuestionText(
            kind, text, required, tuple(options), tuple(rows), show_if_question=depends, show_if_option=option)))
    surveys.survey_open(actor=community, survey=survey)
    rng = random.Random(20261129)
    ages = [AgeGroup.FROM_60, AgeGroup.FROM_80, AgeGroup.FROM_35, AgeGroup.FROM_18]
    for i in range(48):
        family = rng.choices([0, 1, 2, 3], weights=[5, 3, 2, 1])[0]
        values = {str(questions[0].pk): [str(family)],
                  str(questions[3].pk): [], str(questions[4].pk): [str(rng.choice([2, 3, 4, 4, 5]))]}
        if family in (0, 2):
            values[str(questions[1].pk)] = [str(o) for o in rng.sample(range(4), rng.randint(1, 2)) if o != 3 or i % 3]
        if family in (1, 2):
            values[str(questions[2].pk)] = [str(rng.choice([0, 0, 1, 2]))]
        for row, weights in enumerate(([1, 2, 6], [4, 3, 1], [2, 4, 2])):
            values[f"{questions[3].pk}-{row}"] = [str(rng.choices([0, 1, 2], weights=weights)[0])]
        if i % 6 == 0:
            values[str(questions[5].pk)] = [SUGGESTIONS[i // 6 % len(SUGGESTIONS)]]
        paper = i % 4 == 0  # a quarter came in on paper at the service point
        who = surveys.Respondent(entered_by=community if paper else None, session_key="" if paper else f"demo-{i}",
                                 community=ankang, age_group=ages[(i + family) % len(ages)])
        surveys.response_submit(survey=survey, who=who, values=values, is_sample=True)


# --- Shedong's "small public matters" (article 004) ---------------------------------------------------
SHEDONG = "320117004901"
SHEDONG_TOPICS = [
    ("resident", "修一修祠堂前的那段路", "祠堂门前的路坑坑洼洼，下雨天积水，老人去祠堂活动容易滑倒。想请大家一起商量怎么修、谁来出力。", 14),
    ("neighbour1", "老祠堂的修缮与使用", "祠堂是村里的老房子，屋顶漏雨，想修好以后当作议事和文化活动的地方。", 11),
    ("neighbour2", "独居老人吃饭难", "村里有二十多位独居老人，年纪大了做饭不方便。能不能办个助餐点，请志愿者送餐？", 18),
    ("neighbour3", "把老手艺传下去", "村里会编竹篮、做布鞋的老人越来越少，想办手工课，让孩子们跟着学。", 7),
]


def load_topics() -> None:
    from yichuang.accounts.roles import Role
    from yichuang.accounts.services import role_grant_add, user_create
    from yichuang.participation import topics

    admin = User.objects.get(username="admin")
    shedong = Area.objects.get(code=SHEDONG)
    people = {"resident": User.objects.get(username="resident")}
    for i in range(1, 4):
        user = user_create(actor=admin, username=f"shedong.neighbour{i}", password=None,
                           display_name=f"社东社区居民{i}（示例）", is_sample=True)
        role_grant_add(actor=admin, user=user, role=Role.RESIDENT, area=shedong)
        people[f"neighbour{i}"] = user
    followers = []
    for i in range(18):  # neighbours who follow topics (sample accounts without a password)
        user = user_create(actor=admin, username=f"shedong.follower{i + 1}", password=None,
                           display_name=f"社东社区关注者{i + 1}（示例）", is_sample=True)
        role_grant_add(actor=admin, user=user, role=Role.RESIDENT, area=shedong)
        followers.append(user)
    for who, title, body, follows in SHEDONG_TOPICS:
        topic = topics.topic_propose(actor=people[who], area=shedong, title=title, body=body, is_sample=True)
        for follower in followers[:follows]:
            topics.topic_follow(actor=follower, topic=topic)
