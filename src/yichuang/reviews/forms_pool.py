"""Forms of the expert pool."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from yichuang.core.forms import StyledFormMixin, WholeNumberField
from yichuang.places.models import ServiceDomain
from yichuang.reviews.models import Expert
from yichuang.reviews.pool import EDITABLE


class ExpertForm(StyledFormMixin, forms.ModelForm):
    version = WholeNumberField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Expert
        fields = EDITABLE
        widgets = {"domains": forms.CheckboxSelectMultiple, "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, areas, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas
        self.fields["affiliations"].queryset = organizations
        self.fields["affiliations"].help_text = _("Organizations the expert works for, advises or sits on the board of: "
                                                  "they will never review those organizations' applications.")
        self.fields["version"].initial = self.instance.version

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in EDITABLE}


class ExpertFilterForm(forms.Form):
    q = forms.CharField(required=False, max_length=100)
    domain = forms.ModelChoiceField(queryset=ServiceDomain.objects.all(), required=False, empty_label=_("All domains"),
                                    to_field_name="code", widget=forms.Select(attrs={"class": "form-select"}))


class ExpertProfileForm(StyledFormMixin, forms.ModelForm):
    """What an expert keeps up to date themselves; the pool's officers keep the rest."""

    version = WholeNumberField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Expert
        fields = ["domains", "affiliations", "available", "max_load", "note"]
        widgets = {"domains": forms.CheckboxSelectMultiple, "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["affiliations"].queryset = organizations.distinct()
        self.fields["affiliations"].help_text = _("Organizations you work for, advise or sit on the board of: you will "
                                                  "never be asked to review their applications.")
        self.fields["version"].initial = self.instance.version
