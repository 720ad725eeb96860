"""Test data built through the same service functions the application uses."""

from __future__ import annotations

import itertools

import factory
from factory.django import DjangoModelFactory

from yichuang.accounts.models import User
from yichuang.accounts.services import role_grant_add
from yichuang.kernel.identifiers import uscc_check_char
from yichuang.places.models import CODE_LENGTH, LEVEL_ORDER, Area, AreaLevel, Organization, OrganizationType
from yichuang.places.services import area_create, organization_create

PASSWORD = "test-password-123"
_serial = itertools.count(1)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    display_name = factory.Sequence(lambda n: f"测试用户{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def persist_password(self, create, extracted, **kwargs):
        if create:
            self.save(update_fields=["password"])


def operator() -> User:
    """The platform operator who builds test worlds (a superuser, like the demo's admin)."""
    user = User.objects.filter(username="operator").first()
    return user or UserFactory(username="operator", is_superuser=True, is_staff=True)


def area(parent: Area | None = None, *, name: str | None = None, code: str | None = None) -> Area:
    level = LEVEL_ORDER[0] if parent is None else LEVEL_ORDER[LEVEL_ORDER.index(AreaLevel(parent.level)) + 1]
    width = CODE_LENGTH[level] - (len(parent.code) if parent else 0)
    if code is None:
        # Provinces get 2-digit codes from 11 upwards; children number from 1 under their parent.
        code = (parent.code if parent else "") + str(next(_serial) % (10**width) or 1).zfill(width)
    return area_create(actor=operator(), parent=parent, code=code, name=name or f"测试{level.label}{code}")


def district(name: str = "测试区") -> Area:
    province = area(None, name="测试省")
    city = area(province, name="测试市")
    return area(city, name=name)


def community(parent_district: Area | None = None, name: str | None = None) -> Area:
    street = area(parent_district or district(), name="测试街道")
    return area(street, name=name)


def valid_uscc(region: str = "320412", kind: str = "52") -> str:
    body = f"{kind}{region[:6].ljust(6, '0')}{str(next(_serial)).zfill(8)}0"[:17]
    return body + uscc_check_char(body)


def organization(
    where: Area | None = None,
    *,
    name: str | None = None,
    org_type: str = OrganizationType.PRIVATE_NON_ENTERPRISE,
    **extra,
) -> Organization:
    where = where or district()
    data = {
        "name": name or f"测试社会工作服务中心{next(_serial)}",
        "org_type": org_type,
        "area": where,
        "uscc": None if org_type == OrganizationType.COMMUNITY_GROUP else valid_uscc(where.code),
        **extra,
    }
    return organization_create(actor=operator(), data=data)


def user_with_role(role: str, *, area: Area | None = None, organization: Organization | None = None, **fields) -> User:
    user = UserFactory(**fields)
    role_grant_add(actor=operator(), user=user, role=role, area=area, organization=organization)
    return user
