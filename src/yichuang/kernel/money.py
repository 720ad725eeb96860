"""Renminbi amounts as integer fen (分).

Floats never enter: binary fractions cannot represent most yuan amounts, and
grant budgets must add up to the fen.  All arithmetic is integer arithmetic.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from yichuang.kernel.numbers import ascii_digits

__all__ = ["Money", "Rounding"]

Rounding = Literal["down", "half_up", "up"]

FEN_PER_YUAN = 100
BASIS_POINTS = 10_000  # 100%

# Sign, optional currency symbol, integer part (either plain or correctly
# grouped with commas), optional fraction.  [0-9] rather than \d so that
# non-ASCII digits are rejected instead of silently accepted.
# What a database column of money holds (a signed 64-bit integer of fen): ¥92 trillion.
MAX_FEN = 2**63 - 1
_YUAN_PATTERN = re.compile(
    r"(?P<sign>[+-]?)[¥￥]?(?P<int>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.(?P<frac>[0-9]+))?"
)


def _require_int(value: object, what: str) -> int:
    # bool is an int subclass, but Money(True) is always a bug.
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"{what} must be an int, not {type(value).__name__}")
    return value


def _fen_from_str(text: str) -> int:
    match = _YUAN_PATTERN.fullmatch(ascii_digits(text.strip()))
    if match is None:
        raise ValueError(f"not a yuan amount: {text!r}")
    frac = match["frac"] or ""
    if len(frac) > 2:
        raise ValueError(f"more than 2 decimal places: {text!r}")
    fen = int(match["int"].replace(",", "")) * FEN_PER_YUAN + int(frac.ljust(2, "0"))
    if fen > MAX_FEN:
        raise ValueError(f"amount too large: {text!r}")
    return -fen if match["sign"] == "-" else fen


def _fen_from_decimal(value: Decimal) -> int:
    if not value.is_finite():
        raise ValueError(f"not a finite amount: {value}")
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # finite decimals always have an int exponent
    if exponent < -2:
        raise ValueError(f"more than 2 decimal places: {value}")
    # Built from the digit tuple so no Decimal context precision can round it.
    if len(digits) + exponent > 20:  # far beyond any amount; checked before building a huge int
        raise ValueError(f"amount too large: {value}")
    fen = int("".join(map(str, digits))) * 10 ** (exponent + 2)
    if fen > MAX_FEN:
        raise ValueError(f"amount too large: {value}")
    return -fen if sign else fen


@dataclass(frozen=True, order=True, slots=True)
class Money:
    """An amount of renminbi in fen.  Compare and add only with other Money."""

    fen: int

    def __post_init__(self) -> None:
        _require_int(self.fen, "Money.fen")

    # --- construction -----------------------------------------------------------

    @classmethod
    def zero(cls) -> Money:
        return cls(0)

    @classmethod
    def from_fen(cls, fen: int) -> Money:
        return cls(fen)

    @classmethod
    def from_yuan(cls, value: str | int | Decimal) -> Money:
        """Parse yuan: ``"1,234.50"``, ``"¥1234.5"``, ``"-3"``, ``Decimal("2.05")``, ``7``.

        Floats raise TypeError; more than 2 decimal places, non-numbers and
        NaN/infinity raise ValueError.
        """
        if isinstance(value, str):
            return cls(_fen_from_str(value))
        if isinstance(value, Decimal):
            return cls(_fen_from_decimal(value))
        return cls(_require_int(value, "yuan amount") * FEN_PER_YUAN)

    # --- arithmetic ---------------------------------------------------------------

    def __add__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        return Money(self.fen + other.fen)

    def __radd__(self, other: int) -> Money:
        # Only so that sum() can start from its default int 0.
        if type(other) is int and other == 0:
            return self
        return NotImplemented

    def __sub__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        return Money(self.fen - other.fen)

    def __mul__(self, factor: int) -> Money:
        if not isinstance(factor, int) or isinstance(factor, bool):
            return NotImplemented
        return Money(self.fen * factor)

    __rmul__ = __mul__

    def __neg__(self) -> Money:
        return Money(-self.fen)

    def __abs__(self) -> Money:
        return Money(abs(self.fen))

    def __bool__(self) -> bool:
        return self.fen != 0

    def percent(self, basis_points: int, rounding: Rounding = "down") -> Money:
        """This amount times ``basis_points / 10000`` (6000 bp = 60%), rounded to a fen.

        Rounding is applied to the magnitude, so ``-x`` rounds like ``x``:
        ``down`` truncates, ``up`` rounds away from zero, ``half_up`` rounds
        halves away from zero.
        """
        if _require_int(basis_points, "basis_points") < 0:
            raise ValueError("basis_points must not be negative")
        whole, remainder = divmod(abs(self.fen) * basis_points, BASIS_POINTS)
        if rounding == "up":
            whole += remainder > 0
        elif rounding == "half_up":
            whole += 2 * remainder >= BASIS_POINTS
        elif rounding != "down":
            raise ValueError(f"unknown rounding: {rounding!r}")
        return Money(-whole if self.fen < 0 else whole)

    def allocate(self, weights: Sequence[int]) -> list[Money]:
        """Split into shares proportional to ``weights`` without losing a fen.

        Each share is the exact proportion rounded down; the fen left over go
        one each to the largest remainders, ties to the earlier entry (largest
        remainder method), so every share is within 1 fen of exact.
        """
        for weight in weights:
            if _require_int(weight, "weight") < 0:
                raise ValueError("weights must not be negative")
        total_weight = sum(weights)
        if total_weight == 0:
            raise ValueError("weights must include a positive value")
        amount = abs(self.fen)
        quotients = [divmod(amount * w, total_weight) for w in weights]
        shares = [share for share, _ in quotients]
        remainders = [remainder for _, remainder in quotients]
        leftover = amount - sum(shares)
        # sorted() is stable, so equal remainders keep their original order.
        by_remainder = sorted(range(len(shares)), key=lambda i: -remainders[i])
        for index in by_remainder[:leftover]:
            shares[index] += 1
        sign = -1 if self.fen < 0 else 1
        return [Money(sign * share) for share in shares]

    def split_percentages(self, basis_points: Sequence[int]) -> list[Money]:
        """Split by percentages given in basis points, which must total 100%.

        E.g. a grant paid in tranches of 60/30/10%: ``split_percentages([6000, 3000, 1000])``.
        """
        if sum(basis_points) != BASIS_POINTS:
            raise ValueError(f"percentages must total {BASIS_POINTS} basis points")
        return self.allocate(basis_points)

    # --- presentation -----------------------------------------------------------------

    def _sign_yuan_fen(self) -> tuple[str, int, int]:
        yuan, fen = divmod(abs(self.fen), FEN_PER_YUAN)
        return ("-" if self.fen < 0 else ""), yuan, fen

    def yuan_str(self) -> str:
        """Plain decimal yuan, e.g. ``"1234.50"``, for forms and exports."""
        sign, yuan, fen = self._sign_yuan_fen()
        return f"{sign}{yuan}.{fen:02d}"

    def format(self) -> str:
        """Display form, e.g. ``"¥1,234.50"`` or ``"-¥1,234.50"``."""
        sign, yuan, fen = self._sign_yuan_fen()
        return f"{sign}¥{yuan:,}.{fen:02d}"

    def __str__(self) -> str:
        return self.format()

    def capitals(self) -> str:
        """大写金额 as written on cheques and grant agreements.

        >>> Money.from_yuan("16409.02").capitals()
        '人民币壹万陆仟肆佰零玖元零贰分'
        """
        prefix = "人民币负" if self.fen < 0 else "人民币"
        _, yuan, fen = self._sign_yuan_fen()
        return prefix + _capitals_body(yuan, *divmod(fen, 10))


_DIGIT_CHARS = "零壹贰叁肆伍陆柒捌玖"
_PLACE_CHARS = ("仟", "佰", "拾", "")


def _group_words(n: int) -> str:
    """Words for 1..9999, e.g. 1010 -> 壹仟零壹拾, with 零 for inner zero runs."""
    words = []
    pending_zero = False
    for digit_char, place in zip(f"{n:04d}", _PLACE_CHARS):
        digit = int(digit_char)
        if digit == 0:
            pending_zero = bool(words)  # leading zeros are silent
            continue
        if pending_zero:
            words.append("零")
            pending_zero = False
        words.append(_DIGIT_CHARS[digit] + place)
    return "".join(words)


def _integer_words(n: int) -> str:
    """Words for a positive integer, grouping by 万 and 亿.

    Recursing on 亿 then 万 handles any size (万亿, 亿亿).  Every run of zeros
    followed by a non-zero digit is read as exactly one 零; at a group
    boundary such a run touches the last digit of the high part or the first
    digit of the low part (107000 -> 壹拾万零柒仟, 100000001 -> 壹亿零壹).
    Neither side's words start or end with 零, so the 零 is never doubled.
    """
    for unit, size in (("亿", 10**8), ("万", 10**4)):
        if n >= size:
            high, low = divmod(n, size)
            if low == 0:
                return _integer_words(high) + unit
            zero_run = high % 10 == 0 or low < size // 10
            return _integer_words(high) + unit + ("零" if zero_run else "") + _integer_words(low)
    return _group_words(n)


def _capitals_body(yuan: int, jiao: int, fen: int) -> str:
    if yuan == 0 and jiao == 0 and fen == 0:
        return "零元整"
    parts = []
    if yuan:
        parts.append(_integer_words(yuan) + "元")
    if jiao:
        parts.append(_DIGIT_CHARS[jiao] + "角")
    elif fen and yuan:
        parts.append("零")  # 元零贰分: mark the missing 角
    if fen:
        parts.append(_DIGIT_CHARS[fen] + "分")
    else:
        parts.append("整")
    return "".join(parts)
