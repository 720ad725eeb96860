"""Kernel problem and check codes, said in the user's language."""

from __future__ import annotations

from django.utils.translation import gettext as _

from yichuang.kernel.money import Money


def _yuan(fen) -> str:
    return Money(fen).format() if isinstance(fen, int) else str(fen)


def _percent(bp) -> str:
    whole, rest = divmod(int(bp or 0), 100)
    return f"{whole}.{rest:02d}".rstrip("0").rstrip(".") + "%"


def problem_message(problem) -> str:
    p = problem.params
    messages = {
        "required": lambda: _("This is required."),
        "too_long": lambda: _("At most %(n)s characters, please.") % {"n": p.get("max_length") or p.get("limit")},
        "not_integer": lambda: _("Enter a whole number."),
        "not_money": lambda: _("Enter an amount in yuan with at most two decimals, for example 30000 or 1,234.50."),
        "float_money": lambda: _("Enter an amount in yuan with at most two decimals, for example 30000 or 1,234.50."),
        "min_value": lambda: _("The smallest allowed value is %(min)s.") % {"min": p.get("min")},
        "choice": lambda: _("Choose one of the options."),
        "date": lambda: _("Enter a date such as 2024-09-11."),
        "date_order": lambda: _("The end date cannot be before the start date."),
        "at_least_one": lambda: _("Add at least one row."),
        "not_in_program_domains": lambda: _("This program does not fund this service domain."),
        "over_max_grant": lambda: _("The grant requested, %(grant)s, is above this program's maximum of %(limit)s.")
        % {"grant": _yuan(p.get("grant_fen")), "limit": _yuan(p.get("limit_fen", p.get("max_grant_fen")))},
        "under_min_grant": lambda: _("The grant requested, %(grant)s, is below this program's minimum of %(limit)s.")
        % {"grant": _yuan(p.get("grant_fen")), "limit": _yuan(p.get("limit_fen", p.get("min_grant_fen")))},
        "co_funding_ratio": lambda: _(
            "The grant may be at most %(limit)s of the project budget; it is %(actual)s. Add own or matched funds, or ask for less."
        ) % {"limit": _percent(p.get("limit_bp", p.get("max_grant_ratio_bp"))), "actual": _percent(p.get("ratio_bp", p.get("actual_bp")))},
        "co_funding_cap": lambda: _("The grant may be at most %(limit)s.") % {"limit": _yuan(p.get("limit_fen", p.get("max_grant_cap_fen")))},
        "zero_budget": lambda: _("The budget is empty: add the amounts."),
    }
    return messages.get(problem.code, lambda: problem.code)()


CHECK_LABELS = {
    "registration": lambda: _("Registration"),
    "org_type": lambda: _("Type of organization"),
    "credit": lambda: _("Credit record"),
    "one_per_org": lambda: _("One application per organization"),
    "double_funding": lambda: _("No double funding"),
    "domain": lambda: _("Service domain"),
    "amount_limits": lambda: _("Amount within the limits"),
    "co_funding": lambda: _("Co-funding rule"),
}

OUTCOME_LABELS = {
    "pass": lambda: _("passed"),
    "fail": lambda: _("failed"),
    "warn": lambda: _("check by hand"),
    "na": lambda: _("not applicable"),
}


def check_label(code: str) -> str:
    return CHECK_LABELS.get(code, lambda: code)()


def outcome_label(outcome: str) -> str:
    return OUTCOME_LABELS.get(outcome, lambda: outcome)()


def check_detail(result) -> str:
    """One line explaining a check result from its parameters."""
    p = result.params or {}
    if result.code == "credit" and p.get("flags"):
        from yichuang.places.models import CreditFlagKind

        labels = dict(CreditFlagKind.choices)
        return "；".join(
            _("%(list)s since %(date)s") % {"list": labels.get(f.get("kind"), f.get("kind")), "date": f.get("listed_on")}
            for f in p["flags"]
        )
    if result.code == "double_funding" and p.get("matches"):
        return "；".join(f"{m.get('program')}：{m.get('title')}（{_percent(m.get('similarity_bp'))}）" for m in p["matches"])
    if result.code == "one_per_org" and p.get("others"):
        return _("%(n)s other application(s) of this organization in the program.") % {"n": p["others"]}
    if result.code in ("amount_limits", "co_funding"):
        parts = []
        if "grant_fen" in p:
            parts.append(_("grant %(grant)s") % {"grant": _yuan(p["grant_fen"])})
        if "total_fen" in p:
            parts.append(_("budget %(total)s") % {"total": _yuan(p["total_fen"])})
        if "ratio_bp" in p:
            parts.append(_percent(p["ratio_bp"]))
        return "，".join(parts)
    return ""
