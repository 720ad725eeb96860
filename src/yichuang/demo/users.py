"""Demo log-ins: one per role of SPEC §2, plus the platform operator. All are sample accounts."""

from __future__ import annotations

from yichuang.accounts.roles import Role

DEMO_PASSWORD = "yichuang-demo"

# (username, display name, role, scope kind, scope key). Scope keys are area codes or organization keys.
DEMO_USERS = [
    ("officer", "武进区项目管理员（示例）", Role.PROGRAM_OFFICER, "area", "320412"),
    # A second Wujin officer: releasing money needs one officer to propose and another to approve.
    ("officer.review", "武进区资金复核员（示例）", Role.PROGRAM_OFFICER, "area", "320412"),
    ("officer.xiangshan", "相山区项目管理员（示例）", Role.PROGRAM_OFFICER, "area", "340603"),
    ("officer.shushan", "蜀山区项目管理员（示例）", Role.PROGRAM_OFFICER, "area", "340104"),
    # Runs 社东社区's community charity fund for the district (article 004): donations, grants, disclosure.
    ("officer.lishui", "溧水区项目管理员（示例）", Role.PROGRAM_OFFICER, "area", "320117"),
    ("expert", "评审专家（示例）", Role.EXPERT, "area", "320412"),
    # The organization's administrator (and so a member): invites colleagues too.
    ("org", "益能社工中心成员（示例）", Role.ORG_ADMIN, "organization", "wj-yineng"),
    ("supervisor", "武进区社工督导（示例）", Role.SUPERVISOR, "area", "320412"),
    ("community", "安康社区社区工作者（示例）", Role.COMMUNITY_WORKER, "area", "340603003901"),
    # Posts the micro-wishes 桥头志愿服务队 collects from the village's children (article 003).
    ("community.qiaotou", "桥头村社区工作者（示例）", Role.COMMUNITY_WORKER, "area", "340603100901"),
    # Keeps 社东社区's topics and ran its open-space deliberation (article 004).
    ("community.shedong", "社东社区社区工作者（示例）", Role.COMMUNITY_WORKER, "area", "320117004901"),
    ("volunteer", "安康社区志愿者（示例）", Role.VOLUNTEER, "area", "340603003901"),
    ("resident", "社东社区居民（示例）", Role.RESIDENT, "area", "320117004901"),
    # Votes in the Xiangshan resident vote (the other demo resident lives in Nanjing).
    ("resident.xs", "安康社区居民（示例）", Role.RESIDENT, "area", "340603003901"),
    ("donor", "社东社区捐赠人（示例）", Role.DONOR, "area", "320117004901"),
    ("auditor", "常州市审计（示例）", Role.AUDITOR, "area", "3204"),
]
