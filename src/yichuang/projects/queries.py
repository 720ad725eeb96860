"""Reading projects: the list with money paid, and budget vs actual per line."""

from __future__ import annotations

import datetime

from django.db.models import OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce

from yichuang.core.fields import MoneyField
from yichuang.kernel.money import Money
from yichuang.ledger.models import Posting
from yichuang.projects.models import OPEN_AMENDMENT, BudgetLine, Expenditure, Project


def with_money(projects) -> list[Project]:
    """The projects, each with ``paid`` (net of claw-backs) and ``spent`` as Money, in one query."""
    paid = (Posting.objects.filter(account__application=OuterRef("application"), account__code__startswith="project:")
            .values("account").annotate(t=Sum("amount")).values("t"))
    spent = Expenditure.objects.filter(project=OuterRef("pk")).values("project").annotate(t=Sum("amount")).values("t")
    rows = list(projects.select_related("organization", "agreement", "program").annotate(
        paid_sum=Subquery(paid, output_field=MoneyField()), spent_sum=Subquery(spent, output_field=MoneyField())))
    for project in rows:
        # The grant account pays out by credits, so its balance is minus what was paid.
        project.paid, project.spent = Money(-_fen(project.paid_sum)), Money(_fen(project.spent_sum))
    return rows


def budget_vs_actual(project: Project) -> list[dict]:
    lines = BudgetLine.objects.filter(project=project).annotate(
        spent_sum=Coalesce(Sum("expenditures__amount"), 0, output_field=MoneyField()))
    rows = []
    for line in lines:
        line.project = project  # already loaded with its program: no query per line
        spent = _fen(line.spent_sum)
        over = spent - line.budget.fen
        rows.append({"line": line, "spent": spent, "left": line.budget.fen - spent, "over": max(over, 0),
                     "flag": "beyond" if over > tolerance(line)
                     else ("over" if over > 0 else ""),
                     "share": min(100, spent * 100 // line.budget.fen) if line.budget.fen else 0})
    return rows


def tolerance(line: BudgetLine) -> int:
    """Fen by which this line may be overspent or moved without approval."""
    return Money(line.planned.fen).percent(line.project.program.budget_tolerance_bp).fen


def _fen(value) -> int:
    return int(getattr(value, "fen", value or 0))


def ledger_lines(project: Project) -> list[dict]:
    """Every ledger entry that moved money for this project (payments, claw-backs), oldest first,
    with the amount as paid to the project (a claw-back is negative)."""
    from yichuang.ledger import accounts

    postings = (Posting.objects.filter(account__code=accounts.project_grant_code(project))
                .select_related("entry__created_by").order_by("entry__created_at", "entry_id"))
    return [{"entry": p.entry, "amount": Money(-p.amount.fen)} for p in postings]


def amendments(project: Project) -> list[dict]:
    """The project's amendments of the tranche plan, newest first, each change as tranche n: old → new."""
    rows = []
    for amendment in project.amendments.select_related("proposed_by", "funder_confirmed_by", "grantee_confirmed_by",
                                                       "decided_by"):
        before = {row[0]: row for row in amendment.before}
        changes = [{"n": position + 1, "old": Money(before[position][1]), "new": Money(fen),
                    "old_date": _date(before[position][2]), "new_date": _date(due_on)}
                   for position, fen, due_on in amendment.plan if before.get(position) != [position, fen, due_on]]
        rows.append({"amendment": amendment, "changes": changes, "open": amendment.status in OPEN_AMENDMENT})
    return rows


def _date(iso: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(iso) if iso else None
