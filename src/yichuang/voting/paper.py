"""Paper ballots in a spreadsheet: one row per ballot, its number first, the resident's mobile number
(checked against the roll), then one column per project headed by the application number. A mark
(1, √, ✓, x) ticks a project; ranked ballots give the position (1 = first), cumulative ballots the
points."""

from __future__ import annotations

import itertools

import openpyxl
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from yichuang.core.exports import Sheet, build_workbook
from yichuang.kernel.numbers import parse_whole
from yichuang.voting.models import Vote

MARKS = {"1", "√", "✓", "✔", "x", "X", "×", "v", "V"}


FIXED_COLUMNS = 2  # ballot number, resident's mobile number
MAX_ROWS = 20_000


def template(vote: Vote) -> bytes:
    """Written through the one formula-safe writer: project titles typed by applicants stay text."""
    options = list(vote.options.select_related("application"))
    return build_workbook([Sheet(
        title="ballots",
        headers=[_("Ballot number"), _("Resident's mobile number")] + [o.application.number for o in options],
        rows=[[_("(titles)"), ""] + [o.application.title for o in options]],
    )])


def read(vote: Vote, upload) -> list[tuple[int, str, str, list[tuple[str, int | None]]]]:
    """Rows as (row number, ballot number, choices); unreadable cells are reported with row and column."""
    try:
        sheet = openpyxl.load_workbook(upload, read_only=True, data_only=True).worksheets[0]
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        raise ValidationError(_("This file is not an Excel workbook (.xlsx).")) from error
    # Stop reading at the limit: a huge sheet is refused without loading it all.
    rows = list(itertools.islice(sheet.iter_rows(values_only=True), MAX_ROWS + 2))
    if len(rows) > MAX_ROWS + 1:
        raise ValidationError(_("The file has more than %(n)s ballots; split it into smaller files.") % {"n": MAX_ROWS})
    if not rows:
        raise ValidationError(_("The file has no ballots."))
    options = {o.application.number: str(o.pk) for o in vote.options.select_related("application")}
    header = [str(cell).strip() if cell is not None else "" for cell in rows[0]]
    unknown = [name for name in header[FIXED_COLUMNS:] if name and name not in options]
    if unknown:
        raise ValidationError(_("Column %(column)s is not a project on this ballot.") % {"column": unknown[0]})
    errors, ballots = [], []
    for number, row in enumerate(rows[1:], start=2):
        cells = ["" if cell is None else str(cell).strip() for cell in row]
        if not any(cells) or cells[0] in (_("(titles)"), "(titles)"):
            continue
        choices = []
        for column, cell in zip(header[FIXED_COLUMNS:], cells[FIXED_COLUMNS:]):
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
        phone = cells[1].removesuffix(".0") if len(cells) > 1 else ""  # Excel may store the number as a float
        ballots.append((number, cells[0], phone, choices))
    if errors:
        raise ValidationError(errors)
    return ballots


def _cell(ballot_type: str, cell: str) -> tuple[int | None, str]:
    if ballot_type in ("ranked", "cumulative"):
        number = parse_whole(cell.removesuffix(".0"))
        if number is None or number <= 0:
            return None, _("write a whole number above zero, not “%(value)s”.") % {"value": cell}
        return number, ""
    if cell not in MARKS:
        return None, _("tick with 1 or √, not “%(value)s”.") % {"value": cell}
    return None, ""
