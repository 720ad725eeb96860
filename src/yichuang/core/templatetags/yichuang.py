from __future__ import annotations

import datetime

from django import template
from django.utils import formats, timezone, translation

from yichuang.kernel.chinese import format_date_zh
from yichuang.kernel.money import Money

register = template.Library()


@register.filter
def money(value) -> str:
    """¥1,234.50 for Money; refuses anything else rather than guessing the unit."""
    if value is None or value == "":
        return ""
    if not isinstance(value, Money):
        raise TypeError("The money filter takes Money values only.")
    return value.format()


@register.filter
def money_capitals(value) -> str:
    if not isinstance(value, Money):
        raise TypeError("The money_capitals filter takes Money values only.")
    return value.capitals()


@register.filter
def day(value) -> str:
    """A date as people write it: 2024年9月11日 in Chinese, the locale's format otherwise."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if translation.get_language() in ("zh-hans", "zh-cn", "zh"):
        return format_date_zh(value)
    return formats.date_format(value, "DATE_FORMAT")


@register.filter
def moment(value) -> str:
    """Date and time to the minute, in local time."""
    if not value:
        return ""
    local = timezone.localtime(value)
    return f"{day(local)} {local:%H:%M}"


@register.filter
def percent(basis_points) -> str:
    """6000 basis points → 60%; 6250 → 62.5%."""
    if basis_points in (None, ""):
        return ""
    whole, rest = divmod(int(basis_points), 100)
    return f"{whole}.{rest:02d}".rstrip("0").rstrip(".") + "%"


@register.filter
def lookup(mapping, key):
    """mapping[key] in templates (for dicts keyed by computed names); empty when absent."""
    if not mapping:
        return ""
    return mapping.get(str(key), "")


@register.simple_tag
def row_name(section: str, index: int, field: str) -> str:
    return f"{section}-{index}-{field}"


@register.filter
def fen(value) -> str:
    """An integer number of fen from a stored document, shown as ¥1,234.50."""
    if isinstance(value, bool) or not isinstance(value, int):
        return "" if value in (None, "") else str(value)
    return Money(value).format()


@register.filter
def masked_phone(value) -> str:
    """A phone number as pages show it (PIPL): 138****5678. The full value only through a logged "show"."""
    from yichuang.kernel.identifiers import mask_phone

    return mask_phone(str(value)) if value else ""


@register.filter
def hours(minutes) -> str:
    """Whole minutes as hours with at most one decimal: 450 → 7.5, 480 → 8."""
    if isinstance(minutes, bool) or not isinstance(minutes, int):
        return ""
    return formats.number_format(round(minutes / 60, 1), decimal_pos=None) if minutes % 60 else str(minutes // 60)
