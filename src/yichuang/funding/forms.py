"""The decision page's forms: the rules, per-domain quotas, and the grants offered."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from yichuang.core.forms import MoneyFormField, StyledFormMixin, WholeNumberField
from yichuang.kernel.money import Money


class DecisionForm(StyledFormMixin, forms.Form):
    OBJECTIVES = [("rank", _("Follow the ranking under the rules")), ("score", _("Largest total score"))]
    budget = MoneyFormField(label=_("Budget (yuan)"))
    objective = forms.ChoiceField(label=_("Objective"), choices=OBJECTIVES, initial="rank", widget=forms.RadioSelect)
    organization_cap = WholeNumberField(label=_("Funded projects per organization, at most"), min_value=1, required=False)

    def __init__(self, *args, domains, **kwargs):
        super().__init__(*args, **kwargs)
        self.domains = domains
        self.fields["cover_communities"] = forms.BooleanField(
            label=_("At least one funded project in every community that applied"), required=False)
        self.fields["community_max_count"] = WholeNumberField(
            label=_("Funded projects per community, at most"), min_value=1, required=False)
        self.style_fields()

    def community_quotas(self, communities) -> dict:
        """Coverage wishes as quotas on every community that has a ranked application."""
        cover, most = self.cleaned_data.get("cover_communities"), self.cleaned_data.get("community_max_count")
        if not cover and most is None:
            return {}
        return {str(pk): {"min_count": 1 if cover else 0, "max_count": most} for pk in communities}


QUOTA_PARTS = ("min_amount", "max_amount", "min_count", "max_count")


class QuotaForm(StyledFormMixin, forms.Form):
    """Per-domain quotas, shown as a table: a row per domain, at least / at most in yuan and in projects."""

    prefix = "quota"

    def __init__(self, *args, domains, **kwargs):
        super().__init__(*args, **kwargs)
        self.domains = domains
        labels = {
            "min_amount": _("%(domain)s: at least (yuan)"), "max_amount": _("%(domain)s: at most (yuan)"),
            "min_count": _("%(domain)s: at least this many projects"),
            "max_count": _("%(domain)s: at most this many projects"),
        }
        for domain in domains:
            for part in QUOTA_PARTS:
                label = labels[part] % {"domain": domain}
                field = (MoneyFormField(label=label, required=False) if part.endswith("amount")
                         else WholeNumberField(label=label, min_value=0, required=False))
                field.widget.attrs.update({"aria-label": label, "class": "form-control form-control-sm"})
                self.fields[f"{domain.code}_{part}"] = field
        self.style_fields()

    def rows(self) -> list[tuple]:
        return [(domain, [self[f"{domain.code}_{part}"] for part in QUOTA_PARTS]) for domain in self.domains]

    def clean(self):
        cleaned = super().clean()
        for domain in self.domains:
            for low, high in (("min_amount", "max_amount"), ("min_count", "max_count")):
                least, most = cleaned.get(f"{domain.code}_{low}"), cleaned.get(f"{domain.code}_{high}")
                if least is not None and most is not None and least > most:
                    self.add_error(f"{domain.code}_{high}", _("“At most” is below “at least” for %(domain)s.")
                                   % {"domain": domain})
        return cleaned

    def quotas(self) -> dict:
        quotas = {}
        for domain in self.domains:
            values = {part: self.cleaned_data.get(f"{domain.code}_{part}") for part in QUOTA_PARTS}
            if any(value is not None for value in values.values()):
                quotas[domain.code] = {
                    "min_amount": values["min_amount"].fen if values["min_amount"] is not None else 0,
                    "max_amount": values["max_amount"].fen if values["max_amount"] is not None else None,
                    "min_count": values["min_count"] or 0, "max_count": values["max_count"]}
        return quotas

    @staticmethod
    def initial_from(rules: dict) -> dict:
        initial = {}
        for code, quota in (rules.get("domain_quotas") or {}).items():
            for part in QUOTA_PARTS:
                value = quota.get(part)
                if value:
                    initial[f"{code}_{part}"] = Money(value) if part.endswith("amount") else value
        return initial


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
