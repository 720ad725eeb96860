from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal
from urllib.parse import unquote

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from yichuang.core.exports import (
    MONEY_FORMAT,
    XLSX_CONTENT_TYPE,
    Sheet,
    build_workbook,
    content_disposition,
    csv_response,
    safe_cell,
    xlsx_response,
)
from yichuang.kernel.money import Money

FORMULAS = ["=1+1", "+8613800138000", "-2+3", "@SUM(A1)", "\t=cmd", "\r=cmd"]


def _read_back(data: bytes, sheet_index: int = 0):
    return load_workbook(io.BytesIO(data)).worksheets[sheet_index]


def _one_sheet(*rows, headers=("值",)) -> bytes:
    return build_workbook([Sheet(title="导出", headers=list(headers), rows=[list(row) for row in rows])])


@pytest.mark.parametrize("text", [*FORMULAS, "  =1+1", "\n=1+1", "\u3000=1+1"])
def test_safe_cell_formula_start_gets_quote_prefix(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["社区养老服务", "a=b", "联系 x@y.cn", "", "'已转义"])
def test_safe_cell_plain_text_is_unchanged(text):
    assert safe_cell(text) == text


@pytest.mark.parametrize(
    "value", [0, -5, 3.5, Decimal("-2.50"), True, None, datetime.date(2025, 3, 1), datetime.datetime(2025, 3, 1, 9, 30)]
)
def test_safe_cell_native_values_pass_through_unchanged(value):
    assert safe_cell(value) is value


def test_safe_cell_other_objects_become_neutralised_text():
    class Labelled:
        def __str__(self):
            return "=HYPERLINK(\"http://evil\")"

    assert safe_cell(Labelled()) == "'=HYPERLINK(\"http://evil\")"


@pytest.mark.parametrize(
    ("money", "expected"),
    [
        (Money.from_yuan("1234.5"), "1234.50"),
        (Money.from_yuan(115000), "115000.00"),
        (Money.from_fen(-3), "-0.03"),
        (Money.from_fen(123456789012345678901234567890123), "1234567890123456789012345678901.23"),
    ],
)
def test_safe_cell_money_becomes_exact_decimal_with_two_places(money, expected):
    value = safe_cell(money)

    assert isinstance(value, Decimal)
    assert str(value) == expected
    assert value.as_tuple().exponent == -2


def test_build_workbook_formula_strings_read_back_as_quoted_text():
    # "\r=cmd" is covered by safe_cell alone: XML parsing turns a stored CR into LF.
    formulas = [text for text in FORMULAS if not text.startswith("\r")]
    data = _one_sheet(*[[text] for text in formulas])

    ws = _read_back(data)

    cells = [row[0] for row in ws.iter_rows(min_row=2)]
    assert [cell.value for cell in cells] == ["'" + text for text in formulas]
    assert {cell.data_type for cell in cells} == {"s"}  # "f" would mean a live formula


def test_build_workbook_numbers_stay_numeric():
    data = _one_sheet([42, -7, 2.5], headers=["a", "b", "c"])

    ws = _read_back(data)

    assert [cell.value for cell in ws[2]] == [42, -7, 2.5]
    assert {cell.data_type for cell in ws[2]} == {"n"}


def test_build_workbook_money_is_a_number_with_money_format():
    data = _one_sheet([Money.from_yuan("16409.02")], [Money.from_yuan(-3)])

    ws = _read_back(data)

    amount, negative = ws["A2"], ws["A3"]
    assert amount.data_type == "n" and f"{amount.value:.2f}" == "16409.02"
    assert negative.value == -3
    assert amount.number_format == MONEY_FORMAT and negative.number_format == MONEY_FORMAT


def test_build_workbook_header_is_bold_frozen_and_filtered():
    data = _one_sheet(["A-1", 1], ["A-2", 2], headers=["编号", "金额"])

    ws = _read_back(data)

    assert [cell.value for cell in ws[1]] == ["编号", "金额"]
    assert all(cell.font.bold for cell in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:B3"


def test_build_workbook_header_formula_is_neutralised():
    data = _one_sheet(headers=["=cmd|' /C calc'!A0"])

    ws = _read_back(data)

    assert ws["A1"].value == "'=cmd|' /C calc'!A0"


def test_build_workbook_sheet_title_is_cleaned_and_truncated():
    title = "2025年[武进区]: 社区/公益*创投?项目\\申报汇总表（含预算明细与审核意见）"

    ws = _read_back(build_workbook([Sheet(title=title, headers=["a"], rows=[])]))

    assert len(ws.title) <= 31
    assert not set("[]:*?/\\") & set(ws.title)
    assert ws.title.startswith("2025年武进区 社区公益创投项目申报汇总表")


def test_build_workbook_duplicate_long_titles_stay_unique_and_short():
    title = "很长的工作表名称" * 5
    sheets = [Sheet(title=title, headers=["a"], rows=[]), Sheet(title=title, headers=["a"], rows=[])]

    workbook = load_workbook(io.BytesIO(build_workbook(sheets)))

    titles = workbook.sheetnames
    assert len(set(titles)) == 2
    assert all(len(t) <= 31 for t in titles)


def test_build_workbook_aware_datetime_is_local_wall_time(settings):
    settings.TIME_ZONE = "Asia/Shanghai"
    submitted = datetime.datetime(2025, 3, 1, 1, 30, tzinfo=datetime.UTC)

    ws = _read_back(_one_sheet([submitted]))

    assert ws["A2"].value == datetime.datetime(2025, 3, 1, 9, 30)
    assert ws["A2"].is_date


def test_build_workbook_control_characters_are_dropped_not_fatal():
    data = _one_sheet(["第一行\x0b第二行\x00"])

    ws = _read_back(data)

    assert ws["A2"].value == "第一行第二行"


def test_build_workbook_column_widths_are_applied():
    data = build_workbook([Sheet(title="s", headers=["a", "b"], rows=[[1, 2]], column_widths=[12, 40])])

    ws = _read_back(data)

    assert ws.column_dimensions["A"].width == 12
    assert ws.column_dimensions["B"].width == 40


def test_xlsx_response_chinese_filename_has_utf8_and_ascii_fallback():
    filename = "武进区2025年申报汇总.xlsx"

    response = xlsx_response(filename, [Sheet(title="申报", headers=["编号"], rows=[["WJ-1"]])])

    disposition = response["Content-Disposition"]
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert disposition.startswith("attachment; ")
    assert 'filename="2025.xlsx"' in disposition
    encoded = disposition.split("filename*=UTF-8''", 1)[1]
    assert unquote(encoded) == filename
    assert _read_back(response.content)["A2"].value == "WJ-1"


def test_content_disposition_purely_chinese_name_falls_back_to_download():
    disposition = content_disposition("申报书.pdf", inline=True)

    assert disposition.startswith('inline; filename="download.pdf"; ')


def test_content_disposition_strips_quotes_and_newlines_from_fallback():
    disposition = content_disposition('a"b\r\nc.csv')

    assert 'filename="a_b_c.csv"' in disposition
    assert "\r" not in disposition and "\n" not in disposition and '"b' not in disposition


def test_csv_response_has_bom_and_neutralises_formulas():
    rows = [["=1+1", 42, Money.from_yuan("1234.5"), "项目"]]

    response = csv_response("导出.csv", ["公式", "数量", "金额", "名称"], rows)

    body = response.content.decode("utf-8")
    assert response.content.startswith(b"\xef\xbb\xbf")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    parsed = list(csv.reader(io.StringIO(body.removeprefix("\ufeff"))))
    assert parsed == [["公式", "数量", "金额", "名称"], ["'=1+1", "42", "1234.50", "项目"]]


def test_csv_response_aware_datetime_is_local_wall_time(settings):
    settings.TIME_ZONE = "Asia/Shanghai"
    submitted = timezone.make_aware(datetime.datetime(2025, 3, 1, 9, 30))

    response = csv_response("x.csv", ["提交时间"], [[submitted]])

    assert "2025-03-01 09:30:00\r\n" in response.content.decode("utf-8")


def test_every_excel_file_is_written_by_the_one_formula_safe_writer():
    import pathlib
    import re

    src = pathlib.Path(__file__).resolve().parents[2] / "src" / "yichuang"
    writers = sorted(str(path.relative_to(src)) for path in src.rglob("*.py")
                     if re.search(r"\bWorkbook\(\)|\.save\(\s*(buffer|data|handle)", path.read_text(encoding="utf-8")))

    assert writers == ["core/exports.py"]
