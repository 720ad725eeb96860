"""Automatic eligibility checks of an application against its program's rules.

Plain data in, one :class:`CheckResult` per code of :data:`CHECK_CODES` out, in
that order.  The web layer stores the results and words them from ``code`` and
``params``, so params hold plain JSON values only (dates as ISO text, money as
int fen, ratios as basis points).  A rule that is off (None) gives "na".
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field

from yichuang.kernel.money import BASIS_POINTS

__all__ = ["CHECK_CODES", "DEFAULT_CREDIT_LOOKBACK_DAYS", "OUTCOMES", "CheckResult", "run_checks"]

CHECK_CODES = (
    "registration", "org_type", "credit", "one_per_org", "double_funding", "domain", "amount_limits", "co_funding",
)
OUTCOMES = ("pass", "fail", "warn", "na")

# How long a listing keeps counting after it was lifted, unless the program says otherwise.
# A failed evaluation's bar carries its own end (removed_on): it counts while in force, no longer.
DEFAULT_CREDIT_LOOKBACK_DAYS = {"abnormal_operation": 365, "serious_dishonesty": 730, "failed_evaluation": 0}


@dataclass(frozen=True)
class CheckResult:
    code: str
    outcome: str  # "pass" | "fail" | "warn" (an officer must look) | "na" (rule off)
    params: dict = field(default_factory=dict)


def _fen(value: object, what: str) -> int:
    """An amount in fen; floats are a caller's bug, never rounded away here."""
    if value is None:
        return 0
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"{what} must be int fen, not {type(value).__name__}")
    return value


def _as_date(value: object) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _iso(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


# --- one function per check -----------------------------------------------------------------------


def _registration(organization: Mapping, rules: Mapping) -> CheckResult:
    registered = bool(organization.get("registered"))
    allowed = bool(rules.get("allow_unregistered"))
    outcome = "pass" if registered or allowed else "fail"
    return CheckResult("registration", outcome, {"registered": registered, "allow_unregistered": allowed})


def _org_type(organization: Mapping, rules: Mapping) -> CheckResult:
    allowed = rules.get("allowed_org_types")
    # An empty list is how an unset choice arrives from a form: no restriction, like None.
    if not allowed:
        return CheckResult("org_type", "na")
    org_type = organization.get("org_type")
    outcome = "pass" if org_type in allowed else "fail"
    return CheckResult("org_type", outcome, {"org_type": org_type, "allowed": list(allowed)})


def _lookback(rules: Mapping) -> dict[str, int]:
    # A program that sets one kind's window keeps the default for the other.
    return {**DEFAULT_CREDIT_LOOKBACK_DAYS, **(rules.get("credit_lookback_days") or {})}


def _flag_counts(listed: datetime.date, removed: datetime.date | None, today: datetime.date, days: int) -> bool:
    """Whether the listing was in force at any time in the ``days`` before ``today``."""
    window_start = today - datetime.timedelta(days=days)
    return listed <= today and (removed is None or removed > window_start)


def _credit(organization: Mapping, rules: Mapping, today: datetime.date) -> CheckResult:
    lookback = _lookback(rules)
    counted: list[dict] = []
    unclear: list[dict] = []
    for flag in organization.get("credit_flags") or []:
        kind = flag.get("kind")
        listed, removed = _as_date(flag.get("listed_on")), _as_date(flag.get("removed_on"))
        entry = {"kind": kind, "listed_on": _iso(listed), "removed_on": _iso(removed)}
        if kind not in lookback or listed is None:
            # An unknown kind or a missing date cannot be judged by rule; an officer must look.
            unclear.append({**entry, "listed_on": _iso(listed) or flag.get("listed_on")})
        elif _flag_counts(listed, removed, today, lookback[kind]):
            counted.append({**entry, "lookback_days": lookback[kind]})
    outcome = "fail" if counted else "warn" if unclear else "pass"
    return CheckResult("credit", outcome, {"flags": counted, "unclear": unclear, "today": today.isoformat()})


def _one_per_org(context: Mapping, rules: Mapping) -> CheckResult:
    if not rules.get("one_application_per_org"):
        return CheckResult("one_per_org", "na")
    others = int(context.get("other_applications_in_program") or 0)
    return CheckResult("one_per_org", "fail" if others > 0 else "pass", {"others": others})


def _double_funding(context: Mapping) -> CheckResult:
    # Copies, so the stored result does not change if the caller's list does.
    matches = [dict(match) for match in context.get("double_funding") or []]
    return CheckResult("double_funding", "fail" if matches else "pass", {"matches": matches})


def _domain(application: Mapping, rules: Mapping) -> CheckResult:
    allowed = rules.get("domains")
    if not allowed:  # None or empty: the program funds any domain
        return CheckResult("domain", "na")
    domain = application.get("domain") or ""
    outcome = "pass" if domain in allowed else "fail"
    return CheckResult("domain", outcome, {"domain": domain, "allowed": list(allowed)})


def _amount_limits(application: Mapping, rules: Mapping) -> CheckResult:
    grant = _fen(application.get("grant_fen"), "grant_fen")
    low, high = rules.get("min_grant_fen"), rules.get("max_grant_fen")
    params = {"grant_fen": grant, "min_fen": low, "max_fen": high}
    if low is None and high is None:
        return CheckResult("amount_limits", "na", params)
    failed = [name for name, broken in (("min", low is not None and grant < low), ("max", high is not None and grant > high)) if broken]
    return CheckResult("amount_limits", "fail" if failed else "pass", {**params, "failed": failed})


def _ratio_bp(grant: int, total: int) -> int | None:
    # Rounded up, so a ratio just over the limit never displays as equal to it.
    return -(-grant * BASIS_POINTS // total) if total else None


def _co_funding(application: Mapping, rules: Mapping) -> CheckResult:
    grant = _fen(application.get("grant_fen"), "grant_fen")
    own = _fen(application.get("own_fen"), "own_fen")
    matched = _fen(application.get("matched_fen"), "matched_fen")
    total = grant + own + matched
    ratio, cap = rules.get("max_grant_ratio_bp"), rules.get("max_grant_cap_fen")
    params = {"grant_fen": grant, "own_fen": own, "matched_fen": matched, "total_fen": total,
              "ratio_bp": _ratio_bp(grant, total), "limit_bp": ratio, "cap_fen": cap}
    if ratio is None and cap is None:
        return CheckResult("co_funding", "na", params)
    # Integer arithmetic only: grant / total <= ratio / 10000, without dividing.
    ratio_broken = ratio is not None and grant * BASIS_POINTS > total * ratio
    cap_broken = cap is not None and grant > cap
    failed = [name for name, broken in (("ratio", ratio_broken), ("cap", cap_broken)) if broken]
    return CheckResult("co_funding", "fail" if failed else "pass", {**params, "failed": failed})


def run_checks(
    *, application: dict, organization: dict, rules: dict, context: dict, today: datetime.date
) -> list[CheckResult]:
    """One result per code of CHECK_CODES, in that order.  Amounts must be int fen."""
    return [
        _registration(organization, rules),
        _org_type(organization, rules),
        _credit(organization, rules, today),
        _one_per_org(context, rules),
        _double_funding(context),
        _domain(application, rules),
        _amount_limits(application, rules),
        _co_funding(application, rules),
    ]
