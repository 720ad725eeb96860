from __future__ import annotations

import pytest

from yichuang.kernel.money import MAX_FEN, Money
from yichuang.kernel.numbers import INT_LIMIT, parse_whole


@pytest.mark.parametrize(("typed", "value"), [("12", 12), ("１２", 12), (" -3 ", -3), ("＋７", 7)])
def test_parse_whole_reads_ascii_and_full_width_digits(typed, value):
    assert parse_whole(typed) == value


@pytest.mark.parametrize("typed", ["²", "١٢", "۱۲", "1.5", "", "12a", str(INT_LIMIT + 1), "１٢"])
def test_parse_whole_refuses_other_digits_and_numbers_beyond_the_limit(typed):
    assert parse_whole(typed) is None


def test_money_reads_full_width_yuan():
    assert Money.from_yuan("１２，３４５．６") == Money(1_234_560)


@pytest.mark.parametrize("typed", [str(2**63), "9" * 19, "¹²³", "١٢٣"])
def test_money_refuses_amounts_beyond_a_column_and_other_digits(typed):
    with pytest.raises(ValueError):
        Money.from_yuan(typed)


def test_money_accepts_the_largest_amount_a_column_holds():
    assert Money.from_yuan(f"{MAX_FEN // 100}").fen == MAX_FEN // 100 * 100
