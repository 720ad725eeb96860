"""Posting to the ledger. Every entry balances (its postings sum to zero) or nothing is written."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from yichuang.core.audit import log_action
from yichuang.ledger.models import Account, Entry, Posting


@transaction.atomic
def entry_post(*, actor, kind: str, lines: list[tuple[Account, int]], memo: str = "", reference: str = "",
               reverses: Entry | None = None) -> Entry:
    """Write one balanced entry. ``lines`` are (account, fen) with debits positive and credits negative."""
    if len(lines) < 2:
        raise ValidationError(_("An entry needs at least two lines."))
    for _account, amount in lines:
        if isinstance(amount, bool) or not isinstance(amount, int):
            raise ValidationError(_("Ledger amounts are whole fen; %(value)r is not.") % {"value": amount})
        if amount == 0:
            raise ValidationError(_("A ledger line cannot be zero."))
    if sum(amount for _account, amount in lines) != 0:
        raise ValidationError(_("The entry does not balance: its debits and credits differ by %(fen)s fen.")
                              % {"fen": sum(amount for _account, amount in lines)})
    _check_limits(lines)
    entry = Entry.objects.create(kind=kind, memo=memo[:300], reference=reference[:80], reverses=reverses, created_by=actor)
    Posting.objects.bulk_create([Posting(entry=entry, account=account, amount=amount) for account, amount in lines])
    log_action(actor=actor, action=f"ledger.entry.{kind}", obj=entry, area_path=_area_path(lines),
               after={"lines": [[account.code, amount] for account, amount in lines], "reference": reference})
    return entry


def _area_path(lines: list[tuple[Account, int]]) -> str:
    """The area of the program whose money moved, so an auditor of that area sees the entry."""
    from yichuang.programs.models import Program

    program_ids = [account.program_id for account, _amount in lines if account.program_id]
    program = Program.objects.select_related("area").filter(pk__in=program_ids).first() if program_ids else None
    return program.area.path if program else ""


def _check_limits(lines) -> None:
    """A grant account may never be paid out beyond its limit (credits are payments out of it)."""
    for account, amount in lines:
        if account.limit is None or amount >= 0:
            continue
        locked = Account.objects.select_for_update(of=("self",)).get(pk=account.pk)
        balance = Posting.objects.filter(account=locked).aggregate(total=Sum("amount"))["total"] or 0
        paid_out = -int(getattr(balance, "fen", balance))  # credits are payments out of the account
        if paid_out - amount > locked.limit.fen:
            raise ValidationError(_("This would pay %(account)s beyond its grant of %(limit)s.")
                                  % {"account": account.name, "limit": locked.limit.format()})


@transaction.atomic
def entry_reverse(*, actor, entry: Entry, reason: str) -> Entry:
    """A claw-back or correction: the same lines with opposite signs, pointing at the original."""
    if not reason.strip():
        raise ValidationError(_("Give the reason for reversing the entry."))
    if Entry.objects.filter(reverses=entry).exists():
        raise ValidationError(_("This entry was already reversed."))
    lines = [(p.account, -p.amount.fen) for p in entry.postings.select_related("account")]
    return entry_post(actor=actor, kind="reversal", lines=lines, memo=reason, reference=entry.reference, reverses=entry)


@transaction.atomic
def account_open(*, actor, code: str, name: str, kind: str, limit: int | None = None, program=None,
                 application=None) -> Account:
    """Open an account (a grant account carries the granted amount as its limit)."""
    from yichuang.kernel.money import Money

    if Account.objects.filter(code=code).exists():
        raise ValidationError(_("An account with this code already exists."))
    account = Account.objects.create(code=code, name=name, kind=kind, program=program, application=application,
                                     limit=Money(limit) if limit is not None else None)
    log_action(actor=actor, action="ledger.account.opened", obj=account, after={"code": code, "limit": limit})
    return account
