"""Online pledges and the host's bank statement.

A donor pledges online and gets a pledge code to write in the transfer's memo; the money moves outside
the system. Staff import the bank statement (Excel or CSV): a line whose memo carries an open pledge's
code and whose amount equals the pledge makes the pledge a received gift (receipt, ledger entry); every
other line waits for staff, who record it as a donation or set it aside. A bank transaction is imported
once: its reference is unique among statement lines and donations.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import secrets
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yichuang.charity import periods, permissions
from yichuang.charity.accounts import HOLDINGS, RESTRICTED, UNRESTRICTED, account
from yichuang.charity.models import BankLine, Donation, Fund
from yichuang.charity.services import next_receipt
from yichuang.core.audit import log_action
from yichuang.core.sheets import read_sheet, text
from yichuang.kernel.money import Money
from yichuang.ledger.services import entry_post

MAX_ROWS = 50_000
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: the code is read aloud and retyped
HEADINGS = {
    "booked_on": ("交易日期", "日期", "记账日期", "date"),
    "amount": ("金额", "贷方金额", "收入金额", "amount"),
    "reference": ("交易流水号", "流水号", "交易参考号", "reference"),
    "payer": ("对方户名", "付款人", "付款人名称", "payer"),
    "memo": ("摘要", "附言", "用途", "备注", "memo"),
}


@dataclass
class PledgeText:
    donor_name: str
    amount: Money
    publish_name: bool = False
    restriction: str = ""


@transaction.atomic
def pledge_make(*, actor, fund: Fund, text: PledgeText) -> Donation:
    """A signed-in donor pledges a gift; the code goes in the bank transfer's memo."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied
    errors = {}
    if not text.donor_name.strip():
        errors["donor_name"] = _("Give your name as it will be on the receipt.")
    if not isinstance(text.amount, Money) or text.amount.fen <= 0:
        errors["amount"] = _("A donation is more than ¥0.")
    if errors:
        raise ValidationError(errors)
    code = fund.receipt_prefix + "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))
    pledge = Donation.objects.create(
        fund=fund, verification_code=secrets.token_hex(3).upper(), donor_name=text.donor_name.strip(),
        donor_user=actor, publish_name=text.publish_name, method=Donation.Method.PLEDGE, amount=text.amount,
        restriction=text.restriction.strip(), pledge_code=code, status=Donation.Status.PLEDGED, recorded_by=actor)
    log_action(actor=actor, action="charity.pledge.made", obj=pledge, area_path=fund.community.path,
               after={"fen": text.amount.fen, "code": code})
    return pledge


@dataclass
class StatementLine:
    number: int
    booked_on: dt.date
    amount: Money
    reference: str
    payer: str
    memo: str


@dataclass
class ImportResult:
    matched: int = 0
    waiting: int = 0
    duplicates: int = 0
    problems: list[str] = field(default_factory=list)


def _amount(value) -> Money:
    if isinstance(value, float):
        value = Decimal(repr(value))
    if isinstance(value, (int, Decimal)):
        return Money.from_yuan(Decimal(value))
    return Money.from_yuan(text(value).replace("¥", "").replace("￥", ""))


def _day(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raw = text(value).replace("/", "-").replace(".", "-")
    if re.fullmatch(r"\d{8}", raw):
        raw = f"{raw[:4]}-{raw[4:6]}-{raw[6:]}"
    return dt.date.fromisoformat(raw)


def _rows_from_csv(upload) -> list[tuple[int, dict]]:
    raw = upload.read()
    for encoding in ("utf-8-sig", "gb18030"):  # Chinese banks export GBK
        try:
            content = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ValidationError(_("The CSV file is neither UTF-8 nor GBK text."))
    rows = list(csv.reader(io.StringIO(content)))
    if not rows:
        raise ValidationError(_("The file is empty."))
    header = [cell.strip().lower() for cell in rows[0]]
    columns = {key: header.index(name.lower()) for key, names in HEADINGS.items() for name in names
               if name.lower() in header}
    if "reference" not in columns or "amount" not in columns or "booked_on" not in columns:
        raise ValidationError(_("The first row must hold the headings: date, amount and transaction reference "
                                "(交易日期, 金额, 交易流水号)."))
    body = [(n, row) for n, row in enumerate(rows[1:], start=2) if any(cell.strip() for cell in row)]
    if len(body) > MAX_ROWS:
        raise ValidationError(_("At most %(max)s rows can be imported at once; the file has more.") % {"max": MAX_ROWS})
    return [(n, {key: row[i] if i < len(row) else "" for key, i in columns.items()}) for n, row in body]


def read_statement(upload) -> tuple[list[StatementLine], list[str]]:
    """The statement's incoming transactions, and a message per row that cannot be read."""
    name = (getattr(upload, "name", "") or "").lower()
    rows = _rows_from_csv(upload) if name.endswith(".csv") else read_sheet(
        upload, HEADINGS, required="reference", max_rows=MAX_ROWS)
    lines, problems, today = [], [], timezone.localdate()
    for number, row in rows:
        try:
            line = StatementLine(number, _day(row.get("booked_on")), _amount(row.get("amount")),
                                 text(row.get("reference"))[:80], text(row.get("payer"))[:100], text(row.get("memo"))[:200])
        except (ValueError, TypeError, InvalidOperation):
            problems.append(_("Row %(n)s: the date or the amount cannot be read.") % {"n": number})
            continue
        if not line.reference:
            problems.append(_("Row %(n)s: the transaction reference is missing.") % {"n": number})
        elif line.booked_on > today:
            problems.append(_("Row %(n)s: the date is in the future.") % {"n": number})
        elif line.amount.fen > 0:  # money going out of the account is not a gift
            lines.append(line)
    return lines, problems


def _receive(actor, pledge: Donation, line: StatementLine) -> Donation:
    """A pledge paid: its receipt number, its ledger entry, and what grants may draw on."""
    receipt = next_receipt(pledge.fund, line.booked_on.year)
    restricted = bool(pledge.restriction)
    entry = entry_post(actor=actor, kind="donation", reference=receipt, memo=pledge.restriction, lines=[
        (account(pledge.fund, HOLDINGS), pledge.amount.fen),
        (account(pledge.fund, RESTRICTED if restricted else UNRESTRICTED), -pledge.amount.fen)])
    Donation.objects.filter(pk=pledge.pk).update(
        status=Donation.Status.RECEIVED, receipt_number=receipt, bank_reference=line.reference,
        received_on=line.booked_on, unspent=pledge.amount, entry=entry)
    periods.count_gift(pledge.fund, line.booked_on, pledge.amount.fen, restricted)
    return pledge


@transaction.atomic
def statement_import(*, actor, fund: Fund, upload) -> ImportResult:
    """Import a bank statement: match pledges, keep the rest for staff, skip what was imported before."""
    if not permissions.manages(actor, fund):
        raise PermissionDenied
    lines, problems = read_statement(upload)
    if problems:
        return ImportResult(problems=problems)  # nothing is imported from a file with unreadable rows
    Fund.objects.select_for_update(of=("self",)).get(pk=fund.pk)  # one import or payment at a time
    references = [line.reference for line in lines]
    known = set(BankLine.objects.filter(reference__in=references).values_list("reference", flat=True))
    known |= set(Donation.objects.filter(bank_reference__in=references).values_list("bank_reference", flat=True))
    pledges = {p.pledge_code: p for p in Donation.objects.filter(fund=fund, status=Donation.Status.PLEDGED)}
    code = re.compile(re.escape(fund.receipt_prefix) + f"[{CODE_ALPHABET}]{{6}}")
    result, rows = ImportResult(), []
    for line in lines:
        if line.reference in known:  # in an earlier statement, recorded by hand, or twice in this file
            result.duplicates += 1
            continue
        known.add(line.reference)
        pledge = next((pledges.pop(c) for c in code.findall(line.memo.upper())
                       if c in pledges and pledges[c].amount == line.amount), None)
        status = BankLine.Status.MATCHED if pledge else BankLine.Status.UNMATCHED
        if pledge:
            _receive(actor, pledge, line)
            result.matched += 1
        else:
            result.waiting += 1
        rows.append(BankLine(fund=fund, reference=line.reference, booked_on=line.booked_on, amount=line.amount,
                             payer=line.payer, memo=line.memo, status=status, donation=pledge, imported_by=actor))
    BankLine.objects.bulk_create(rows, batch_size=2000)
    log_action(actor=actor, action="charity.statement.imported", obj=fund, area_path=fund.community.path,
               after={"matched": result.matched, "waiting": result.waiting, "duplicates": result.duplicates})
    return result


@transaction.atomic
def bank_line_set_aside(*, actor, line: BankLine) -> BankLine:
    """Staff mark a waiting line as not a gift to the fund (a refund, interest, another fund's money)."""
    if not permissions.manages(actor, line.fund):
        raise PermissionDenied
    if not BankLine.objects.filter(pk=line.pk, status=BankLine.Status.UNMATCHED).update(status=BankLine.Status.IGNORED):
        raise ValidationError(_("This line has already been dealt with."))
    log_action(actor=actor, action="charity.statement.line_set_aside", obj=line.fund, area_path=line.fund.community.path,
               after={"reference": line.reference})
    line.refresh_from_db()
    return line
