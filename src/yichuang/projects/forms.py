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
