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
