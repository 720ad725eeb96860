"""A model field that stores Money as integer fen and gives Money back."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from yichuang.kernel.money import Money


class MoneyField(models.BigIntegerField):
    description = _("Amount in fen")

    def from_db_value(self, value, expression, connection):
        return None if value is None else Money(value)

    def to_python(self, value):
        if value is None or isinstance(value, Money):
            return value
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError(_("Amounts are stored as whole fen."), code="invalid")
        return Money(value)

    def run_validators(self, value):
        # The integer range validators of BigIntegerField compare plain ints.
        super().run_validators(value.fen if isinstance(value, Money) else value)

    def get_prep_value(self, value):
        if value is None:
            return None
        if isinstance(value, Money):
            return value.fen
        if isinstance(value, bool) or not isinstance(value, int):
            # Floats and Decimals never reach the database: they would hide rounding.
            raise TypeError(f"MoneyField takes Money or int fen, not {type(value).__name__}")
        return value
