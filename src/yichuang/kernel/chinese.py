"""Chinese text helpers: script folding for search, pinyin for sorting, dates."""

from __future__ import annotations

import datetime
import functools
import unicodedata

import opencc
from pypinyin import Style, lazy_pinyin

__all__ = [
    "format_date_zh",
    "pinyin_search_text",
    "pinyin_sort_key",
    "search_key",
    "to_simplified",
]


@functools.cache
def _t2s() -> opencc.OpenCC:
    # Loading the dictionaries is slow, so build one converter on first use
    # rather than at import time (keeps imports cheap for code that never needs it).
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Convert Traditional Chinese to Simplified (臺灣 -> 台湾)."""
    return _t2s().convert(text)


def search_key(text: str) -> str:
    """Normalise text so equal-meaning queries compare equal.

    NFKC folds full-width forms (ＡＢＣ１ -> ABC1), t2s folds Traditional into
    Simplified, casefold ignores case, and whitespace runs become one space.
    Apply it to both the stored text and the query.
    """
    folded = to_simplified(unicodedata.normalize("NFKC", text)).casefold()
    return " ".join(folded.split())


def _pinyin(text: str, style: Style) -> list[str]:
    # Converting to Simplified first lets pypinyin's phrase dictionary pick the
    # right reading for Traditional input too (長樂 -> chang le, not zhang le).
    return lazy_pinyin(to_simplified(text), style=style, neutral_tone_with_five=True)


def pinyin_sort_key(text: str) -> str:
    """Key for ordering names by pinyin: ``"张三" -> "zhang1 san1"``.

    Tone numbers make 妈 (ma1) sort before 马 (ma3); non-Chinese runs are
    kept, lowercased, and whitespace runs collapse to one space.
    """
    return " ".join(" ".join(_pinyin(text, Style.TONE3)).lower().split())


def pinyin_search_text(text: str) -> str:
    """Full toneless pinyin and initials for search: ``"武进区" -> "wujinqu wjq"``.

    Whitespace inside the text is dropped so the result is always two words.
    """
    full = "".join("".join(_pinyin(text, Style.NORMAL)).split()).lower()
    initials = "".join("".join(_pinyin(text, Style.FIRST_LETTER)).split()).lower()
    return f"{full} {initials}".strip()


def format_date_zh(d: datetime.date) -> str:
    """Chinese long date without zero padding: ``2024年9月11日``."""
    return f"{d.year}年{d.month}月{d.day}日"
