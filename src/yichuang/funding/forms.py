"""The decision page's form: budget, objective, organization cap, per-domain quotas."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from yichuang.core.forms import MoneyFormField, StyledFormMixin


class DecisionForm(StyledFormMixin, forms.Form):
    OBJECTIVES = [("rank", _("Follow the ranking under the rules")), ("score", _("Largest total score"))]
    budget = MoneyFormField(label=_("Budget (yuan)"))
    objective = forms.ChoiceField(label=_("Objective"), choices=OBJECTIVES, initial="rank", widget=forms.RadioSelect)
    organization_cap = forms.IntegerField(label=_("Funded projects per organization, at most"), min_value=1, required=False)

    def __init__(self, *args, domains, **kwargs):
        super().__init__(*args, **kwargs)
        self.domains = domains
        for domain in domains:
            self.fields[f"max_{domain.code}"] = MoneyFormField(
                label=_("%(domain)s: at most (yuan)") % {"domain": domain}, required=False)
            self.fields[f"min_count_{domain.code}"] = forms.IntegerField(
                label=_("%(domain)s: at least this many projects") % {"domain": domain}, min_value=0, required=False)
        self.style_fields()

    def quotas(self) -> dict:
        quotas = {}
        for domain in self.domains:
            most, fewest = self.cleaned_data.get(f"max_{domain.code}"), self.cleaned_data.get(f"min_count_{domain.code}")
            if most is not None or fewest:
                quotas[domain.code] = {"min_count": fewest or 0, "max_amount": most.fen if most is not None else None}
        return quotas
