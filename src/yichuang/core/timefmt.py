"""Times in messages (not templates, which use the `moment` filter): local time to the minute."""

from __future__ import annotations

from django.utils import timezone


def local_minute(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
