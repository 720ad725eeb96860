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
