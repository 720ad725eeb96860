import re
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yichuang.kernel.money import Money

fen_amounts = st.integers(-(10**15), 10**15)

# --- construction -------------------------------------------------------------------


@pytest.mark.parametrize("bad", [True, 1.5, Decimal("1"), "100", None])
def test_money_constructor_non_int_raises_type_error(bad):
    with pytest.raises(TypeError):
        Money(bad)


def test_money_zero_and_from_fen():
    assert Money.zero() == Money(0)
    assert Money.from_fen(12345) == Money(12345)


@pytest.mark.parametrize(
    ("value", "fen"),
    [
        ("1,234.50", 123450),
        ("¥1234.5", 123450),
        ("￥0.05", 5),
        ("-3", -300),
        ("  12 ", 1200),
        ("-¥1,234.50", -123450),
        (7, 700),
        (Decimal("2.05"), 205),
        (Decimal("-0.1"), -10),
        (Decimal("1E+2"), 10000),
    ],
)
def test_from_yuan_accepted_inputs(value, fen):
    assert Money.from_yuan(value) == Money(fen)


def test_from_yuan_largest_decimal_exact_beyond_context_precision():
    value = Decimal("92233720368547758.07")  # the most a money column holds, beyond float precision

    assert Money.from_yuan(value).fen == 2**63 - 1


def test_from_yuan_decimal_beyond_a_money_column_is_refused():
    with pytest.raises(ValueError, match="too large"):
        Money.from_yuan(Decimal("123456789012345678901234567890.12"))


@pytest.mark.parametrize("bad", [1.5, True])
def test_from_yuan_float_or_bool_raises_type_error(bad):
    with pytest.raises(TypeError):
        Money.from_yuan(bad)


@pytest.mark.parametrize(
    "bad",
    ["1.234", "abc", "", "1,23.00", "NaN", "inf", "1.2.3", "--1", "\u0661", Decimal("NaN"),
     Decimal("Infinity"), Decimal("0.001")],
)
def test_from_yuan_invalid_amount_raises_value_error(bad):
    with pytest.raises(ValueError):
        Money.from_yuan(bad)


@given(fen_amounts)
def test_from_yuan_round_trips_yuan_str(fen):
    money = Money(fen)

    assert Money.from_yuan(money.yuan_str()) == money


@given(fen_amounts)
def test_from_yuan_round_trips_display_format(fen):
    money = Money(fen)

    assert Money.from_yuan(money.format()) == money


# --- arithmetic ---------------------------------------------------------------------


def test_money_add_and_subtract():
    assert Money(150) + Money(50) == Money(200)
    assert Money(150) - Money(200) == Money(-50)


@pytest.mark.parametrize("other", [1, 1.0, Decimal("1")])
def test_money_add_non_money_raises_type_error(other):
    with pytest.raises(TypeError):
        Money(100) + other


def test_money_radd_only_accepts_int_zero():
    assert 0 + Money(5) == Money(5)
    with pytest.raises(TypeError):
        1 + Money(5)


def test_money_sum_of_list():
    assert sum([Money(1), Money(2), Money(3)]) == Money(6)


def test_money_multiplied_by_int_both_sides():
    assert Money(25) * 4 == Money(100)
    assert 4 * Money(25) == Money(100)


@pytest.mark.parametrize("factor", [1.5, True, Decimal("2")])
def test_money_multiplied_by_non_int_raises_type_error(factor):
    with pytest.raises(TypeError):
        Money(25) * factor


def test_money_floor_division_unsupported():
    with pytest.raises(TypeError):
        Money(100) // 3


def test_money_negation_abs_and_truthiness():
    assert -Money(5) == Money(-5)
    assert abs(Money(-5)) == Money(5)
    assert not Money(0)
    assert Money(-1)


def test_money_ordering_between_money():
    assert sorted([Money(3), Money(-1), Money(2)]) == [Money(-1), Money(2), Money(3)]


def test_money_compare_with_int_raises_type_error():
    with pytest.raises(TypeError):
        Money(1) < 2  # noqa: B015 (the comparison itself must raise)


def test_money_not_equal_to_int():
    assert Money(100) != 100


@pytest.mark.parametrize(
    ("fen", "bp", "rounding", "expected"),
    [
        (10000, 6000, "down", 6000),
        (12345, 6000, "down", 7407),
        (12345, 6000, "half_up", 7407),
        (12345, 6000, "up", 7407),
        (12349, 5000, "down", 6174),
        (12349, 5000, "half_up", 6175),
        (12341, 5001, "up", 6172),
        (-12349, 5000, "half_up", -6175),
        (-12349, 5000, "down", -6174),
    ],
)
def test_percent_rounding_modes(fen, bp, rounding, expected):
    assert Money(fen).percent(bp, rounding) == Money(expected)


def test_percent_negative_basis_points_raises():
    with pytest.raises(ValueError):
        Money(100).percent(-1)


def test_percent_unknown_rounding_raises():
    with pytest.raises(ValueError):
        Money(100).percent(10, "banker")


def test_allocate_remainder_goes_to_earlier_entries_on_ties():
    assert Money(100).allocate([1, 1, 1]) == [Money(34), Money(33), Money(33)]


def test_allocate_remainder_goes_to_largest_remainder():
    # exact shares 33.33 and 66.67: the later entry has the larger remainder
    assert Money(100).allocate([1, 2]) == [Money(33), Money(67)]


def test_allocate_zero_weight_gets_nothing():
    assert Money(101).allocate([0, 1, 1]) == [Money(0), Money(51), Money(50)]


def test_allocate_negative_amount_mirrors_positive():
    assert Money(-100).allocate([1, 1, 1]) == [Money(-34), Money(-33), Money(-33)]


@pytest.mark.parametrize("weights", [[], [0, 0], [1, -1]])
def test_allocate_invalid_weights_raise_value_error(weights):
    with pytest.raises(ValueError):
        Money(100).allocate(weights)


def test_split_percentages_tranches_sum_to_total():
    # exact 59999.4, 29999.7, 9999.9: the 2 leftover fen go to .9 and .7
    assert Money(99999).split_percentages([6000, 3000, 1000]) == [
        Money(59999),
        Money(30000),
        Money(10000),
    ]


def test_split_percentages_not_totalling_100_percent_raises():
    with pytest.raises(ValueError):
        Money(100).split_percentages([6000, 3000])


@given(
    total=st.integers(-(10**12), 10**12),
    weights=st.lists(st.integers(0, 10**6), min_size=1, max_size=20).filter(any),
)
def test_allocate_sums_to_total_within_one_fen_of_exact(total, weights):
    shares = Money(total).allocate(weights)

    assert sum(shares) == Money(total)
    for share, weight in zip(shares, weights):
        exact = Fraction(total * weight, sum(weights))
        assert abs(share.fen - exact) < 1


# --- presentation -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fen", "display", "plain"),
    [
        (123450, "¥1,234.50", "1234.50"),
        (-123450, "-¥1,234.50", "-1234.50"),
        (5, "¥0.05", "0.05"),
        (0, "¥0.00", "0.00"),
        (100000000, "¥1,000,000.00", "1000000.00"),
    ],
)
def test_money_display_and_yuan_str(fen, display, plain):
    money = Money(fen)

    assert money.format() == display
    assert str(money) == display
    assert money.yuan_str() == plain


@pytest.mark.parametrize(
    ("yuan", "capitals"),
    [
        ("115000", "人民币壹拾壹万伍仟元整"),
        ("20300", "人民币贰万零叁佰元整"),
        ("1409.50", "人民币壹仟肆佰零玖元伍角整"),
        ("16409.02", "人民币壹万陆仟肆佰零玖元零贰分"),
        ("10", "人民币壹拾元整"),
        ("100010", "人民币壹拾万零壹拾元整"),
        ("100000001", "人民币壹亿零壹元整"),
        ("100000", "人民币壹拾万元整"),
        ("0", "人民币零元整"),
        ("0.50", "人民币伍角整"),
        ("0.05", "人民币伍分"),
        ("0.55", "人民币伍角伍分"),
        ("-3.21", "人民币负叁元贰角壹分"),
        ("1001", "人民币壹仟零壹元整"),
        ("100001000", "人民币壹亿零壹仟元整"),
        ("1000000000000", "人民币壹万亿元整"),
        ("1000100000000", "人民币壹万零壹亿元整"),
        ("107000.53", "人民币壹拾万零柒仟元伍角叁分"),
        ("10001000", "人民币壹仟万零壹仟元整"),
        ("1010000000", "人民币壹拾亿零壹仟万元整"),
        ("110000000", "人民币壹亿壹仟万元整"),
        ("1680.32", "人民币壹仟陆佰捌拾元叁角贰分"),
    ],
)
def test_capitals_exact_examples(yuan, capitals):
    assert Money.from_yuan(yuan).capitals() == capitals


_DIGITS = {c: i for i, c in enumerate("零壹贰叁肆伍陆柒捌玖")}
_PLACES = {"拾": 10, "佰": 100, "仟": 1000}


def _parse_capitals(text: str) -> int:
    """Independent reference: read 大写金额 back into fen.

    Deliberately a different algorithm (left-to-right accumulation) from the
    grouping recursion that generates the text.
    """
    assert text.startswith("人民币")
    text = text.removeprefix("人民币")
    sign = -1 if text.startswith("负") else 1
    total = section = digit = 0  # total: 亿 and above; section: below 亿
    fen = 0
    for char in text.removeprefix("负"):
        if char in _DIGITS:
            digit = _DIGITS[char]
        elif char in _PLACES:
            section += digit * _PLACES[char]
            digit = 0
        elif char == "万":
            section = (section + digit) * 10_000
            digit = 0
        elif char == "亿":
            total = (total + section + digit) * 10**8
            section = digit = 0
        elif char == "元":
            fen += (total + section + digit) * 100
            digit = 0
        elif char == "角":
            fen += digit * 10
            digit = 0
        elif char == "分":
            fen += digit
            digit = 0
    return sign * fen


@given(st.integers(-(10**14), 10**14))
def test_capitals_well_formed_for_any_amount(fen):
    text = Money(fen).capitals()

    assert text.startswith("人民币")
    assert text.endswith(("整", "分"))
    assert "零零" not in text
    assert not text.endswith("零")
    assert ("负" in text) == (fen < 0)


@given(st.integers(-(10**14), 10**14))
def test_capitals_parse_back_to_same_amount(fen):
    assert _parse_capitals(Money(fen).capitals()) == fen


@given(st.integers(0, 10**14))
def test_capitals_one_zero_per_interior_zero_run(fen):
    yuan, jiao, fen_digit = fen // 100, fen // 10 % 10, fen % 10
    interior_zero_runs = len(re.findall("0+(?=[1-9])", str(yuan)))
    missing_jiao = yuan > 0 and jiao == 0 and fen_digit > 0
    zero_amount = fen == 0

    text = Money(fen).capitals()

    assert text.count("零") == interior_zero_runs + missing_jiao + zero_amount
