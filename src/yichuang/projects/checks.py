"""What `yichuang check-ledger` proves about projects: every tranche matches its ledger entries.

A paid tranche has exactly one payment entry, referencing it, that moves exactly its amount out of
the project's grant account; an unpaid tranche has none; claw-backs never exceed what was paid;
and each grant account's limit is the project's grant."""

from __future__ import annotations

from collections import defaultdict

from yichuang.ledger import accounts
from yichuang.ledger.models import Account, Posting
from yichuang.projects.models import Project, Tranche, TrancheStatus


def problems() -> list[str]:
    found: list[str] = []
    payments: dict[str, list[tuple[int, str, int]]] = defaultdict(list)  # reference → (entry, account code, fen)
    returned: dict[str, int] = defaultdict(int)
    rows = Posting.objects.filter(entry__reference__startswith="tranche:").values_list(
        "entry_id", "entry__kind", "entry__reference", "account__code", "amount")
    for entry_id, kind, reference, code, amount in rows:
        if kind == "payment":
            payments[reference].append((entry_id, code, amount.fen))
        elif amount.fen > 0:
            returned[reference] += amount.fen
    known = set()
    for tranche in Tranche.objects.select_related("project").order_by("pk"):
        known.add(tranche.reference)
        found += _tranche_problems(tranche, payments.get(tranche.reference, []), returned[tranche.reference])
    for reference in sorted(set(payments) - known):
        found.append(f"entries {sorted({e for e, _c, _f in payments[reference]})} pay {reference}, which does not exist")
    limits = dict(Account.objects.filter(code__startswith="project:").values_list("code", "limit"))
    for project in Project.objects.order_by("pk"):
        limit = limits.get(accounts.project_grant_code(project))
        if limit is None or limit.fen != project.grant.fen:
            found.append(f"project {project.number}: its grant account's limit differs from its grant of {project.grant.fen} fen")
    return found


def _tranche_problems(tranche: Tranche, lines: list[tuple[int, str, int]], returned: int) -> list[str]:
    label = f"tranche {tranche.pk} ({tranche.project.number} #{tranche.position + 1})"
    entries = sorted({entry for entry, _c, _f in lines})
    if tranche.status != TrancheStatus.PAID:
        return [f"{label} is {tranche.status} but entries {entries} pay it"] if entries else []
    if entries != [tranche.payment_id]:
        return [f"{label} is paid by entry {tranche.payment_id}, but the ledger has payment entries {entries}"]
    out = -sum(fen for _e, code, fen in lines if code == accounts.project_grant_code(tranche.project))
    found = []
    if out != tranche.amount.fen:
        found.append(f"{label} is {tranche.amount.fen} fen but its payment moved {out} fen out of the grant account")
    if returned > tranche.amount.fen:
        found.append(f"{label}: {returned} fen clawed back, more than the {tranche.amount.fen} fen paid")
    return found
