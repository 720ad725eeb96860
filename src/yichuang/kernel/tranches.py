"""A grant's tranche plan in fen: the program's rules applied to one grant, adding up exactly.

Fixed-amount tranches are paid as written (trimmed, in order, if they would exceed the grant);
percentage tranches share what is left in proportion to their percentages, so the plan always
adds up to the grant to the fen. With no percentage tranche, the last tranche takes the rest.
"""

from __future__ import annotations

from collections.abc import Sequence

from yichuang.kernel.money import Money


def plan(grant: int, rules: Sequence[tuple[int | None, int | None]]) -> list[int]:
    """``rules`` are (basis points, fixed fen) pairs, one of them set; returns the fen of each tranche."""
    if not rules:
        return [grant]
    amounts = [0] * len(rules)
    left = grant
    for index, (_bp, fixed) in enumerate(rules):
        if fixed is not None:
            amounts[index] = min(fixed, left)
            left -= amounts[index]
    shares = [(index, bp) for index, (bp, fixed) in enumerate(rules) if fixed is None and bp]
    if shares:
        for (index, _bp), share in zip(shares, Money(left).allocate([bp for _i, bp in shares])):
            amounts[index] = share.fen
    else:
        amounts[-1] += left
    return amounts
