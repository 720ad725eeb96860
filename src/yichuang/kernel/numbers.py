"""Numbers typed by people: ASCII or full-width digits (a Chinese input method types ０-９), nothing else.

``str.isdigit`` and ``int`` also accept superscripts, Arabic-Indic and other digits; here only the
digits people in China type are read, so every field reads a number the same way.
"""

from __future__ import annotations

import re

_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，－＋％", "0123456789.,-+%")
_WHOLE = re.compile(r"[+-]?[0-9]+")
# The largest whole number a field stores (PostgreSQL's integer); amounts have their own limit.
INT_LIMIT = 2**31 - 1


def ascii_digits(text: str) -> str:
    """Full-width digits and signs as ASCII; every other character unchanged."""
    return text.translate(_FULL_WIDTH)


def parse_whole(text: object, *, limit: int = INT_LIMIT) -> int | None:
    """The whole number typed (sign allowed), or None for anything else or beyond ±``limit``."""
    cleaned = ascii_digits(str(text).strip())
    if not _WHOLE.fullmatch(cleaned):
        return None
    value = int(cleaned)
    return value if abs(value) <= limit else None
