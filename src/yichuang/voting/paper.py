"""Paper ballots in a spreadsheet: one row per ballot, its number first, then one column per project
headed by the application number. A mark (1, √, ✓, x) ticks a project; ranked ballots give the
position (1 = first), cumulative ballots the points."""

from __future__ import annotations

import io

import openpyxl
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from yichuang.voting.models import Vote

MARKS = {"1", "√", "✓", "✔", "x", "X", "×", "v", "V"}


def template(vote: Vote) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "ballots"
    sheet.append([_("Ballot number")] + [o.application.number for o in vote.options.select_related("application")])
    sheet.append([_("(titles)")] + [o.application.title for o in vote.options.select_related("application")])
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


def read(vote: Vote, upload) -> list[tuple[int, str, list[tuple[str, int | None]]]]:
    """Rows as (row number, ballot number, choices); unreadable cells are reported with row and column."""
    try:
        sheet = openpyxl.load_workbook(upload, read_only=True, data_only=True).worksheets[0]
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        raise ValidationError(_("This file is not an Excel workbook (.xlsx).")) from error
    rows = list(sheet.iter_rows(values_only=True))
    if not rows:
        raise ValidationError(_("The file has no ballots."))
    options = {o.application.number: str(o.pk) for o in vote.options.select_related("application")}
    header = [str(cell).strip() if cell is not None else "" for cell in rows[0]]
    unknown = [name for name in header[1:] if name and name not in options]
    if unknown:
        raise ValidationError(_("Column %(column)s is not a project on this ballot.") % {"column": unknown[0]})
    errors, ballots = [], []
    for number, row in enumerate(rows[1:], start=2):
        cells = ["" if cell is None else str(cell).strip() for cell in row]
        if not any(cells) or cells[0] in (_("(titles)"), "(titles)"):
            continue
        choices = []
        for column, cell in zip(header[1:], cells[1:]):
            if not cell or not column:
                continue
            value, problem = _cell(vote.ballot_type, cell)
            if problem:
                errors.append(_("Row %(row)s, column %(column)s: %(problem)s") % {"row": number, "column": column,
                                                                                 "problem": problem})
            else:
                choices.append((options[column], value))
        if vote.ballot_type == "ranked":
            if len({position for _pid, position in choices}) != len(choices):
                errors.append(_("Row %(row)s: two projects have the same position.") % {"row": number})
            choices = [(pid, None) for pid, _position in sorted(choices, key=lambda c: c[1])]
        ballots.append((number, cells[0], choices))
    if errors:
        raise ValidationError(errors)
    return ballots


def _cell(ballot_type: str, cell: str) -> tuple[int | None, str]:
    if ballot_type in ("ranked", "cumulative"):
        text = cell.removesuffix(".0")
        if not text.isdigit() or int(text) <= 0:
            return None, _("write a whole number above zero, not “%(value)s”.") % {"value": cell}
        return int(text), ""
    if cell not in MARKS:
        return None, _("tick with 1 or √, not “%(value)s”.") % {"value": cell}
    return None, ""
