"""Reads that span relations, shaped for the pages: a bounded number of queries each."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from yichuang.kernel.chinese import search_key
from yichuang.places.models import Area, AreaLevel, CreditFlag, Organization, ServiceDomain
from yichuang.places.permissions import visible_areas, visible_organizations


def active_flags(day=None) -> QuerySet[CreditFlag]:
    day = day or timezone.localdate()
    return CreditFlag.objects.filter(listed_on__lte=day).filter(Q(removed_on__isnull=True) | Q(removed_on__gt=day))


def search_filter(text: str) -> Q:
    """Match names whatever the script: both sides are folded to simplified, case-free text."""
    query = Q()
    for word in search_key(text).split():
        query &= Q(search_text__contains=word)
    return query


def organization_list(user, *, text: str = "", org_type: str = "", area: Area | None = None) -> QuerySet:
    organizations = visible_organizations(user)
    if text.strip():
        organizations = organizations.filter(search_filter(text))
    if org_type:
        organizations = organizations.filter(org_type=org_type)
    if area is not None:
        organizations = organizations.filter(area__path__startswith=area.path)
    flagged = active_flags().filter(organization=OuterRef("pk"))
    return (
        organizations.select_related("area")
        .prefetch_related(Prefetch("domains", queryset=ServiceDomain.objects.order_by("position")))
        .annotate(has_active_flag=Exists(flagged))
        .order_by("name_sort", "id")
    )


def organization_detail(organization: Organization) -> dict:
    return {
        "domains": list(organization.domains.order_by("position")),
        "flags": list(organization.credit_flags.all()),
        "members": list(organization.grants.select_related("user").order_by("user__username")),
    }


@dataclass
class AreaNode:
    area: Area
    organization_count: int = 0
    children: list["AreaNode"] = field(default_factory=list)


def area_tree(user, *, root: Area | None = None) -> list[AreaNode]:
    """The visible tree in two queries: all areas in path order, and organization counts per area."""
    areas = visible_areas(user)
    if root is not None:
        areas = areas.filter(path__startswith=root.path)
    areas = list(areas.order_by("path"))
    counts = dict(
        visible_organizations(user)
        .filter(area__in=[a.pk for a in areas])
        .values_list("area")
        .annotate(n=Count("pk"))
        .values_list("area", "n")
    )
    nodes = {a.pk: AreaNode(a, counts.get(a.pk, 0)) for a in areas}
    roots: list[AreaNode] = []
    for area in areas:
        parent = nodes.get(area.parent_id)
        (parent.children if parent else roots).append(nodes[area.pk])
    for node in nodes.values():
        node.children.sort(key=lambda child: child.area.code)
    return roots


def visible_ancestor_ids(user, area: Area) -> set[int]:
    """Which breadcrumb entries this user may follow (ancestors above the scope are shown unlinked)."""
    parts = [part for part in area.path.strip("/").split("/") if part]
    paths = ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]
    return set(visible_areas(user).filter(path__in=paths).values_list("pk", flat=True))


def breadcrumbs(area: Area) -> list[Area]:
    """Ancestors from the province down, in one query (their codes are prefixes of the path)."""
    codes = [part for part in area.path.strip("/").split("/") if part]
    by_code = {a.code: a for a in Area.objects.filter(code__in=codes)}
    return [by_code[code] for code in codes if code in by_code]


def district_of(area: Area) -> Area:
    """The district (or the area itself when it is above district level) that ``area`` lies in."""
    codes = [code for code in area.path.strip("/").split("/") if code]
    ancestors = Area.objects.filter(code__in=codes, level=AreaLevel.DISTRICT)
    return ancestors.first() or area
