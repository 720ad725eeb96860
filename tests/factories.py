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
from yichuang.places.validation import USCC_PREFIXES

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
        "uscc": None if org_type == OrganizationType.COMMUNITY_GROUP else valid_uscc(where.code, USCC_PREFIXES.get(org_type, ("52",))[0]),
        **extra,
    }
    return organization_create(actor=operator(), data=data)


def user_with_role(role: str, *, area: Area | None = None, organization: Organization | None = None, **fields) -> User:
    user = UserFactory(**fields)
    role_grant_add(actor=operator(), user=user, role=role, area=area, organization=organization)
    return user


# --- programs and applications ------------------------------------------------------------------
# Imported here so the helpers above stay importable on their own; these pull in the pipeline apps.
import datetime  # noqa: E402

from django.utils import timezone  # noqa: E402

from yichuang.accounts.roles import Role  # noqa: E402
from yichuang.applications.engine import application_transition  # noqa: E402
from yichuang.applications.models import Application  # noqa: E402
from yichuang.applications.services import application_autosave, application_start  # noqa: E402
from yichuang.kernel.money import Money  # noqa: E402
from yichuang.places.models import ServiceDomain  # noqa: E402
from yichuang.places.services import service_domain_create  # noqa: E402
from yichuang.programs.models import Program  # noqa: E402
from yichuang.programs.services import program_create, program_start  # noqa: E402

ONE_TRANCHE = {"percent_bp": 10000, "amount": None, "trigger": "signing", "due_on": None}
DOMAINS = {"elderly": ("养老服务", "Elderly care"), "community": ("社区建设", "Community building")}


def service_domain(code: str = "elderly") -> ServiceDomain:
    name_zh, name_en = DOMAINS.get(code, (f"领域{code}", f"Domain {code}"))
    existing = ServiceDomain.objects.filter(code=code).first()
    return existing or service_domain_create(actor=operator(), code=code, name_zh=name_zh, name_en=name_en)


def program(where: Area | None = None, *, start: bool = True, domains: list | None = None, tranches: list | None = None,
            **overrides) -> Program:
    """A program of ``where`` organised by its civil-affairs bureau; started (call open now) unless start=False."""
    where = where or district()
    n = next(_serial)
    organizer = organization(where, name=f"{where.name}民政局{n}", org_type=OrganizationType.GOVERNMENT, uscc=None)
    now = timezone.now()
    data = {
        "name": f"测试公益创投{n}", "code": f"t{n}", "organizer": organizer, "area": where, "year": now.year,
        "description": "", "total_budget": Money.from_yuan(450_000), "min_grant": Money.from_yuan(10_000),
        "max_grant": Money.from_yuan(30_000), "max_grant_ratio_bp": 6000, "max_grant_cap": None,
        "allow_unregistered": False, "allowed_org_types": [], "one_application_per_org": True,
        "applications_open_at": now - datetime.timedelta(days=7),
        "applications_close_at": now + datetime.timedelta(days=30), "attachment_max_mb": 10,
        **overrides,
    }
    domains = domains if domains is not None else [service_domain("elderly"), service_domain("community")]
    tranches = tranches if tranches is not None else [ONE_TRANCHE]
    created = program_create(actor=operator(), data=data, domains=domains, tranches=tranches)
    return program_start(actor=operator(), program=created) if start else created


def application_document(**overrides) -> dict:
    """A complete raw document, as the editor posts it: grant ¥18,000 of a ¥32,000 budget (56.25%)."""
    document = {
        "title": "长者助餐与邻里探访",
        "summary": "为社区独居和空巢老人提供助餐配送与每周上门探访，建立邻里互助网络。",
        "domain": "elderly",
        "beneficiary_group": "社区独居和空巢老人",
        "beneficiary_count": "60",
        "need_evidence": (
            "社区共有六十岁以上老人八百余名，其中独居和空巢老人一百二十名。入户走访发现，"
            "多数老人行动不便，三餐不规律，子女长期在外地工作，日常缺少陪伴和照看，突发疾病时无人知晓。"
        ),
        "goals": "一年内为六十名老人提供稳定的助餐服务，每周探访一次，培育二十名邻里志愿者结对照看。",
        "activities": [
            {"name": "助餐配送", "start": "2025-03-01", "end": "2025-12-31", "sessions": "40", "participants": "60",
             "description": "与社区食堂合作，志愿者每日午间送餐上门。"},
        ],
        "indicators": [{"kind": "beneficiaries", "name": "", "target": "60", "unit": "人"}],
        "team": [{"name": "王晓", "role": "负责人", "qualification": "社会工作师"}],
        "budget": [
            {"category": "activities", "item": "助餐补贴与物料", "grant": "15000", "own": "8000", "matched": "0"},
            {"category": "personnel", "item": "专业社工服务", "grant": "3000", "own": "4000", "matched": "2000"},
        ],
    }
    return {**document, **overrides}


def applicant(organization: Organization) -> User:
    """A member of ``organization`` (the first one, created when there is none)."""
    existing = User.objects.filter(grants__role=Role.ORG_MEMBER, grants__organization=organization).first()
    return existing or user_with_role(Role.ORG_MEMBER, organization=organization)


def program_community(program: Program) -> Area:
    existing = Area.objects.filter(path__startswith=program.area.path, level=AreaLevel.COMMUNITY).first()
    return existing or community(program.area)


def draft_application(program: Program, organization: Organization, document: dict | None = None) -> Application:
    """Started and saved once with ``document`` (a complete one by default) and a community of the program."""
    member = applicant(organization)
    application = application_start(actor=member, program=program, organization=organization)
    application, _problems = application_autosave(
        actor=member, application=application, raw=application_document() if document is None else document,
        revision=application.draft_revision, community=program_community(program),
    )
    return application


def submitted_application(program: Program, organization: Organization, document: dict | None = None) -> Application:
    application = draft_application(program, organization, document)
    application_transition(actor=applicant(organization), application=application, code="submit")
    return Application.objects.get(pk=application.pk)
