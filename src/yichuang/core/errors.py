"""Errors that service functions raise for the views to show."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class StaleEditError(ValidationError):
    """Someone else saved the object after this user opened it (optimistic locking)."""

    def __init__(self):
        super().__init__(
            _(
                "Someone else changed this record after you opened it. "
                "Reload the page to see their changes, then make yours again."
            ),
            code="stale",
        )
