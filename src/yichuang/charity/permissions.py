"""Who may do what with community charity funds. Every access rule of the app is here.

* A fund is set up and run (donations recorded, bank statements matched) by the program officers of the
  areas above its community, and by the administrators of its host charity.
* Committee members approve grants; a fund's public page, and a donation traced by its receipt number
  and verification code, are open to everyone.
"""

from __future__ import annotations

from django.db.models import Q

from yichuang.accounts.roles import Role
from yichuang.accounts.scopes import area_paths, organization_ids, path_within, q_path_within


def may_set_up(user, community, host) -> bool:
    return path_within(community.path, area_paths(user, Role.PROGRAM_OFFICER)) or host.pk in organization_ids(
        user, Role.ORG_ADMIN)


def manages(user, fund) -> bool:
    return may_set_up(user, fund.community, fund.host)


def set_up_hosts(user):
    """The host charities the viewer may set a fund up under: registered foundations and charitable
    organizations (with their credit code) in their areas, or the ones they administer."""
    from yichuang.charity.services import HOSTS
    from yichuang.places.models import Organization

    if not getattr(user, "is_authenticated", False):
        return Organization.objects.none()
    rows = (Organization.objects.filter(pk__in=organization_ids(user, Role.ORG_ADMIN))
            | Organization.objects.filter(q_path_within("area__path", area_paths(user, Role.PROGRAM_OFFICER))))
    return rows.filter(org_type__in=HOSTS, uscc__isnull=False).distinct().order_by("name")


def serves(fund, area) -> bool:
    """The area is one the fund serves (or lies within one)."""
    return path_within(area.path, [a.path for a in fund.areas_served.all()])


def committee_seat(user, fund):
    """The viewer's seat on the fund's committee, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return fund.committee.filter(user=user).first()


def managed_funds(user):
    """The funds the viewer runs: those of communities under their officer areas, or of hosts they administer."""
    from yichuang.charity.models import Fund

    if not getattr(user, "is_authenticated", False):
        return Fund.objects.none()
    return Fund.objects.filter(_q_manages(user))


def managers(fund):
    """Who runs the fund (the same rule as ``manages``, asked the other way round)."""
    from yichuang.accounts.models import User
    from yichuang.accounts.scopes import ancestor_paths

    return User.objects.filter(Q(grants__role=Role.PROGRAM_OFFICER, grants__area__path__in=ancestor_paths(fund.community.path))
                               | Q(grants__role=Role.ORG_ADMIN, grants__organization=fund.host_id)).distinct()


def in_menu(user) -> bool:
    """The funds are in the menu of those who run one or sit on a committee (donors have it anyway)."""
    from yichuang.charity.models import Fund

    if not getattr(user, "is_authenticated", False):
        return False
    return Fund.objects.filter(_q_manages(user) | Q(committee__user=user)).exists()


def _q_manages(user):
    """The rule of ``manages`` as a filter on funds."""
    return (q_path_within("community__path", area_paths(user, Role.PROGRAM_OFFICER))
            | Q(host_id__in=organization_ids(user, Role.ORG_ADMIN)))
