"""Excel and CSV exports. Every cell goes through safe_cell: a value typed by a user must never
run as a formula in the officer's spreadsheet (CSV/formula injection)."""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable, Sequence
from urllib.parse import quote

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

from yichuang.kernel.money import Money

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MONEY_FORMAT = "#,##0.00"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value):
    if isinstance(value, Money):
        return Decimal(value.fen) / 100
    if isinstance(value, str) and value.lstrip(" ").startswith(FORMULA_STARTS):
        return "'" + value
    return value


@dataclass
class Sheet:
    title: str
    headers: list[str]
    rows: Iterable[Sequence]
    column_widths: list[int] | None = None


def _sheet_title(title: str) -> str:
    cleaned = "".join(ch for ch in title if ch not in "[]:*?/\\").strip()
    return (cleaned or "Sheet")[:31]


def build_workbook(sheets: list[Sheet]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet in sheets:
        ws = workbook.create_sheet(_sheet_title(sheet.title))
        ws.append([str(h) for h in sheet.headers])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in sheet.rows:
            ws.append([safe_cell(v) for v in row])
            for cell, original in zip(ws[ws.max_row], row):
                if isinstance(original, Money):
                    cell.number_format = MONEY_FORMAT
                elif isinstance(original, datetime.datetime):
                    cell.number_format = "yyyy-mm-dd hh:mm"
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
        for index, width in enumerate(sheet.column_widths or [18] * len(sheet.headers), start=1):
            ws.column_dimensions[ws.cell(row=1, column=index).column_letter].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _disposition(filename: str, inline: bool = False) -> str:
    ascii_name = filename.encode("ascii", "ignore").decode() or "download"
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"


def xlsx_response(filename: str, sheets: list[Sheet]) -> HttpResponse:
    response = HttpResponse(build_workbook(sheets), content_type=XLSX_TYPE)
    response["Content-Disposition"] = _disposition(filename)
    return response


def csv_response(filename: str, headers: list[str], rows: Iterable[Sequence]) -> HttpResponse:
    buffer = io.StringIO()
    buffer.write("\ufeff")  # Excel reads UTF-8 Chinese correctly only with the BOM
    writer = csv.writer(buffer)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    response = HttpResponse(buffer.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = _disposition(filename)
    return response
