"""Automatic eligibility checks of an application against its program's rules.

Plain data in, one result per check out; the web layer stores the results and words them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

CHECK_CODES = (
    "registration", "org_type", "credit", "one_per_org", "double_funding", "domain", "amount_limits", "co_funding",
)


@dataclass(frozen=True)
class CheckResult:
    code: str
    outcome: str  # "pass" | "fail" | "warn" | "na"
    params: dict = field(default_factory=dict)


def _registration(organization: dict, rules: dict) -> CheckResult:
    if organization.get("registered") or rules.get("allow_unregistered"):
        return CheckResult("registration", "pass", {"registered": bool(organization.get("registered"))})
    return CheckResult("registration", "fail", {"registered": False})


def _org_type(organization: dict, rules: dict) -> CheckResult:
    allowed = rules.get("allowed_org_types")
    if not allowed:
        return CheckResult("org_type", "na")
    outcome = "pass" if organization.get("org_type") in allowed else "fail"
    return CheckResult("org_type", outcome, {"org_type": organization.get("org_type"), "allowed": list(allowed)})


def _credit(organization: dict, rules: dict, today: datetime.date) -> CheckResult:
    lookback = rules.get("credit_lookback_days") or {}
    counted = []
    for flag in organization.get("credit_flags") or []:
        days = lookback.get(flag.get("kind"))
        if days is None:
            continue
        window_start = today - datetime.timedelta(days=days)
        removed = flag.get("removed_on")
        # Active at any time in the window: listed by today and not removed before the window began.
        if flag["listed_on"] <= today and (removed is None or removed > window_start):
            counted.append({"kind": flag["kind"], "listed_on": flag["listed_on"].isoformat(),
                            "removed_on": removed.isoformat() if removed else None, "lookback_days": days})
    return CheckResult("credit", "fail" if counted else "pass", {"flags": counted})


def _one_per_org(context: dict, rules: dict) -> CheckResult:
    if not rules.get("one_application_per_org"):
        return CheckResult("one_per_org", "na")
    others = int(context.get("other_applications_in_program") or 0)
    return CheckResult("one_per_org", "fail" if others else "pass", {"others": others})


def _double_funding(context: dict) -> CheckResult:
    matches = list(context.get("double_funding") or [])
    return CheckResult("double_funding", "fail" if matches else "pass", {"matches": matches})


def _domain(application: dict, rules: dict) -> CheckResult:
    domains = rules.get("domains")
    if not domains:
        return CheckResult("domain", "na")
    outcome = "pass" if application.get("domain") in domains else "fail"
    return CheckResult("domain", outcome, {"domain": application.get("domain"), "allowed": list(domains)})


def _amounts(application: dict, rules: dict) -> CheckResult:
    grant = int(application.get("grant_fen") or 0)
    low, high = rules.get("min_grant_fen"), rules.get("max_grant_fen")
    if low is None and high is None:
        return CheckResult("amount_limits", "na", {"grant_fen": grant})
    ok = (low is None or grant >= low) and (high is None or grant <= high)
    return CheckResult("amount_limits", "pass" if ok else "fail", {"grant_fen": grant, "min_fen": low, "max_fen": high})


def _co_funding(application: dict, rules: dict) -> CheckResult:
    grant = int(application.get("grant_fen") or 0)
    total = grant + int(application.get("own_fen") or 0) + int(application.get("matched_fen") or 0)
    ratio, cap = rules.get("max_grant_ratio_bp"), rules.get("max_grant_cap_fen")
    if ratio is None and cap is None:
        return CheckResult("co_funding", "na", {"grant_fen": grant, "total_fen": total})
    # Integer arithmetic only: grant / total <= ratio / 10000.
    ratio_ok = ratio is None or (total > 0 and grant * 10000 <= total * ratio)
    cap_ok = cap is None or grant <= cap
    params = {"grant_fen": grant, "total_fen": total, "limit_bp": ratio, "cap_fen": cap,
              "ratio_bp": (grant * 10000 // total) if total else None}
    return CheckResult("co_funding", "pass" if ratio_ok and cap_ok else "fail", params)


def run_checks(*, application: dict, organization: dict, rules: dict, context: dict, today: datetime.date) -> list[CheckResult]:
    return [
        _registration(organization, rules),
        _org_type(organization, rules),
        _credit(organization, rules, today),
        _one_per_org(context, rules),
        _double_funding(context),
        _domain(application, rules),
        _amounts(application, rules),
        _co_funding(application, rules),
    ]
