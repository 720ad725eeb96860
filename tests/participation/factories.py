"""Micro-wish test worlds built through the services, as users would build them."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tests import factories
from yichuang.accounts.roles import Role
from yichuang.kernel.money import Money
from yichuang.participation import wishes


def keepers(where=None):
    """A community and two of its workers: one posts, the other checks."""
    where = where or factories.community()
    return (where, factories.user_with_role(Role.COMMUNITY_WORKER, area=where),
            factories.user_with_role(Role.COMMUNITY_WORKER, area=where))


def text(where, **overrides) -> wishes.WishText:
    data = dict(area=where, wish_for="child", title="一个新书包", story="孩子的书包背了四年，拉链坏了，想要一个新书包上学。",
                value=Money.from_yuan(120), deadline=timezone.localdate() + dt.timedelta(days=30),
                beneficiary_name="王小明")
    data.update(overrides)
    return wishes.WishText(**data)


def posted(where=None, **overrides):
    where, poster, checker = keepers(where)
    return wishes.wish_post(actor=poster, text=text(where, **overrides)), poster, checker


def published(where=None, **overrides):
    wish, poster, checker = posted(where, **overrides)
    return wishes.wish_check(actor=checker, wish=wish, approve=True), poster, checker


def adopter(role=Role.DONOR, where=None):
    return factories.user_with_role(role, area=where or factories.community())


def survey(where=None, *, mode="anonymous", open_it=True):
    """A survey with a one-choice, a dependent several-choice, a scale and a text question."""
    from yichuang.participation import surveys

    where, keeper, _other = keepers(where)
    today = timezone.localdate()
    row = surveys.survey_create(actor=keeper, text=surveys.SurveyText(
        area=where, title="社区需求调查", intro="", mode=mode, opens_on=today, closes_on=today + dt.timedelta(days=14)))
    lives = surveys.question_add(actor=keeper, survey=row, question=surveys.QuestionText(
        "single", "您的居住情况", required=True, options=("独居", "与家人同住")))
    surveys.question_add(actor=keeper, survey=row, question=surveys.QuestionText(
        "multiple", "您需要哪些服务", options=("助餐", "助浴", "陪诊"), show_if_question=lives, show_if_option=0))
    surveys.question_add(actor=keeper, survey=row, question=surveys.QuestionText("scale", "对社区服务的满意度", required=True))
    surveys.question_add(actor=keeper, survey=row, question=surveys.QuestionText("text", "其他建议"))
    if open_it:
        surveys.survey_open(actor=keeper, survey=row)
    return row, keeper


def answers(row, *, lives=0, needs=(0,), score=4, note=""):
    q = list(row.questions.order_by("position"))
    values = {str(q[0].pk): [str(lives)], str(q[1].pk): [str(h) for h in needs], str(q[2].pk): [str(score)]}
    if note:
        values[str(q[3].pk)] = [note]
    return values
