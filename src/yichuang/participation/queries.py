"""Reads of residents' voice: the public counts of wishes that came true, and the keepers' work."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from yichuang.kernel.money import Money
from yichuang.participation import permissions
from yichuang.participation.models import MicroWish


@dataclass(frozen=True)
class CommunityWishes:
    street: str
    community: str
    came_true: int
    value: Money
    waiting: int


def adoptable(rows: QuerySet[MicroWish]) -> QuerySet[MicroWish]:
    return rows.filter(status=MicroWish.Status.PUBLISHED, deadline__gte=timezone.localdate())


def community_totals() -> list[CommunityWishes]:
    """Per community: wishes that came true and their value, and wishes waiting to be adopted."""
    today = timezone.localdate()
    rows = (permissions.public_wishes().values("area__name", "area__parent__name", "area__path")
            .annotate(came_true=Count("pk", filter=Q(status=MicroWish.Status.CLOSED)),
                      value=Sum("value", filter=Q(status=MicroWish.Status.CLOSED)),
                      waiting=Count("pk", filter=Q(status=MicroWish.Status.PUBLISHED, deadline__gte=today)))
            .order_by("area__path"))
    return [CommunityWishes(row["area__parent__name"] or "", row["area__name"], row["came_true"],
                            row["value"] or Money.zero(), row["waiting"]) for row in rows]


def keeper_work(user) -> dict[str, QuerySet[MicroWish]]:
    """The keeper's wishes by what they need: a check (by someone else), changes, confirmation."""
    kept = permissions.kept_wishes(user).select_related("area")
    return {
        "to_check": kept.filter(status=MicroWish.Status.CHECKING).exclude(posted_by=user),
        "returned": kept.filter(status=MicroWish.Status.RETURNED, posted_by=user),
        "to_confirm": kept.filter(status=MicroWish.Status.FULFILLED),
    }
