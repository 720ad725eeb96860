import copy
import json
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yichuang.kernel.applications import (
    BUDGET_CATEGORIES,
    INDICATOR_KINDS,
    Change,
    Problem,
    budget_totals,
    by_category,
    diff_documents,
    document_text,
    empty_document,
    normalise_document,
    validate_for_submission,
)
from yichuang.kernel.money import Money

NO_RULES: dict = {
    "domains": None, "min_grant_fen": None, "max_grant_fen": None, "max_grant_ratio_bp": None, "max_grant_cap_fen": None,
}
# The classic program rule: the grant at most 60% of the project budget and at most ¥500,000.
CLASSIC_RULES = {**NO_RULES, "max_grant_ratio_bp": 6000, "max_grant_cap_fen": 50_000_000}


def budget_row(grant_fen: int = 3_000_000, own_fen: int = 1_000_000, matched_fen: int = 1_000_000, **extra) -> dict:
    return {"category": "activities", "item": "活动物资", "grant_fen": grant_fen, "own_fen": own_fen,
            "matched_fen": matched_fen, **extra}


def valid_document(**changes) -> dict:
    document = {
        "title": "银龄互助·社区长者陪伴计划",
        "summary": "为独居老人提供每周探访。",
        "domain": "elderly",
        "beneficiary_group": "辖区独居老人",
        "beneficiary_count": 60,
        "need_evidence": "社区摸排显示独居老人 120 名，其中六成缺少日常陪伴。",
        "goals": "一年内建立 30 对结对关系。",
        "activities": [
            {"name": "入户探访", "start": "2025-03-01", "end": "2025-12-31", "sessions": 40, "participants": 60,
             "description": "志愿者每周入户。"},
        ],
        "indicators": [{"kind": "person_times", "name": "", "target": 2400, "unit": "人次"}],
        "team": [{"name": "王芳", "role": "项目主管", "qualification": "中级社会工作师"}],
        "budget": [budget_row()],
    }
    document.update(changes)
    return document


def codes(problems: list[Problem]) -> list[tuple[str, str]]:
    return [(p.path, p.code) for p in problems]


def problem_at(problems: list[Problem], path: str, code: str) -> Problem:
    matches = [p for p in problems if p.path == path and p.code == code]
    assert len(matches) == 1, codes(problems)
    return matches[0]


# --- empty_document ----------------------------------------------------------------------------------


def test_empty_document_has_every_key_blank():
    document = empty_document()

    assert document == {
        "title": "", "summary": "", "domain": "", "beneficiary_group": "", "beneficiary_count": None,
        "need_evidence": "", "goals": "", "activities": [], "indicators": [], "team": [], "budget": [],
    }


def test_empty_document_returns_independent_lists():
    first, second = empty_document(), empty_document()

    first["budget"].append({})

    assert second["budget"] == []


# --- normalise_document ------------------------------------------------------------------------------


def test_normalise_valid_document_unchanged_without_problems():
    document = valid_document()

    normalised, problems = normalise_document(copy.deepcopy(document))

    assert problems == []
    assert normalised == document


def test_normalise_strips_text_and_reads_integer_strings():
    raw = {"title": "  长者陪伴  ", "beneficiary_count": " 12 ",
           "activities": [{"name": " 探访 ", "sessions": "3", "participants": "1,200"}]}

    document, problems = normalise_document(raw)

    assert problems == []
    assert document["title"] == "长者陪伴"
    assert document["beneficiary_count"] == 12
    assert document["activities"][0]["name"] == "探访"
    assert document["activities"][0]["sessions"] == 3
    assert document["activities"][0]["participants"] == 1200


def test_normalise_full_width_digits_read_as_numbers():
    raw = {"beneficiary_count": "１２０", "budget": [{"item": "场地", "grant": "１，２３４．５０"}]}

    document, problems = normalise_document(raw)

    assert problems == []
    assert document["beneficiary_count"] == 120
    assert document["budget"][0]["grant_fen"] == 123450


def test_normalise_textarea_crlf_becomes_lf_and_nul_dropped():
    document, _ = normalise_document({"goals": "第一\r\n第二\x00"})

    assert document["goals"] == "第一\n第二"


def test_normalise_unknown_keys_dropped_everywhere():
    raw = {"title": "t", "is_admin": True, "budget": [{"item": "x", "grant_fen": 1, "secret": "s"}]}

    document, _ = normalise_document(raw)

    assert "is_admin" not in document
    assert "secret" not in document["budget"][0]
    assert set(document) == set(empty_document())


def test_normalise_unparsable_integer_kept_as_typed_with_problem():
    document, problems = normalise_document({"beneficiary_count": "约60人"})

    assert document["beneficiary_count"] == "约60人"
    assert problems == [Problem("beneficiary_count", "not_integer", {"value": "约60人"})]


@pytest.mark.parametrize("value", [12.0, 12.5, True])
def test_normalise_integer_from_float_or_bool_is_problem(value):
    document, problems = normalise_document({"beneficiary_count": value})

    assert codes(problems) == [("beneficiary_count", "not_integer")]
    assert isinstance(document["beneficiary_count"], str)


@pytest.mark.parametrize(
    ("posted", "fen"),
    [("1,234.50", 123450), ("500", 50000), ("¥0.05", 5), (" 30000 ", 3000000), (700, 70000), (Decimal("2.05"), 205)],
)
def test_normalise_yuan_amount_converted_to_fen(posted, fen):
    document, problems = normalise_document({"budget": [{"item": "x", "grant": posted}]})

    assert problems == []
    assert document["budget"][0]["grant_fen"] == fen


def test_normalise_fen_key_takes_int_fen():
    document, problems = normalise_document({"budget": [{"item": "x", "grant_fen": 12345, "own_fen": "600"}]})

    assert problems == []
    assert document["budget"][0]["grant_fen"] == 12345
    assert document["budget"][0]["own_fen"] == 600


def test_normalise_blank_money_is_zero():
    document, problems = normalise_document({"budget": [{"item": "x", "grant": "1", "own": "", "matched": "  "}]})

    assert problems == []
    assert (document["budget"][0]["own_fen"], document["budget"][0]["matched_fen"]) == (0, 0)


@pytest.mark.parametrize("key", ["grant", "grant_fen"])
def test_normalise_float_money_is_problem_never_rounded(key):
    document, problems = normalise_document({"budget": [{"item": "x", key: 1234.5}]})

    assert problems == [Problem("budget.0.grant_fen", "float_money", {"value": "1234.5"})]
    row = document["budget"][0]
    assert row[key] == 1234.5
    assert not isinstance(row["grant_fen"], int)
    assert normalise_document(document)[1] == problems


@pytest.mark.parametrize("typed", ["12.345", "一千元", "1,23", "--5"])
def test_normalise_unreadable_yuan_kept_under_yuan_key(typed):
    document, problems = normalise_document({"budget": [{"item": "x", "grant": typed}]})

    assert problems == [Problem("budget.0.grant_fen", "not_money", {"value": typed})]
    assert document["budget"][0]["grant_fen"] is None
    assert document["budget"][0]["grant"] == typed


def test_normalise_blank_form_rows_dropped_and_paths_follow_kept_rows():
    raw = {"budget": [
        {"category": "", "item": " ", "grant": "", "own": "", "matched": ""},
        {"category": "venue", "item": "场地", "grant": "abc"},
    ]}

    document, problems = normalise_document(raw)

    assert len(document["budget"]) == 1
    assert codes(problems) == [("budget.0.grant_fen", "not_money")]


def test_normalise_row_with_only_zero_typed_is_kept():
    document, _ = normalise_document({"activities": [{"participants": "0"}]})

    assert document["activities"] == [
        {"name": "", "start": "", "end": "", "sessions": None, "participants": 0, "description": ""}
    ]


@pytest.mark.parametrize("typed", ["2025-03-01", "2025/3/1", "2025.03.01", "2025年3月1日", "２０２５-０３-０１"])
def test_normalise_common_date_spellings_become_iso(typed):
    document, problems = normalise_document({"activities": [{"name": "a", "start": typed}]})

    assert problems == []
    assert document["activities"][0]["start"] == "2025-03-01"


def test_normalise_impossible_date_kept_with_problem():
    document, problems = normalise_document({"activities": [{"name": "a", "start": "2025-02-30"}]})

    assert document["activities"][0]["start"] == "2025-02-30"
    assert problems == [Problem("activities.0.start", "date", {"value": "2025-02-30"})]


@pytest.mark.parametrize("raw", [None, [], "text", 5, {"budget": "not a list"}, {"team": [1, "x", None]}])
def test_normalise_garbage_gives_empty_document(raw):
    document, problems = normalise_document(raw)

    assert document == empty_document()
    assert problems == []


def test_normalise_huge_digit_string_reported_not_raised():
    document, problems = normalise_document({"beneficiary_count": "9" * 5000})

    assert codes(problems) == [("beneficiary_count", "not_integer")]


json_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
json_like = st.recursive(
    json_scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)
ROW_KEYS = ["name", "start", "end", "sessions", "participants", "description", "kind", "target", "unit", "role",
            "qualification", "category", "item", "grant", "own", "matched", "grant_fen", "own_fen", "matched_fen"]
# Rows with the real keys, so the property reaches the parsing paths, not only "not a dict".
form_rows = st.lists(st.dictionaries(st.sampled_from(ROW_KEYS), json_like, max_size=6) | json_like, max_size=3)
raw_documents = st.fixed_dictionaries(
    {},
    optional={
        **{name: json_like for name in empty_document() if name not in ("activities", "indicators", "team", "budget")},
        **{section: form_rows | json_like for section in ("activities", "indicators", "team", "budget")},
        "extra": json_like,
    },
) | json_like


@given(raw_documents)
def test_normalise_arbitrary_json_like_never_raises_and_stays_json_safe(raw):
    document, problems = normalise_document(raw)

    json.dumps(document, allow_nan=False)
    json.dumps([p.params for p in problems], allow_nan=False)
    assert set(document) == set(empty_document())


@given(raw_documents)
def test_normalise_is_idempotent_on_its_output(raw):
    document, _ = normalise_document(raw)

    again, _ = normalise_document(copy.deepcopy(document))

    assert again == document


@given(raw_documents)
def test_validate_and_read_helpers_never_raise_on_normalised_input(raw):
    document, _ = normalise_document(raw)

    validate_for_submission(document, CLASSIC_RULES)
    budget_totals(document)
    by_category(document)
    document_text(document)
    assert diff_documents(document, document) == []


# --- validate_for_submission: fields ------------------------------------------------------------------


def test_validate_valid_document_has_no_problems():
    assert validate_for_submission(valid_document(), NO_RULES) == []


def test_validate_empty_document_lists_required_in_document_order():
    problems = validate_for_submission(empty_document(), NO_RULES)

    assert codes(problems) == [
        ("title", "required"), ("domain", "required"), ("beneficiary_group", "required"),
        ("beneficiary_count", "required"), ("need_evidence", "required"), ("goals", "required"),
        ("activities", "at_least_one"), ("indicators", "at_least_one"), ("team", "at_least_one"),
        ("budget", "at_least_one"),
    ]


@pytest.mark.parametrize(("name", "limit"), [("title", 100), ("summary", 500), ("beneficiary_group", 200),
                                             ("need_evidence", 5000), ("goals", 3000)])
def test_validate_text_over_limit_too_long_with_max_length(name, limit):
    at_limit = validate_for_submission(valid_document(**{name: "字" * limit}), NO_RULES)
    over = validate_for_submission(valid_document(**{name: "字" * (limit + 1)}), NO_RULES)

    assert at_limit == []
    assert over == [Problem(name, "too_long", {"max_length": limit, "length": limit + 1})]


@pytest.mark.parametrize(("count", "code"), [(0, "min_value"), (-3, "min_value"), ("many", "not_integer")])
def test_validate_beneficiary_count_below_one_or_text_is_problem(count, code):
    problems = validate_for_submission(valid_document(beneficiary_count=count), NO_RULES)

    assert codes(problems) == [("beneficiary_count", code)]


def test_validate_min_value_params_carry_min_and_value():
    problems = validate_for_submission(valid_document(beneficiary_count=0), NO_RULES)

    assert problems[0].params == {"min": 1, "value": 0}


def test_validate_activity_end_before_start_is_date_order():
    activity = {**valid_document()["activities"][0], "start": "2025-06-01", "end": "2025-05-31"}

    problems = validate_for_submission(valid_document(activities=[activity]), NO_RULES)

    assert problems == [Problem("activities.0.end", "date_order", {"start": "2025-06-01", "end": "2025-05-31"})]


def test_validate_activity_same_day_start_and_end_passes():
    activity = {**valid_document()["activities"][0], "start": "2025-06-01", "end": "2025-06-01"}

    assert validate_for_submission(valid_document(activities=[activity]), NO_RULES) == []


@pytest.mark.parametrize("bad", ["2025-13-01", "20250301", "2025-W10-1", "2025/3/1"])
def test_validate_stored_date_must_be_iso_day(bad):
    activity = {**valid_document()["activities"][0], "start": bad}

    problems = validate_for_submission(valid_document(activities=[activity]), NO_RULES)

    assert codes(problems) == [("activities.0.start", "date")]


def test_validate_activity_row_required_fields_and_minimums():
    activity = {"name": "", "start": "", "end": "", "sessions": 0, "participants": -1, "description": ""}

    problems = validate_for_submission(valid_document(activities=[activity]), NO_RULES)

    assert codes(problems) == [
        ("activities.0.name", "required"), ("activities.0.start", "required"), ("activities.0.end", "required"),
        ("activities.0.sessions", "min_value"), ("activities.0.participants", "min_value"),
    ]


def test_validate_custom_indicator_needs_name_builtin_does_not():
    custom = {"kind": "custom", "name": "", "target": 5, "unit": "份"}
    builtin = {"kind": "beneficiaries", "name": "", "target": 5, "unit": "人"}

    problems = validate_for_submission(valid_document(indicators=[builtin, custom]), NO_RULES)

    assert codes(problems) == [("indicators.1.name", "required")]


def test_validate_unknown_choice_lists_allowed():
    indicator = {"kind": "happiness", "name": "", "target": 1, "unit": ""}

    problems = validate_for_submission(valid_document(indicators=[indicator]), NO_RULES)

    assert problems == [Problem("indicators.0.kind", "choice", {"value": "happiness", "allowed": list(INDICATOR_KINDS)})]


def test_validate_budget_category_must_be_known():
    problems = validate_for_submission(valid_document(budget=[budget_row(category="food")]), NO_RULES)

    assert problem_at(problems, "budget.0.category", "choice").params["allowed"] == list(BUDGET_CATEGORIES)


def test_validate_team_member_name_required():
    problems = validate_for_submission(valid_document(team=[{"name": "", "role": "社工", "qualification": ""}]), NO_RULES)

    assert codes(problems) == [("team.0.name", "required")]


def test_validate_unreadable_money_reported_and_rules_skipped():
    row = {**budget_row(), "grant_fen": None, "grant": "一万"}

    problems = validate_for_submission(valid_document(budget=[row]), {**CLASSIC_RULES, "min_grant_fen": 100})

    assert problems == [Problem("budget.0.grant_fen", "not_money", {"value": "一万"})]


def test_validate_negative_money_is_min_value():
    problems = validate_for_submission(valid_document(budget=[budget_row(own_fen=-1)]), NO_RULES)

    assert problems == [Problem("budget.0.own_fen", "min_value", {"min": 0, "value": -1})]


def test_validate_float_money_in_stored_document_is_float_money():
    problems = validate_for_submission(valid_document(budget=[budget_row(grant_fen=10.5)]), NO_RULES)

    assert codes(problems) == [("budget.0.grant_fen", "float_money")]


def test_validate_all_zero_budget_is_zero_budget():
    problems = validate_for_submission(valid_document(budget=[budget_row(0, 0, 0)]), CLASSIC_RULES)

    assert problems == [Problem("budget", "zero_budget", {})]


def test_validate_never_raises_on_raw_garbage():
    raw = {"title": 5, "activities": ["x", {"sessions": [1]}], "budget": {"a": 1}, "team": None}

    problems = validate_for_submission(raw, None)

    assert ("activities.0.name", "required") in codes(problems)
    assert ("budget", "at_least_one") in codes(problems)


# --- validate_for_submission: program rules -----------------------------------------------------------


def test_validate_domain_outside_program_domains():
    problems = validate_for_submission(valid_document(domain="sports"), {**NO_RULES, "domains": ["elderly", "youth"]})

    assert problems == [Problem("domain", "not_in_program_domains", {"value": "sports", "allowed": ["elderly", "youth"]})]


@pytest.mark.parametrize("domains", [None, []])
def test_validate_domain_any_when_program_sets_none(domains):
    assert validate_for_submission(valid_document(domain="sports"), {**NO_RULES, "domains": domains}) == []


@pytest.mark.parametrize(("grant", "expected"), [(9_999, "under_min_grant"), (10_000, None), (20_000, None),
                                                 (20_001, "over_max_grant")])
def test_validate_grant_min_and_max_inclusive(grant, expected):
    rules = {**NO_RULES, "min_grant_fen": 10_000, "max_grant_fen": 20_000}

    problems = validate_for_submission(valid_document(budget=[budget_row(grant, 0, 0)]), rules)

    assert [p.code for p in problems] == ([expected] if expected else [])


def test_validate_over_max_grant_params_in_fen():
    rules = {**NO_RULES, "max_grant_fen": 20_000}

    problems = validate_for_submission(valid_document(budget=[budget_row(20_001, 0, 0)]), rules)

    assert problems[0].params == {"grant_fen": 20_001, "limit_fen": 20_000}


def test_validate_classic_rule_exactly_60_percent_passes():
    # ¥60,000 grant of a ¥100,000 budget.
    document = valid_document(budget=[budget_row(6_000_000, 4_000_000, 0)])

    assert validate_for_submission(document, CLASSIC_RULES) == []


def test_validate_classic_rule_60_01_percent_fails():
    # ¥60,010 of ¥100,000 = 60.01%.
    document = valid_document(budget=[budget_row(6_001_000, 3_999_000, 0)])

    problems = validate_for_submission(document, CLASSIC_RULES)

    assert problems == [Problem("budget", "co_funding_ratio",
                                {"grant_fen": 6_001_000, "total_fen": 10_000_000, "limit_bp": 6000, "ratio_bp": 6001})]


def test_validate_classic_rule_one_fen_over_60_percent_fails_and_shows_above_limit():
    document = valid_document(budget=[budget_row(6_000_001, 4_000_000, 0)])

    problem = problem_at(validate_for_submission(document, CLASSIC_RULES), "budget", "co_funding_ratio")

    # 60.000004% must not display as "60%" next to "at most 60%".
    assert problem.params["ratio_bp"] == 6001


def test_validate_classic_rule_grant_of_500000_yuan_passes():
    grant = Money.from_yuan("500,000.00").fen
    document = valid_document(budget=[budget_row(grant, 400_000_00, 0)])

    assert validate_for_submission(document, CLASSIC_RULES) == []


def test_validate_classic_rule_grant_one_fen_over_500000_yuan_fails():
    grant = Money.from_yuan("500,000.01").fen
    document = valid_document(budget=[budget_row(grant, 500_000_00, 0)])

    problems = validate_for_submission(document, CLASSIC_RULES)

    assert problems == [Problem("budget", "co_funding_cap", {"grant_fen": 50_000_001, "limit_fen": 50_000_000})]


def test_validate_grant_sums_across_rows():
    rows = [budget_row(3_000_000, 0, 0), budget_row(3_000_001, 4_000_000, 0)]

    problems = validate_for_submission(valid_document(budget=rows), CLASSIC_RULES)

    assert [p.code for p in problems] == ["co_funding_ratio"]


amounts = st.integers(0, 10**12)


@given(grant=amounts, own=amounts, matched=amounts, ratio=st.integers(0, 10_000))
def test_validate_co_funding_ratio_matches_fraction_reference(grant, own, matched, ratio):
    document = valid_document(budget=[budget_row(grant, own, matched)])
    total = grant + own + matched

    problems = validate_for_submission(document, {**NO_RULES, "max_grant_ratio_bp": ratio})

    if total == 0:
        assert [p.code for p in problems] == ["zero_budget"]
    else:
        allowed = Fraction(grant, total) <= Fraction(ratio, 10_000)
        assert ("co_funding_ratio" not in [p.code for p in problems]) == allowed


@given(grant=amounts, own=amounts, ratio=st.integers(0, 10_000))
def test_validate_co_funding_displayed_ratio_above_limit_exactly_when_failing(grant, own, ratio):
    document = valid_document(budget=[budget_row(grant, own, 0)])

    problems = [p for p in validate_for_submission(document, {**NO_RULES, "max_grant_ratio_bp": ratio})
                if p.code == "co_funding_ratio"]

    for problem in problems:
        assert problem.params["ratio_bp"] > problem.params["limit_bp"]
        assert Fraction(problem.params["ratio_bp"] - 1, 10_000) < Fraction(grant, grant + own)


# --- budget_totals and by_category ---------------------------------------------------------------------


def test_budget_totals_sums_each_source_and_total():
    document = valid_document(budget=[budget_row(100, 20, 3), budget_row(1000, 200, 30)])

    totals = budget_totals(document)

    assert totals == {"grant": Money(1100), "own": Money(220), "matched": Money(33), "total": Money(1353)}


def test_budget_totals_of_empty_document_are_zero():
    assert budget_totals(empty_document()) == dict.fromkeys(("grant", "own", "matched", "total"), Money(0))


def test_budget_totals_skip_unreadable_amounts():
    document = valid_document(budget=[{**budget_row(100, 20, 3), "grant_fen": None, "grant": "abc"}])

    assert budget_totals(document)["total"] == Money(23)


def test_by_category_groups_in_category_order_and_adds_up():
    rows = [budget_row(500, 0, 0, category="venue"), budget_row(100, 10, 1, category="personnel"),
            budget_row(200, 20, 2, category="personnel"), budget_row(7, 0, 0, category="")]
    document = valid_document(budget=rows)

    grouped = by_category(document)

    assert list(grouped) == ["personnel", "venue", "other"]
    assert grouped["personnel"] == {"grant": Money(300), "own": Money(30), "matched": Money(3), "total": Money(333)}
    assert sum(group["total"] for group in grouped.values()) == budget_totals(document)["total"]


# --- diff_documents ----------------------------------------------------------------------------------


def test_diff_documents_same_document_is_empty():
    assert diff_documents(valid_document(), copy.deepcopy(valid_document())) == []


def test_diff_documents_scalar_changes_in_document_order():
    new = valid_document(goals="新目标", title="新标题", beneficiary_count=80)

    changes = diff_documents(valid_document(), new)

    assert [c.path for c in changes] == ["title", "beneficiary_count", "goals"]
    assert changes[1] == Change("beneficiary_count", 60, 80)


def test_diff_documents_blank_and_none_are_the_same():
    assert diff_documents({**empty_document(), "summary": None}, empty_document()) == []


def test_diff_documents_changed_row_field_path():
    old = valid_document(budget=[budget_row(), budget_row(item="海报")])
    new = valid_document(budget=[budget_row(), budget_row(item="宣传册")])

    assert diff_documents(old, new) == [Change("budget.1.item", "海报", "宣传册")]


def test_diff_documents_inserted_row_shows_only_the_addition():
    first, second, inserted = budget_row(item="a"), budget_row(item="b"), budget_row(item="new")
    old = valid_document(budget=[first, second])
    new = valid_document(budget=[inserted, first, second])

    assert diff_documents(old, new) == [Change("budget.0", None, inserted)]


def test_diff_documents_removed_row_uses_old_index():
    rows = [budget_row(item="a"), budget_row(item="b"), budget_row(item="c")]
    old = valid_document(budget=rows)
    new = valid_document(budget=[rows[0], rows[2]])

    assert diff_documents(old, new) == [Change("budget.1", rows[1], None)]


def test_diff_documents_sections_in_document_order():
    old = valid_document()
    new = valid_document(team=[], activities=[{**old["activities"][0], "sessions": 41}], summary="新")

    changes = diff_documents(old, new)

    assert [c.path for c in changes] == ["summary", "activities.0.sessions", "team.0"]


text_values = st.text(max_size=5)
small_rows = st.lists(
    st.fixed_dictionaries({"category": st.sampled_from(BUDGET_CATEGORIES), "item": text_values,
                           "grant_fen": st.integers(0, 9), "own_fen": st.integers(0, 9), "matched_fen": st.integers(0, 9)}),
    max_size=4,
)
documents = st.builds(
    lambda title, goals, count, budget: normalise_document(valid_document(title=title, goals=goals,
                                                                          beneficiary_count=count, budget=budget))[0],
    text_values, text_values, st.integers(0, 3) | st.none(), small_rows,
)


@given(documents)
def test_diff_documents_with_itself_is_empty(document):
    assert diff_documents(document, copy.deepcopy(document)) == []


@given(documents, documents)
def test_diff_documents_empty_exactly_when_documents_equal(old, new):
    assert (diff_documents(old, new) == []) == (old == new)


# --- document_text -----------------------------------------------------------------------------------


def test_document_text_joins_prose_in_order():
    document = valid_document(summary="", activities=[{"name": "探访", "description": "每周一次"}, {"name": "培训"}])

    text = document_text(document)

    assert text.split("\n") == ["银龄互助·社区长者陪伴计划", "社区摸排显示独居老人 120 名，其中六成缺少日常陪伴。",
                                "一年内建立 30 对结对关系。", "探访", "每周一次", "培训", "辖区独居老人"]


def test_document_text_leaves_out_numbers_and_budget():
    text = document_text(valid_document())

    assert "活动物资" not in text
    assert "2400" not in text
