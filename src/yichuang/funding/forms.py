"""The decision page's form: budget, objective, organization cap, per-domain quotas."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from yichuang.core.forms import MoneyFormField, StyledFormMixin
from yichuang.kernel.money import Money


class DecisionForm(StyledFormMixin, forms.Form):
    OBJECTIVES = [("rank", _("Follow the ranking under the rules")), ("score", _("Largest total score"))]
    budget = MoneyFormField(label=_("Budget (yuan)"))
    objective = forms.ChoiceField(label=_("Objective"), choices=OBJECTIVES, initial="rank", widget=forms.RadioSelect)
    organization_cap = forms.IntegerField(label=_("Funded projects per organization, at most"), min_value=1, required=False)

    def __init__(self, *args, domains, **kwargs):
        super().__init__(*args, **kwargs)
        self.domains = domains
        self.fields["cover_communities"] = forms.BooleanField(
            label=_("At least one funded project in every community that applied"), required=False)
        self.fields["community_max_count"] = forms.IntegerField(
            label=_("Funded projects per community, at most"), min_value=1, required=False)
        for domain in domains:
            self.fields[f"max_{domain.code}"] = MoneyFormField(
                label=_("%(domain)s: at most (yuan)") % {"domain": domain}, required=False)
            self.fields[f"min_count_{domain.code}"] = forms.IntegerField(
                label=_("%(domain)s: at least this many projects") % {"domain": domain}, min_value=0, required=False)
        self.style_fields()

    def community_quotas(self, communities) -> dict:
        """Coverage wishes as quotas on every community that has a ranked application."""
        cover, most = self.cleaned_data.get("cover_communities"), self.cleaned_data.get("community_max_count")
        if not cover and most is None:
            return {}
        return {str(pk): {"min_count": 1 if cover else 0, "max_count": most} for pk in communities}

    def quotas(self) -> dict:
        quotas = {}
        for domain in self.domains:
            most, fewest = self.cleaned_data.get(f"max_{domain.code}"), self.cleaned_data.get(f"min_count_{domain.code}")
            if most is not None or fewest:
                quotas[domain.code] = {"min_count": fewest or 0, "max_amount": most.fen if most is not None else None}
        return quotas


class GrantsForm(StyledFormMixin, forms.Form):
    """The grant offered to each ranked application: its request, or less within the program's rules."""

    prefix = "grant"

    def __init__(self, *args, applications, program, offers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.applications, self.program = applications, program
        for application in applications:
            offered = (offers or {}).get(str(application.pk))
            self.fields[str(application.pk)] = MoneyFormField(
                label=_("%(number)s %(title)s (asks %(request)s)") % {
                    "number": application.number, "title": application.title, "request": application.grant_requested},
                initial=Money(offered) if offered is not None else application.grant_requested, required=False,
                help_text=_("Leave empty to offer the full request."))
        self.style_fields()

    def clean(self):
        cleaned = super().clean()
        low = self.program.min_grant
        for application in self.applications:
            amount = cleaned.get(str(application.pk))
            if amount is None:
                continue
            if amount > application.grant_requested:
                self.add_error(str(application.pk), _("A grant cannot be more than the %(request)s requested.")
                               % {"request": application.grant_requested})
            elif amount < low:
                self.add_error(str(application.pk), _("The program's smallest grant is %(min)s.") % {"min": low})
        return cleaned

    def offers(self) -> dict[str, int]:
        """Only the grants changed from the request."""
        return {str(a.pk): self.cleaned_data[str(a.pk)].fen for a in self.applications
                if self.cleaned_data.get(str(a.pk)) is not None and self.cleaned_data[str(a.pk)] != a.grant_requested}
