from __future__ import annotations

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from yichuang.kernel.money import Money
from yichuang.kernel.numbers import INT_LIMIT, parse_whole


def apply_validation_error(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field when the form has one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields and field != NON_FIELD_ERRORS else None
            for item in errors:
                form.add_error(target, item)
    else:
        form.add_error(None, error)


class StyledFormMixin:
    """Gives widgets Bootstrap's classes, so templates need no per-field markup."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style_fields()

    def style_fields(self) -> None:
        """Give every field its class; forms that add fields after __init__ call this again."""
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, (forms.CheckboxInput, forms.CheckboxSelectMultiple, forms.RadioSelect)):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            elif not isinstance(widget, forms.HiddenInput):
                widget.attrs.setdefault("class", "form-control")

    def full_clean(self):
        super().full_clean()
        for name in getattr(self, "_errors", {}) or {}:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()
                widget.attrs["aria-invalid"] = "true"


_FAILED = object()


def submit(form: forms.Form, call):
    """Run a service call for a valid form. A ValidationError is shown on the form and the
    sentinel ``FAILED`` is returned, so the view re-renders with everything the user typed."""
    try:
        return call()
    except ValidationError as error:
        apply_validation_error(form, error)
        return _FAILED


FAILED = _FAILED


def flash_errors(request, error: ValidationError) -> None:
    """Show a service's ValidationError as messages on the next page (for POST-only steps)."""
    from django.contrib import messages

    for message in error.messages:
        messages.error(request, message)


def run_step(request, call, done: str = "") -> bool:
    """A POST-only step: run the service call, flash its errors or the ``done`` message; True if it ran."""
    from django.contrib import messages

    try:
        call()
    except ValidationError as error:
        flash_errors(request, error)
        return False
    if done:
        messages.success(request, done)
    return True


class MoneyFormField(forms.CharField):
    """An amount typed in yuan ("1,234.50"), cleaned to Money (integer fen) without floats."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 20)
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")

    def prepare_value(self, value):
        return value.yuan_str() if isinstance(value, Money) else value

    def run_validators(self, value):
        # Length limits apply to the typed text (checked in to_python), not to the Money it became.
        return None

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        if len(value) > 20:
            raise ValidationError(_("Enter an amount in yuan with at most two decimals, for example 30000 or 1,234.50."), code="money")
        try:
            amount = Money.from_yuan(value)
        except (ValueError, TypeError) as error:
            raise ValidationError(
                _("Enter an amount in yuan with at most two decimals, for example 30000 or 1,234.50."), code="money"
            ) from error
        if amount.fen < 0:
            raise ValidationError(_("Enter an amount of zero or more."), code="money_negative")
        return amount


class WholeNumberField(forms.IntegerField):
    """A whole number typed with ASCII or full-width digits, within what a database column holds.
    Every whole-number field uses it, so "１２" reads as 12 and "²" or "١٢" are refused, never a 500."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_value", INT_LIMIT)
        kwargs.setdefault("min_value", -INT_LIMIT)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        number = parse_whole(value, limit=INT_LIMIT * 2)
        if number is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return number


class PercentFormField(forms.CharField):
    """A percentage typed as "60" or "60.5", cleaned to basis points (6000, 6050)."""

    def run_validators(self, value):
        return None

    def prepare_value(self, value):
        if isinstance(value, int):
            whole, rest = divmod(value, 100)
            return f"{whole}.{rest:02d}".rstrip("0").rstrip(".")
        return value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            basis_points = Money.from_yuan(value.rstrip("%").strip()).fen  # same two-decimal parsing
        except (ValueError, TypeError) as error:
            raise ValidationError(_("Enter a percentage such as 60 or 62.5."), code="percent") from error
        if not 0 < basis_points <= 10000:
            raise ValidationError(_("Enter a percentage above 0 and at most 100."), code="percent")
        return basis_points


class ExcelUploadForm(StyledFormMixin, forms.Form):
    """The one field of every Excel import page (experts, people)."""

    file = forms.FileField(label=_("Excel file (.xlsx)"))


class TableRowFormMixin:
    """A form shown as one row of a table (a formset): its fields have no visible label of their own,
    so each gets an accessible name from its column heading and the row number ("Date, row 2")."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        last = (self.prefix or "").rsplit("-", 1)[-1]
        for field in self.fields.values():
            name = (_("%(column)s, row %(row)s") % {"column": field.label, "row": int(last) + 1}) if last.isdigit() else field.label
            field.widget.attrs.setdefault("aria-label", str(name))
