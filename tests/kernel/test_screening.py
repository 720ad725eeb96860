import datetime
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yichuang.kernel.money import Money
from yichuang.kernel.screening import CHECK_CODES, CheckResult, run_checks

TODAY = datetime.date(2025, 6, 30)


def days_ago(days: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=days)


def make_application(**changes) -> dict:
    return {"domain": "elderly", "grant_fen": 6_000_000, "own_fen": 2_000_000, "matched_fen": 2_000_000, **changes}


def make_organization(**changes) -> dict:
    return {"registered": True, "org_type": "social_service_agency", "credit_flags": [], **changes}


def make_rules(**changes) -> dict:
    rules = {
        "allow_unregistered": False, "allowed_org_types": None, "one_application_per_org": False,
        "credit_lookback_days": {"abnormal_operation": 365, "serious_dishonesty": 730}, "domains": None,
        "min_grant_fen": None, "max_grant_fen": None, "max_grant_ratio_bp": None, "max_grant_cap_fen": None,
    }
    return {**rules, **changes}


def make_context(**changes) -> dict:
    return {"other_applications_in_program": 0, "double_funding": [], **changes}


def check(code: str, *, application=None, organization=None, rules=None, context=None, today=TODAY) -> CheckResult:
    results = run_checks(
        application=application or make_application(), organization=organization or make_organization(),
        rules=rules or make_rules(), context=context or make_context(), today=today,
    )
    return {result.code: result for result in results}[code]


def flag(kind: str, listed_on: datetime.date, removed_on: datetime.date | None = None) -> dict:
    return {"kind": kind, "listed_on": listed_on, "removed_on": removed_on}


# --- run_checks --------------------------------------------------------------------------------------


def test_run_checks_one_result_per_code_in_order():
    results = run_checks(application=make_application(), organization=make_organization(), rules=make_rules(),
                         context=make_context(), today=TODAY)

    assert [r.code for r in results] == list(CHECK_CODES)


def test_run_checks_rules_off_give_na():
    results = run_checks(application=make_application(), organization=make_organization(), rules=make_rules(),
                         context=make_context(), today=TODAY)

    outcomes = {r.code: r.outcome for r in results}
    assert outcomes == {"registration": "pass", "org_type": "na", "credit": "pass", "one_per_org": "na",
                        "double_funding": "pass", "domain": "na", "amount_limits": "na", "co_funding": "na"}


def test_run_checks_float_amount_raises_type_error():
    with pytest.raises(TypeError):
        check("co_funding", application=make_application(grant_fen=100.0))


# --- registration and org_type -------------------------------------------------------------------------


def test_registration_unregistered_fails_unless_program_allows():
    organization = make_organization(registered=False)

    refused = check("registration", organization=organization)
    allowed = check("registration", organization=organization, rules=make_rules(allow_unregistered=True))

    assert refused.outcome == "fail"
    assert allowed.outcome == "pass"
    assert allowed.params == {"registered": False, "allow_unregistered": True}


def test_org_type_outside_allowed_fails_with_allowed_list():
    rules = make_rules(allowed_org_types=["foundation"])

    result = check("org_type", rules=rules)

    assert result == CheckResult("org_type", "fail", {"org_type": "social_service_agency", "allowed": ["foundation"]})


def test_org_type_in_allowed_passes():
    rules = make_rules(allowed_org_types=["foundation", "social_service_agency"])

    assert check("org_type", rules=rules).outcome == "pass"


# --- credit ------------------------------------------------------------------------------------------


def test_credit_current_listing_fails_with_dates():
    organization = make_organization(credit_flags=[flag("abnormal_operation", datetime.date(2025, 1, 2))])

    result = check("credit", organization=organization)

    assert result.outcome == "fail"
    assert result.params["flags"] == [
        {"kind": "abnormal_operation", "listed_on": "2025-01-02", "removed_on": None, "lookback_days": 365}
    ]


def test_credit_removed_inside_window_still_fails():
    organization = make_organization(credit_flags=[flag("abnormal_operation", days_ago(800), days_ago(364))])

    assert check("credit", organization=organization).outcome == "fail"


def test_credit_removed_exactly_at_window_start_passes():
    organization = make_organization(credit_flags=[flag("abnormal_operation", days_ago(800), days_ago(365))])

    result = check("credit", organization=organization)

    assert result.outcome == "pass"
    assert result.params["flags"] == []


def test_credit_serious_dishonesty_has_longer_window():
    removed = days_ago(500)
    abnormal = make_organization(credit_flags=[flag("abnormal_operation", days_ago(900), removed)])
    serious = make_organization(credit_flags=[flag("serious_dishonesty", days_ago(900), removed)])

    assert check("credit", organization=abnormal).outcome == "pass"
    assert check("credit", organization=serious).outcome == "fail"


def test_credit_listed_after_today_does_not_count():
    organization = make_organization(credit_flags=[flag("serious_dishonesty", TODAY + datetime.timedelta(days=1))])

    assert check("credit", organization=organization).outcome == "pass"


def test_credit_listed_today_counts():
    organization = make_organization(credit_flags=[flag("serious_dishonesty", TODAY)])

    assert check("credit", organization=organization).outcome == "fail"


def test_credit_program_window_overrides_default_for_that_kind_only():
    organization = make_organization(credit_flags=[flag("abnormal_operation", days_ago(900), days_ago(100)),
                                                   flag("serious_dishonesty", days_ago(900), days_ago(700))])
    rules = make_rules(credit_lookback_days={"abnormal_operation": 90})

    result = check("credit", organization=organization, rules=rules)

    assert [f["kind"] for f in result.params["flags"]] == ["serious_dishonesty"]


def test_credit_unknown_kind_asks_for_a_person():
    organization = make_organization(credit_flags=[flag("tax_arrears", days_ago(10))])

    result = check("credit", organization=organization)

    assert result.outcome == "warn"
    assert result.params["unclear"] == [{"kind": "tax_arrears", "listed_on": days_ago(10).isoformat(), "removed_on": None}]


def test_credit_iso_text_dates_accepted():
    organization = make_organization(credit_flags=[{"kind": "abnormal_operation", "listed_on": "2025-06-01",
                                                    "removed_on": None}])

    assert check("credit", organization=organization).outcome == "fail"


# --- one_per_org and double_funding -------------------------------------------------------------------------


def test_one_per_org_other_application_fails():
    result = check("one_per_org", rules=make_rules(one_application_per_org=True),
                   context=make_context(other_applications_in_program=1))

    assert result == CheckResult("one_per_org", "fail", {"others": 1})


def test_one_per_org_no_other_application_passes():
    result = check("one_per_org", rules=make_rules(one_application_per_org=True))

    assert result.outcome == "pass"


def test_double_funding_any_match_fails_listing_them():
    match = {"program": "2024 区公益创投", "title": "长者陪伴计划", "similarity_bp": 8200}

    result = check("double_funding", context=make_context(double_funding=[match]))

    assert result == CheckResult("double_funding", "fail", {"matches": [match]})


# --- domain and amount limits --------------------------------------------------------------------------


def test_domain_outside_program_domains_fails():
    result = check("domain", application=make_application(domain="sports"), rules=make_rules(domains=["elderly"]))

    assert result == CheckResult("domain", "fail", {"domain": "sports", "allowed": ["elderly"]})


def test_domain_inside_program_domains_passes():
    assert check("domain", rules=make_rules(domains=["elderly", "youth"])).outcome == "pass"


@pytest.mark.parametrize(("grant", "outcome", "failed"), [(99_999, "fail", ["min"]), (100_000, "pass", []),
                                                          (200_000, "pass", []), (200_001, "fail", ["max"])])
def test_amount_limits_inclusive_boundaries(grant, outcome, failed):
    rules = make_rules(min_grant_fen=100_000, max_grant_fen=200_000)

    result = check("amount_limits", application=make_application(grant_fen=grant), rules=rules)

    assert result == CheckResult("amount_limits", outcome,
                                 {"grant_fen": grant, "min_fen": 100_000, "max_fen": 200_000, "failed": failed})


# --- co_funding ----------------------------------------------------------------------------------------

CLASSIC = make_rules(max_grant_ratio_bp=6000, max_grant_cap_fen=Money.from_yuan("500,000").fen)


def test_co_funding_classic_rule_exactly_60_percent_passes():
    application = make_application(grant_fen=6_000_000, own_fen=4_000_000, matched_fen=0)

    result = check("co_funding", application=application, rules=CLASSIC)

    assert result.outcome == "pass"
    assert result.params["ratio_bp"] == 6000


def test_co_funding_classic_rule_60_01_percent_fails():
    application = make_application(grant_fen=6_001_000, own_fen=3_999_000, matched_fen=0)

    result = check("co_funding", application=application, rules=CLASSIC)

    assert result == CheckResult("co_funding", "fail", {
        "grant_fen": 6_001_000, "own_fen": 3_999_000, "matched_fen": 0, "total_fen": 10_000_000,
        "ratio_bp": 6001, "limit_bp": 6000, "cap_fen": 50_000_000, "failed": ["ratio"],
    })


def test_co_funding_classic_rule_grant_of_500000_yuan_passes():
    application = make_application(grant_fen=Money.from_yuan("500,000.00").fen, own_fen=50_000_000, matched_fen=0)

    assert check("co_funding", application=application, rules=CLASSIC).outcome == "pass"


def test_co_funding_classic_rule_one_fen_over_500000_yuan_fails():
    application = make_application(grant_fen=Money.from_yuan("500,000.01").fen, own_fen=50_000_000, matched_fen=0)

    result = check("co_funding", application=application, rules=CLASSIC)

    assert (result.outcome, result.params["failed"]) == ("fail", ["cap"])


def test_co_funding_matched_funds_count_towards_budget():
    application = make_application(grant_fen=6_000_000, own_fen=1_000_000, matched_fen=3_000_000)

    assert check("co_funding", application=application, rules=CLASSIC).outcome == "pass"


def test_co_funding_empty_budget_has_no_ratio():
    application = make_application(grant_fen=0, own_fen=0, matched_fen=0)

    result = check("co_funding", application=application, rules=CLASSIC)

    assert (result.outcome, result.params["ratio_bp"]) == ("pass", None)


amounts = st.integers(0, 10**13)


@given(grant=amounts, own=amounts, matched=amounts, ratio=st.integers(0, 10_000) | st.none(),
       cap=amounts | st.none())
def test_co_funding_matches_fraction_reference(grant, own, matched, ratio, cap):
    application = make_application(grant_fen=grant, own_fen=own, matched_fen=matched)
    total = grant + own + matched

    result = check("co_funding", application=application, rules=make_rules(max_grant_ratio_bp=ratio, max_grant_cap_fen=cap))

    ratio_ok = ratio is None or total == 0 or Fraction(grant, total) <= Fraction(ratio, 10_000)
    cap_ok = cap is None or grant <= cap
    expected = "na" if ratio is None and cap is None else "pass" if ratio_ok and cap_ok else "fail"
    assert result.outcome == expected


@given(grant=amounts, own=amounts, matched=amounts)
def test_co_funding_ratio_bp_is_exact_ratio_rounded_up(grant, own, matched):
    total = grant + own + matched

    result = check("co_funding", application=make_application(grant_fen=grant, own_fen=own, matched_fen=matched))

    if total == 0:
        assert result.params["ratio_bp"] is None
    else:
        exact = Fraction(grant * 10_000, total)
        assert result.params["ratio_bp"] - 1 < exact <= result.params["ratio_bp"]
