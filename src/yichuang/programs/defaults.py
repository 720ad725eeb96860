"""The templates that ship with the platform, as data. Installed (idempotently) after migrate."""

from __future__ import annotations

from yichuang.programs.labels import EFFECT_LABELS, GUARD_LABELS

DEFAULT_FORM = {
    "attachment_types": ["pdf", "doc", "docx", "xls", "xlsx", "jpg", "jpeg", "png"],
}

DEFAULT_RUBRIC = {
    "criteria": [
        {"code": "need", "label_zh": "需求分析", "label_en": "Need analysis", "weight": 20, "max_points": 20, "na_allowed": False},
        {"code": "design", "label_zh": "项目设计", "label_en": "Project design", "weight": 25, "max_points": 25, "na_allowed": False},
        {"code": "capacity", "label_zh": "团队能力", "label_en": "Team capacity", "weight": 20, "max_points": 20, "na_allowed": False},
        {"code": "budget", "label_zh": "预算合理性", "label_en": "Budget reasonableness", "weight": 15, "max_points": 15, "na_allowed": False},
        {"code": "outcomes", "label_zh": "预期成效", "label_en": "Expected outcomes", "weight": 10, "max_points": 10, "na_allowed": False},
        {"code": "innovation", "label_zh": "可持续性与创新", "label_en": "Sustainability and innovation", "weight": 10, "max_points": 10, "na_allowed": True},
    ],
    "bonus": [{"code": "matching", "label_zh": "配套资金", "label_en": "Matching funds", "max_points": 5}],
    "review_weight_bp": 6000,
    "roadshow_weight_bp": 4000,
}

# (code, staff zh, staff en, applicant zh, applicant en, initial, terminal, applicant editable)
DEFAULT_STATES = [
    ("draft", "草稿", "Draft", "草稿", "Draft", True, False, True),
    ("submitted", "已提交", "Submitted", "已提交", "Submitted", False, False, False),
    ("screening", "资格审查中", "Screening", "审核中", "Under review", False, False, False),
    ("more_info", "待补充材料", "More information requested", "请补充材料", "Please add information", False, False, True),
    ("eligible", "资格审查通过", "Eligible", "审核中", "Under review", False, False, False),
    ("ineligible", "资格审查未通过", "Not eligible", "未通过资格审查", "Not eligible", False, True, False),
    ("in_review", "专家评审中", "In expert review", "评审中", "Under review", False, False, False),
    ("roadshow", "路演", "Roadshow", "路演", "Roadshow", False, False, False),
    ("in_vote", "居民投票中", "In the resident vote", "居民投票中", "In the resident vote", False, False, False),
    ("decided", "已决定待公示", "Decided, awaiting notice", "评审中", "Under review", False, False, False),
    ("public_notice", "公示中", "In public notice", "公示中", "In public notice", False, False, False),
    ("approved", "立项", "Approved", "已立项", "Approved", False, True, False),
    ("declined", "未获资助", "Declined", "未获资助", "Not funded", False, True, False),
    ("withdrawn", "已撤回", "Withdrawn", "已撤回", "Withdrawn", False, True, False),
]

APPLICANT = "org_member"
OFFICER = "program_officer"

# (code, source, target, outcome, roles, guards, effects, needs reason, label zh, label en)
DEFAULT_TRANSITIONS = [
    ("submit", "draft", "submitted", "advance", [APPLICANT], ["before_deadline", "document_complete"],
     ["snapshot", "run_screening", "notify_officers"], False, "提交申报", "Submit"),
    ("withdraw", "draft", "withdrawn", "withdraw", [APPLICANT], [], [], False, "撤回", "Withdraw"),
    ("start_screening", "submitted", "screening", "advance", [OFFICER], [], [], False, "开始资格审查", "Start screening"),
    ("withdraw", "submitted", "withdrawn", "withdraw", [APPLICANT], [], ["notify_officers"], True, "撤回", "Withdraw"),
    ("request_info", "screening", "more_info", "return", [OFFICER], [], ["notify_applicant"], True,
     "要求补充材料", "Request more information"),
    ("resubmit", "more_info", "screening", "advance", [APPLICANT], ["document_complete"],
     ["snapshot", "run_screening", "notify_officers"], False, "提交补充材料", "Send the additions"),
    ("withdraw", "more_info", "withdrawn", "withdraw", [APPLICANT], [], ["notify_officers"], True, "撤回", "Withdraw"),
    ("pass_screening", "screening", "eligible", "approve", [OFFICER], [], ["notify_applicant"], False,
     "资格审查通过", "Pass screening"),
    ("reject_screening", "screening", "ineligible", "reject", [OFFICER], [], ["notify_applicant"], True,
     "资格审查不通过", "Reject as ineligible"),
    ("start_review", "eligible", "in_review", "advance", [OFFICER], [], ["open_review_round"], False,
     "进入专家评审", "Send to expert review"),
    ("to_roadshow", "in_review", "roadshow", "advance", [OFFICER], [], ["notify_applicant"], False,
     "进入路演", "Invite to the roadshow"),
    ("decide", "in_review", "decided", "advance", [OFFICER], [], [], False, "确定资助", "Decide to fund"),
    ("decline", "in_review", "declined", "reject", [OFFICER], [], ["notify_applicant"], True, "不予资助", "Decline"),
    ("decide", "roadshow", "decided", "advance", [OFFICER], [], [], False, "确定资助", "Decide to fund"),
    ("to_vote", "eligible", "in_vote", "advance", [OFFICER], [], ["notify_applicant"], False,
     "列入居民投票", "Put to the resident vote"),
    ("decide", "in_vote", "decided", "advance", [OFFICER], [], [], False, "确定资助", "Decide to fund"),
    ("decline", "in_vote", "declined", "reject", [OFFICER], [], ["notify_applicant"], True, "不予资助", "Decline"),
    ("decline", "roadshow", "declined", "reject", [OFFICER], [], ["notify_applicant"], True, "不予资助", "Decline"),
    ("publish", "decided", "public_notice", "advance", [OFFICER], [], ["notify_applicant"], False, "公示", "Publish for notice"),
    ("approve", "public_notice", "approved", "approve", [OFFICER], ["notice_period_over", "objections_answered"],
     ["create_project", "notify_applicant"], False, "立项", "Approve"),
    ("decline", "public_notice", "declined", "reject", [OFFICER], ["objections_answered"], ["notify_applicant"], True,
     "不予立项", "Decline after notice"),
]

# The purpose of each step of the default workflow, by its code (programs.models.Purpose).
DEFAULT_PURPOSES = {
    "submit": "submit", "resubmit": "resubmit", "request_info": "request_info", "to_vote": "to_vote",
    "decide": "decide", "decline": "decline", "publish": "publish_notice", "approve": "approve",
}

# The codes a workflow may use are those with a label (programs/labels.py): one list.
KNOWN_GUARDS = set(GUARD_LABELS)
KNOWN_EFFECTS = set(EFFECT_LABELS)
