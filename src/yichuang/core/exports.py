"""Excel and CSV exports.

Every cell goes through :func:`safe_cell`: text typed by an applicant must never run as a
formula in the program officer's spreadsheet (CSV/formula injection, OWASP).
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import quote

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from yichuang.kernel.money import Money

__all__ = [
    "MONEY_FORMAT", "XLSX_CONTENT_TYPE", "Sheet", "build_workbook", "content_disposition",
    "csv_response", "safe_cell", "xlsx_response",
]

# Characters that make Excel/LibreOffice start a formula (or DDE call) when a cell begins with them.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
MONEY_FORMAT = "#,##0.00"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET_TITLE_MAX = 31  # Excel refuses longer sheet names
SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
MIN_WIDTH, MAX_WIDTH = 8, 60

# Values spreadsheets store natively; they pass through so sums, sorting and date filters work.
_NATIVE = (bool, int, float, Decimal, datetime.date, datetime.time, datetime.timedelta)


def safe_cell(value):
    """The value as it may safely go into a spreadsheet cell.

    Text that would start a formula, also after leading whitespace (spreadsheets skip it),
    gets a ``'`` prefix so it shows as text.  Money becomes exact yuan with 2 places.
    """
    if isinstance(value, Money):
        # Via the string form: exact for any amount and always 2 places (Decimal("1.00")).
        return Decimal(value.yuan_str())
    if value is None or isinstance(value, _NATIVE):
        return value
    text = str(value)  # lazy translations, enums, model instances: what str() shows
    if text.startswith(FORMULA_TRIGGERS) or text.lstrip().startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def _export_value(value):
    # openpyxl rejects aware datetimes and Excel has no time zones: export local wall time.
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value).replace(tzinfo=None)
    return safe_cell(value)


@dataclass
class Sheet:
    title: str
    headers: list[str]
    rows: Iterable[Sequence]
    column_widths: list[int] | None = None


def _sheet_title(title: str, used: set[str]) -> str:
    """A title Excel accepts: no ``[]:*?/\\``, at most 31 characters, unique (case-insensitively)."""
    # Excel also refuses titles that begin or end with an apostrophe.
    base = SHEET_TITLE_FORBIDDEN.sub("", str(title)).strip().strip("'")[:SHEET_TITLE_MAX] or "Sheet"
    candidate, number = base, 1
    while candidate.casefold() in used:
        number += 1
        suffix = f" ({number})"
        candidate = base[: SHEET_TITLE_MAX - len(suffix)] + suffix
    used.add(candidate.casefold())
    return candidate


def _display_width(value) -> int:
    # Chinese characters are about two Latin characters wide in Excel's width unit.
    text = str(value) if value is not None else ""
    longest_line = max(text.splitlines() or [""], key=len)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in longest_line)


def _append_row(ws, values: Sequence, widths: list[int]) -> None:
    cells = []
    for index, original in enumerate(values):
        value = _export_value(original)
        if isinstance(value, str):
            # openpyxl raises on control characters pasted from Word; they are invisible anyway.
            value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cells.append(value)
        if index < len(widths):
            widths[index] = max(widths[index], _display_width(value))
    ws.append(cells)
    for cell, original in zip(ws[ws.max_row], values):
        if isinstance(original, Money):
            cell.number_format = MONEY_FORMAT
        elif isinstance(original, datetime.datetime):
            cell.number_format = DATETIME_FORMAT


def _fill_sheet(ws, sheet: Sheet) -> None:
    widths = [0] * len(sheet.headers)
    _append_row(ws, sheet.headers, widths)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in sheet.rows:
        _append_row(ws, row, widths)
    ws.freeze_panes = "A2"  # the header row stays visible while scrolling
    ws.auto_filter.ref = f"A1:{get_column_letter(max(len(sheet.headers), 1))}{ws.max_row}"
    chosen = sheet.column_widths or [min(max(w + 2, MIN_WIDTH), MAX_WIDTH) for w in widths]
    for index, width in enumerate(chosen, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width


def build_workbook(sheets: list[Sheet]) -> bytes:
    """An .xlsx file with one worksheet per :class:`Sheet`."""
    if not sheets:
        raise ValueError("a workbook needs at least one sheet")
    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for sheet in sheets:
        _fill_sheet(workbook.create_sheet(_sheet_title(sheet.title, used)), sheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _ascii_part(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9._-]+", "_", ascii_text).strip("._-")


def _ascii_filename(filename: str) -> str:
    """Fallback for clients without RFC 5987: ASCII only, nothing that needs quoting."""
    stem, dot, extension = filename.rpartition(".")
    if not dot:
        stem, extension = filename, ""
    # A purely Chinese name leaves nothing readable; keep the extension so the OS knows the type.
    stem, extension = _ascii_part(stem) or "download", _ascii_part(extension)
    return f"{stem}.{extension}" if extension else stem


def content_disposition(filename: str, inline: bool = False) -> str:
    """``attachment; filename="x.xlsx"; filename*=UTF-8''%E7%94%B3…`` (RFC 6266/5987)."""
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{_ascii_filename(filename)}\"; filename*=UTF-8''{quote(filename, safe='')}"


def xlsx_response(filename: str, sheets: list[Sheet]) -> HttpResponse:
    response = HttpResponse(build_workbook(sheets), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(filename)
    return response


def csv_response(filename: str, headers: Sequence, rows: Iterable[Sequence]) -> HttpResponse:
    buffer = io.StringIO()
    buffer.write("\ufeff")  # without the BOM, Excel reads UTF-8 Chinese as mojibake
    writer = csv.writer(buffer)
    writer.writerow([_export_value(value) for value in headers])
    for row in rows:
        writer.writerow([_export_value(value) for value in row])
    response = HttpResponse(buffer.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition(filename)
    return response
