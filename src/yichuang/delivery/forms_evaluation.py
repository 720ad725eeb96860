"""Forms of evaluations: opening a round, an evaluator's sheet, the officer's decision."""

from __future__ import annotations

from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from yichuang.core.forms import MoneyFormField, StyledFormMixin, WholeNumberField
from yichuang.delivery.models import Consequence, EvaluationKind
from yichuang.projects.models import EvaluationResult

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class EvaluationRoundForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Evaluation"), choices=EvaluationKind.choices)
    due_on = forms.DateField(label=_("Sheets due by"), widget=DATE)
    evaluators = forms.ModelMultipleChoiceField(label=_("Evaluators"), queryset=None, widget=forms.CheckboxSelectMultiple,
                                                help_text=_("The program's supervisors and the experts of the pool with an account."))

    def __init__(self, *args, candidates, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        from yichuang.accounts.models import User

        self.fields["evaluators"].queryset = User.objects.filter(pk__in=[u.pk for u in candidates]).order_by("display_name")
        self.fields["kind"].choices = [(code, label) for code, label in EvaluationKind.choices if code in kinds]
        self.style_fields()


def criterion_label(row) -> str:
    """A criterion in the reader's language with its range: 执行进度与计划完成情况（0–25）."""
    _code, zh, en, top = row
    if (translation.get_language() or "").startswith("zh"):
        return f"{zh}（0–{top}）"
    return f"{en} (0–{top})"


class SheetForm(StyledFormMixin, forms.Form):
    findings = forms.CharField(label=_("Findings"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))
    documents = forms.CharField(label=_("Documents reviewed"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
                                help_text=_("For example: activity records, sign-in sheets, vouchers, interviews."))
    recommendation = forms.ChoiceField(label=_("Result you recommend"), choices=EvaluationResult.choices,
                                       widget=forms.RadioSelect)

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        scores = {f"score_{row[0]}": WholeNumberField(label=criterion_label(row), min_value=0, max_value=int(row[3]))
                  for row in criteria}
        self.fields = {**scores, **self.fields}
        self.codes = [row[0] for row in criteria]
        self.style_fields()

    def scores(self) -> dict:
        return {code: self.cleaned_data[f"score_{code}"] for code in self.codes}


class DecisionForm(StyledFormMixin, forms.Form):
    result = forms.ChoiceField(label=_("Result"), choices=EvaluationResult.choices, widget=forms.RadioSelect)
    conclusion = forms.CharField(label=_("Conclusion (the organization reads it)"), max_length=3000,
                                 widget=forms.Textarea(attrs={"rows": 3}))
    actions = forms.CharField(label=_("Required actions (for rectify)"), max_length=3000, required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))
    rectify_by = forms.DateField(label=_("Rectify by"), required=False, widget=DATE)
    consequence = forms.ChoiceField(label=_("Consequence for the money"), choices=[("", _("The usual one for the result"))]
                                    + list(Consequence.choices), required=False,
                                    help_text=_("Pass: release the tranche it triggers. Rectify: hold the next unpaid "
                                                "tranche. Fail: cancel the unpaid tranches, or reduce or claw back."))
    amount = MoneyFormField(label=_("Amount for a reduction or claw-back (yuan)"), required=False)
