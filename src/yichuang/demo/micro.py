"""Micro-venture (微创投) sample applications, shared by the Xiangshan vote and the Shushan projects:
a short document through the ordinary services, submitted and passed screening."""

from __future__ import annotations

from yichuang.applications.engine import application_transition
from yichuang.applications.services import application_autosave, application_start
from yichuang.demo import seed_data
from yichuang.places.models import Organization


def sample_member(admin, organization: Organization, username: str):
    """A member account for an organization the articles name no person of (no password: it cannot log in)."""
    from yichuang.accounts.roles import Role
    from yichuang.accounts.services import role_grant_add, user_create

    user = user_create(actor=admin, username=username, password=None, is_sample=True,
                       display_name=f"{organization.name}成员（示例）")
    role_grant_add(actor=admin, user=user, role=Role.ORG_MEMBER, organization=organization)
    return user


def seed_organization(key: str) -> Organization:
    """The organization a seed record names by its key."""
    return Organization.objects.get(name=next(o["name"] for o in seed_data.ORGANIZATIONS if o["key"] == key))


def micro_document(title: str, summary: str, domain: str, yuan: int, activities: list[str] | None = None,
                   beneficiaries: str = "社区居民", count: int = 40, period: tuple[str, str] = ("2025-01-05", "2025-06-30"),
                   indicators: list[dict] | None = None) -> dict:
    activities = activities or [title]
    return {
        "title": title, "summary": summary, "domain": domain, "beneficiary_group": beneficiaries,
        "beneficiary_count": str(count), "need_evidence": summary + "（示例：需求部分根据报道整理。）",
        "goals": f"通过“{title}”回应社区居民提出的需求，带动居民参与社区事务。",
        "activities": [{"name": name[:100], "start": period[0], "end": period[1], "sessions": "6",
                        "participants": "30", "description": ""} for name in activities],
        "indicators": indicators or [{"kind": "activities", "name": "", "target": str(6 * len(activities)), "unit": "场"},
                                     {"kind": "person_times", "name": "", "target": str(180 * len(activities)), "unit": "人次"}],
        "team": [{"name": "项目负责人（示例）", "role": "负责人", "qualification": "社区志愿者"}],
        "budget": [
            {"category": "activities", "item": "活动物料", "grant": str(yuan - yuan // 5), "own": "0", "matched": "500"},
            {"category": "publicity", "item": "宣传与资料印制", "grant": str(yuan // 5), "own": "0", "matched": "0"},
        ],
    }


def screened(actor, program, organization, community, document: dict):
    """Started, saved, submitted and passed screening (the operator acts for the sample organization)."""
    application = application_start(actor=actor, program=program, organization=organization, is_sample=True)
    application, _problems = application_autosave(actor=actor, application=application, raw=document,
                                                  revision=application.draft_revision, community=community)
    application = application_transition(actor=actor, application=application, code="submit")
    application_transition(actor=actor, application=application, code="start_screening")
    return application_transition(actor=actor, application=application, code="pass_screening")
