from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yichuang.core.forms import MoneyFormField, StyledFormMixin


class ExpenditureForm(StyledFormMixin, forms.Form):
    prefix = "spend"  # both forms share the project page: their fields need distinct ids
    line = forms.ModelChoiceField(label=_("Budget line"), queryset=None, empty_label=None)
    amount = MoneyFormField(label=_("Amount (yuan)"))
    spent_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    description = forms.CharField(label=_("What was bought or paid"), max_length=300)
    voucher = forms.FileField(label=_("Voucher (PDF, JPG or PNG)"),
                              widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}))

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = lines
        self.fields["spent_on"].initial = timezone.localdate()


class AdjustmentForm(StyledFormMixin, forms.Form):
    prefix = "move"
    source = forms.ModelChoiceField(label=_("Move from the line"), queryset=None, empty_label=None)
    target = forms.ModelChoiceField(label=_("to the line"), queryset=None, empty_label=None)
    amount = MoneyFormField(label=_("Amount (yuan)"))
    reason = forms.CharField(label=_("Why"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = lines
        self.fields["target"].queryset = lines


class AmendmentForm(StyledFormMixin, forms.Form):
    """New amounts (and dates, for date-released tranches) of the unpaid tranches, and why."""

    prefix = "amend"
    reason = forms.CharField(label=_("Why the plan changes"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, tranches, **kwargs):
        super().__init__(*args, **kwargs)
        self.tranches = tranches
        fields = {}
        for tranche in tranches:
            n = tranche.position + 1
            fields[f"amount_{tranche.position}"] = MoneyFormField(
                label=_("Tranche %(n)s: amount (yuan)") % {"n": n}, initial=tranche.amount.yuan_str())
            if tranche.trigger == "date":
                fields[f"due_{tranche.position}"] = forms.DateField(
                    label=_("Tranche %(n)s: date") % {"n": n}, initial=tranche.due_on,
                    widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
        self.fields = {**fields, "reason": self.fields["reason"]}
        self.style_fields()

    def plan(self) -> dict:
        data = self.cleaned_data
        return {t.position: (data[f"amount_{t.position}"], data.get(f"due_{t.position}")) for t in self.tranches}
