"""The Wujin expert panel (sample data): seven invented experts with accounts, for the review demo.

Names are invented and marked “（示例）”. Two are affiliated with Wujin applicant organizations, so the
conflict rules have something to catch. The demo log-in "expert" is the first of them.
"""

from __future__ import annotations

from yichuang.accounts.models import User
from yichuang.accounts.roles import Role
from yichuang.accounts.services import role_grant_add, user_create
from yichuang.demo.users import DEMO_PASSWORD
from yichuang.places.models import Organization, ServiceDomain
from yichuang.reviews.models import Expert
from yichuang.reviews.pool import expert_create, expert_update

# (username, name, title, employer, domains, affiliated organization name or "", min, max)
PANEL = [
    ("expert", "周明远（示例）", "教授", "常州大学社会工作系", ["elderly", "community"], "", 2, 8),
    ("expert.li", "李慧敏（示例）", "副教授", "江苏理工学院社会工作系", ["elderly", "disability"], "", 2, 8),
    ("expert.wang", "王建国（示例）", "高级社会工作师", "常州市社会工作协会", ["community", "poverty"], "武进区大爱调解协会", 2, 8),
    ("expert.chen", "陈晓燕（示例）", "注册会计师", "常州某会计师事务所", ["poverty", "other"], "", 2, 8),
    ("expert.zhao", "赵丽华（示例）", "社会工作督导", "武进区社会组织服务中心", ["disability", "other"], "武进区同心助残驿站", 2, 8),
    ("expert.sun", "孙志刚（示例）", "退休干部", "原武进区民政局", ["elderly", "poverty"], "", 2, 8),
    ("expert.wu", "吴静（示例）", "公益项目评估师", "江南公益发展研究中心", ["community", "disability", "other"], "", 2, 8),
]


def load_experts(*, actor, district) -> list[Expert]:
    """The panel, made on the first call; later rounds get the same experts."""
    existing = list(Expert.objects.filter(user__username__in=[row[0] for row in PANEL]).select_related("user"))
    if len(existing) == len(PANEL):
        order = [row[0] for row in PANEL]
        return sorted(existing, key=lambda expert: order.index(expert.user.username))
    experts = []
    for username, name, title, employer, domains, affiliation, low, high in PANEL:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = user_create(actor=actor, username=username, password=DEMO_PASSWORD, display_name=name, is_sample=True)
            role_grant_add(actor=actor, user=user, role=Role.EXPERT, area=district)
        affiliations = list(Organization.objects.filter(name=affiliation)) if affiliation else []
        expert = expert_create(
            actor=actor, name=name, title=title, employer=employer, area=district, min_load=low, max_load=high,
            domains=list(ServiceDomain.objects.filter(code__in=domains)), affiliations=affiliations,
            note="示例数据", is_sample=True,
        )
        experts.append(expert_update(actor=actor, expert=expert, version=expert.version, user=user))
    return experts
