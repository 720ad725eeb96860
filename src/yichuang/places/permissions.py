"""Who may see and change places and organizations. Every rule of this app lives here.

Objects outside a user's scope are not "forbidden" but absent: the access gateways
answer 404 for them exactly as for ids that do not exist.
"""

from __future__ import annotations

import rules
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from yichuang.accounts.roles import Role
from yichuang.accounts.scopes import area_paths, organization_ids, path_within, program_ids, q_path_within
from yichuang.places.models import Area, Organization, OrganizationType

AREA_READERS = (Role.PROGRAM_OFFICER, Role.AUDITOR, Role.SUPERVISOR, Role.COMMUNITY_WORKER)
AREA_MANAGERS = (Role.PROGRAM_OFFICER,)
ORGANIZATION_FILERS = (Role.PROGRAM_OFFICER, Role.COMMUNITY_WORKER)
HISTORY_READERS = (Role.AUDITOR, Role.PROGRAM_OFFICER)


def visible_areas(user) -> QuerySet[Area]:
    return Area.objects.filter(q_path_within("path", area_paths(user, *AREA_READERS)))


def visible_organizations(user) -> QuerySet[Organization]:
    in_areas = q_path_within("area__path", area_paths(user, *AREA_READERS))
    own = organization_ids(user, Role.ORG_MEMBER)
    return Organization.objects.filter(in_areas | Q(pk__in=own) if own else in_areas)


def access_area(user, pk) -> Area:
    return get_object_or_404(visible_areas(user).select_related("parent"), pk=pk)


def access_organization(user, pk) -> Organization:
    return get_object_or_404(visible_organizations(user).select_related("area"), pk=pk)


def can_browse_areas(user) -> bool:
    return bool(area_paths(user, *AREA_READERS))


def can_list_organizations(user) -> bool:
    return can_browse_areas(user) or bool(organization_ids(user, Role.ORG_MEMBER))


@rules.predicate
def can_manage_area(user, area: Area) -> bool:
    return path_within(area.path, area_paths(user, *AREA_MANAGERS))


def can_create_organization(user, area: Area | None = None, org_type: str | None = None) -> bool:
    if area is None:
        return bool(area_paths(user, *ORGANIZATION_FILERS))
    if path_within(area.path, area_paths(user, Role.PROGRAM_OFFICER)):
        return True
    # Community workers file their own community's unregistered groups, nothing else.
    return org_type in (None, OrganizationType.COMMUNITY_GROUP) and path_within(
        area.path, area_paths(user, Role.COMMUNITY_WORKER)
    )


@rules.predicate
def can_officiate_organization(user, organization: Organization) -> bool:
    """Officers may change what members may not: code, type, area, credit flags."""
    return path_within(organization.area.path, area_paths(user, Role.PROGRAM_OFFICER))


@rules.predicate
def is_member(user, organization: Organization) -> bool:
    return organization.pk in organization_ids(user, Role.ORG_MEMBER)


# Members edit their contact details; officers everything (the form decides which fields).
can_edit_organization = can_officiate_organization | is_member


def can_read_history(user, area_path: str) -> bool:
    return path_within(area_path, area_paths(user, *HISTORY_READERS))


def may_flag_organization(user, organization: Organization, kind: str) -> bool:
    """Officers of the organization's area record credit listings. A failed evaluation's bar is recorded
    by the officer of the program that evaluated (the delivery service checks that), whose area may not
    include the organization's."""
    from yichuang.places.models import CreditFlagKind

    if kind == CreditFlagKind.FAILED_EVALUATION:
        return bool(area_paths(user, Role.PROGRAM_OFFICER) or program_ids(user, Role.PROGRAM_OFFICER))
    return can_officiate_organization(user, organization)


def can_officiate_organization_in(user, area: Area) -> bool:
    """Moving an organization needs officer rights at its new place too."""
    return path_within(area.path, area_paths(user, Role.PROGRAM_OFFICER))


rules.add_perm("places.manage_area", can_manage_area)
rules.add_perm("places.edit_organization", can_edit_organization)
rules.add_perm("places.officiate_organization", can_officiate_organization)
