"""Proofs about the ledger, for `yichuang check-ledger`: every entry balances, the whole ledger
balances, no grant account was paid beyond its limit, and every reversal mirrors its original."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from yichuang.ledger.models import Account, Entry, Posting

# Apps that keep their own record of money (projects and their tranches) add a check here, so the
# ledger proves its own books and theirs without importing them.
EXTRA_CHECKS: list[Callable[[], list[str]]] = []


def register(check: Callable[[], list[str]]) -> None:
    if check not in EXTRA_CHECKS:
        EXTRA_CHECKS.append(check)


def problems() -> list[str]:
    found: list[str] = []
    per_entry: dict[int, int] = defaultdict(int)
    per_account: dict[int, int] = defaultdict(int)
    lines: dict[int, list[tuple[int, int]]] = defaultdict(list)
    total = 0
    for entry_id, account_id, amount in Posting.objects.values_list("entry_id", "account_id", "amount"):
        fen = amount.fen
        per_entry[entry_id] += fen
        per_account[account_id] -= fen  # credits are payments out of a grant account
        lines[entry_id].append((account_id, fen))
        total += fen
    for entry_id, balance in sorted(per_entry.items()):
        if balance:
            found.append(f"entry {entry_id} does not balance: {balance:+d} fen")
    if total:
        found.append(f"the ledger as a whole does not balance: {total:+d} fen")
    for account in Account.objects.filter(limit__isnull=False):
        if per_account[account.pk] > account.limit.fen:
            found.append(f"account {account.code} paid {per_account[account.pk]} fen, above its limit of {account.limit.fen}")
    for entry_id, original_id in Entry.objects.filter(reverses__isnull=False).values_list("pk", "reverses_id"):
        if sorted(lines[entry_id]) != sorted((a, -f) for a, f in lines[original_id]):
            found.append(f"entry {entry_id} does not mirror the entry {original_id} it reverses")
    for check in EXTRA_CHECKS:
        found += check()
    return found
