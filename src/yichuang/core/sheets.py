"""Reading an uploaded Excel sheet whose first row holds the headings (Chinese or English).

Every import (experts, people) reads through here, so a file that is not .xlsx, an empty sheet, a
missing heading and an oversized sheet get the same clear messages everywhere.
"""

from __future__ import annotations

import itertools
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import load_workbook


def _columns(header: tuple, headings: dict[str, tuple[str, ...]]) -> dict[str, int]:
    found = {}
    for index, cell in enumerate(header):
        text = str(cell or "").strip().lower()
        for key, names in headings.items():
            if text in {n.lower() for n in names}:
                found[key] = index
    return found


def read_sheet(upload, headings: dict[str, tuple[str, ...]], *, required: str, max_rows: int) -> list[tuple[int, dict]]:
    """``[(row number as Excel shows it, {key: cell value})]`` for the non-blank rows."""
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as error:
        raise ValidationError(_("This is not an Excel .xlsx file. Save it as .xlsx and try again.")) from error
    # Stop reading at the limit (plus the heading and some blank rows): a huge sheet is refused unread.
    rows = list(itertools.islice(workbook.active.iter_rows(values_only=True), max_rows * 2 + 1))
    if not rows:
        raise ValidationError(_("The file is empty."))
    columns = _columns(rows[0], headings)
    if required not in columns:
        raise ValidationError(_("The first row must hold the headings; “%(heading)s” is missing.")
                              % {"heading": headings[required][0]})
    body = [(number, row) for number, row in enumerate(rows[1:], start=2) if any(c not in (None, "") for c in row)]
    if len(body) > max_rows:
        raise ValidationError(_("At most %(max)s rows can be imported at once; the file has more.") % {"max": max_rows})
    return [(number, {key: row[i] if i < len(row) else None for key, i in columns.items()}) for number, row in body]


def text(value) -> str:
    """A cell as text: Excel gives numbers as floats (13912345678.0) and codes as ints."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value if value is not None else "").strip()
