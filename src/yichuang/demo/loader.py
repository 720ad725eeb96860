"""Builds the demo world from the seed articles through the ordinary service functions,
so demo data obeys every rule real data does and leaves the same audit trail."""

from __future__ import annotations

import datetime
import hashlib

from django.db import transaction

from yichuang.accounts.models import User
from yichuang.accounts.services import role_grant_add, user_create
from yichuang.demo import seed_data
from yichuang.demo.users import DEMO_PASSWORD, DEMO_USERS
from yichuang.kernel.identifiers import uscc_check_char
from yichuang.places.models import Area, Organization, OrganizationType, ServiceDomain
from yichuang.places.services import area_create, credit_flag_add, organization_create, service_domain_create

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
# Civil-affairs type digit of the credit code (GB 32100-2015, position 2) by organization type.
USCC_PREFIX = {
    OrganizationType.SOCIAL_GROUP: "51",
    OrganizationType.PRIVATE_NON_ENTERPRISE: "52",
    OrganizationType.FOUNDATION: "53",
    OrganizationType.ENTERPRISE: "91",
}


def demo_uscc(org_type: str, region: str, key: str) -> str | None:
    """A well-formed, clearly generated credit code: the articles do not publish the real ones."""
    prefix = USCC_PREFIX.get(org_type)
    if prefix is None:
        return None
    digest = hashlib.sha256(key.encode()).digest()
    body = "".join(USCC_ALPHABET[b % len(USCC_ALPHABET)] for b in digest[:9])
    first17 = f"{prefix}{region[:6].ljust(6, '0')}{body}"
    return first17 + uscc_check_char(first17)


def is_loaded() -> bool:
    return User.objects.filter(username="admin").exists()


@transaction.atomic
def load() -> dict[str, int]:
    admin = user_create(
        actor=None, username="admin", password=DEMO_PASSWORD, display_name="平台管理员（示例）",
        is_superuser=True, is_sample=True,
    )
    domains = _load_domains(admin)
    areas = _load_areas(admin)
    organizations = _load_organizations(admin, areas, domains)
    _load_sample_flag(admin, organizations)
    _load_users(admin, areas, organizations)
    from yichuang.demo.programs import load_open_call, load_wujin, load_wujin_second

    load_wujin(admin, User.objects.get(username="officer"))
    load_wujin_second(admin, User.objects.get(username="officer"))
    load_open_call(admin)
    from yichuang.demo.shushan import load_shushan_projects
    from yichuang.demo.voting import load_xiangshan_vote

    load_xiangshan_vote(admin)
    load_shushan_projects(admin)
    from yichuang.demo.delivery import record_agan, record_wujin

    record_agan()
    record_wujin()
    from yichuang.demo.delivery import evaluate_wujin_midterm

    evaluate_wujin_midterm(User.objects.get(username="officer"))
    from yichuang.demo.delivery import supervise_wujin

    supervise_wujin()
    from yichuang.demo.people import load_people_waiting

    load_people_waiting()
    from yichuang.demo.volunteers import load_volunteers

    load_volunteers()
    from yichuang.demo.participation import load_survey, load_topics, load_wishes

    load_wishes()
    load_survey()
    load_topics()
    from yichuang.demo.meetings import load_meetings

    load_meetings()
    from yichuang.demo.charity import load_charity

    load_charity()
    return {"areas": len(areas), "organizations": len(organizations), "users": User.objects.count()}


def _load_domains(admin) -> dict[str, ServiceDomain]:
    return {
        d["code"]: service_domain_create(
            actor=admin, code=d["code"], name_zh=d["zh"], name_en=d["en"], position=position
        )
        for position, d in enumerate(seed_data.DOMAINS)
    }


def _load_areas(admin) -> dict[str, Area]:
    areas: dict[str, Area] = {}
    for row in sorted(seed_data.AREAS, key=lambda r: (len(r["code"]), r["code"])):
        areas[row["code"]] = area_create(
            actor=admin,
            parent=areas.get(row["parent"]) if row["parent"] else None,
            code=row["code"],
            name=row["name"],
            code_official=row.get("code_official", True),
        )
    return areas


def _load_organizations(admin, areas, domains) -> dict[str, Organization]:
    organizations = {}
    for row in seed_data.ORGANIZATIONS:
        area = areas[row["area"]]
        organizations[row["key"]] = organization_create(
            actor=admin,
            data={
                "name": row["name"],
                "org_type": row["org_type"],
                "uscc": demo_uscc(row["org_type"], area.code, row["key"]),
                "area": area,
                "charter_scope": row.get("charter_scope", ""),
                "registering_authority": row.get("registering_authority", ""),
                "domains": [domains[code] for code in row.get("domains", []) if code in domains],
                "is_sample": row.get("is_sample", False),
            },
        )
    return organizations


def _load_sample_flag(admin, organizations) -> None:
    """One sample organization on the abnormal-activities list, so screening has something to find."""
    # Not a Wujin organization: the fourteen Wujin projects pass screening in the demo.
    sample = next((o for o in organizations.values() if o.is_sample and not o.area.path.startswith("/32/3204/320412/")), None)
    if sample is not None:
        credit_flag_add(
            actor=admin,
            organization=sample,
            kind="abnormal_operation",
            listed_on=datetime.date(2024, 3, 1),
            authority="示例登记管理机关",
            note="示例数据：未按时提交年度工作报告。",
        )


def _resolve_area(areas: dict[str, Area], key: str) -> Area:
    if key in areas:
        return areas[key]
    return Area.objects.get(name=key)


def _load_users(admin, areas, organizations) -> None:
    for username, display_name, role, scope_kind, scope_key in DEMO_USERS:
        user = user_create(
            actor=admin, username=username, password=DEMO_PASSWORD, display_name=display_name, is_sample=True
        )
        if scope_kind == "organization":
            role_grant_add(actor=admin, user=user, role=role, organization=organizations[scope_key])
        else:
            role_grant_add(actor=admin, user=user, role=role, area=_resolve_area(areas, scope_key))
