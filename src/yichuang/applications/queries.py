"""Reads for application pages: bounded queries whatever the number of applications."""

from __future__ import annotations

from django.db.models import QuerySet

from yichuang.applications.models import Application, ApplicationVersion, NearDuplicate
from yichuang.applications.permissions import staff_applications
from yichuang.kernel import neardup
from yichuang.kernel.chinese import search_key, to_simplified


def program_applications(user, program, *, text: str = "", state: str = "", domain: str = "") -> QuerySet[Application]:
    applications = staff_applications(user).filter(program=program)
    for word in search_key(text).split():
        applications = applications.filter(search_text__contains=word)
    if state:
        applications = applications.filter(state__code=state)
    if domain:
        applications = applications.filter(domain__code=domain)
    return applications.select_related("organization", "state", "domain", "community").order_by("number")


def duplicates_of(version: ApplicationVersion | None) -> list[NearDuplicate]:
    if version is None:
        return []
    return list(
        version.near_duplicates.select_related(
            "other__application__organization", "other__application__program__area"
        )
    )


def side_by_side(a: str, b: str) -> tuple[list[tuple[str, bool]], list[tuple[str, bool]]]:
    """Both texts (simplified) cut into (segment, shared?) pieces, for highlighting."""
    a2, b2 = to_simplified(a), to_simplified(b)
    passages = neardup.shared_passages(a, b)
    return _segments(a2, [(p[0], p[1]) for p in passages]), _segments(b2, [(p[2], p[3]) for p in passages])


def _segments(text: str, spans: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    pieces, cursor = [], 0
    for start, end in sorted(spans):
        if start < cursor:
            start = cursor
        if start > cursor:
            pieces.append((text[cursor:start], False))
        if end > start:
            pieces.append((text[start:end], True))
        cursor = max(cursor, end)
    if cursor < len(text):
        pieces.append((text[cursor:], False))
    return pieces
