import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yichuang.kernel.chinese import (
    format_date_zh,
    pinyin_search_text,
    pinyin_sort_key,
    search_key,
    to_simplified,
)


def test_to_simplified_traditional_converted():
    assert to_simplified("臺灣社會工作") == "台湾社会工作"


def test_to_simplified_simplified_unchanged():
    assert to_simplified("武进区社会组织") == "武进区社会组织"


def test_search_key_traditional_and_simplified_match():
    assert search_key("社區營造") == search_key("社区营造")


def test_search_key_folds_width_case_and_whitespace():
    assert search_key("  ＡＢＣ\u3000社區\t\n１２ ") == "abc 社区 12"


@given(st.text(max_size=30))
def test_search_key_idempotent(text):
    key = search_key(text)

    assert search_key(key) == key


def test_pinyin_sort_key_tones_numbered():
    assert pinyin_sort_key("张三") == "zhang1 san1"


def test_pinyin_sort_key_neutral_tone_is_five():
    assert pinyin_sort_key("的") == "de5"


def test_pinyin_sort_key_non_chinese_kept_lowercase():
    assert pinyin_sort_key("ABC 李四") == "abc li3 si4"


def test_pinyin_sort_key_traditional_reads_like_simplified():
    assert pinyin_sort_key("長樂") == pinyin_sort_key("长乐") == "chang2 le4"


def test_pinyin_sort_key_orders_names_by_pinyin():
    names = ["张三", "阿明", "王五", "李四", "赵六"]

    ordered = sorted(names, key=pinyin_sort_key)

    assert ordered == ["阿明", "李四", "王五", "张三", "赵六"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("武进区", "wujinqu wjq"), ("湖塘 镇", "hutangzhen htz"), ("", "")],
)
def test_pinyin_search_text_full_and_initials(text, expected):
    assert pinyin_search_text(text) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [(datetime.date(2024, 9, 11), "2024年9月11日"), (datetime.date(2025, 12, 1), "2025年12月1日")],
)
def test_format_date_zh_no_zero_padding(day, expected):
    assert format_date_zh(day) == expected
