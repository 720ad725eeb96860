from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from yichuang.core.forms import StyledFormMixin, WholeNumberField
from yichuang.places.models import Area, CreditFlagKind, Organization, OrganizationType, ServiceDomain
from yichuang.places.services import MEMBER_EDITABLE
from yichuang.places.services import ORGANIZATION_EDITABLE as ORGANIZATION_FIELDS
from yichuang.places.validation import check_organization, clean_phone, clean_uscc


class VersionedForm(forms.Form):
    """Carries the version the editor saw, for optimistic locking."""

    version = WholeNumberField(widget=forms.HiddenInput, min_value=1)


class AreaCreateForm(StyledFormMixin, forms.Form):
    code = forms.CharField(label=_("Administrative code"), max_length=12)
    name = forms.CharField(label=_("Name"), max_length=100)
    code_official = forms.BooleanField(
        label=_("This is the official code"), required=False, initial=True,
        help_text=_("Untick when the code is a placeholder until the official one is known."),
    )


class AreaEditForm(StyledFormMixin, VersionedForm):
    name = forms.CharField(label=_("Name"), max_length=100)
    code_official = forms.BooleanField(label=_("This is the official code"), required=False)




class AreaChoiceField(forms.ModelChoiceField):
    """Areas indented by depth, so that two 社区 of the same name under different streets are told apart."""

    def label_from_instance(self, obj: Area) -> str:
        return f"{'　' * obj.depth}{obj.name}"


class OrganizationForm(StyledFormMixin, forms.Form):
    """One form for officers (all fields) and members (their own organization's contact details)."""

    name = forms.CharField(label=_("Name"), max_length=200)
    org_type = forms.ChoiceField(label=_("Type"), choices=OrganizationType.choices)
    uscc = forms.CharField(
        label=_("Unified social credit code"), max_length=30, required=False,
        help_text=_("18 characters, on the registration certificate. Leave empty for unregistered groups."),
    )
    area = AreaChoiceField(label=_("Area"), queryset=Area.objects.none())
    registering_authority = forms.CharField(label=_("Registering authority"), max_length=100, required=False)
    legal_representative = forms.CharField(label=_("Legal representative"), max_length=50, required=False)
    contact_name = forms.CharField(label=_("Contact person"), max_length=50, required=False)
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=30, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    address = forms.CharField(label=_("Address"), max_length=200, required=False)
    charter_scope = forms.CharField(label=_("Charter scope"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3}))
    domains = forms.ModelMultipleChoiceField(
        label=_("Service domains"), queryset=ServiceDomain.objects.all(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    established_on = forms.DateField(label=_("Established on"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    version = WholeNumberField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, areas, member_only: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas
        self.member_only = member_only
        if member_only:
            for name in ORGANIZATION_FIELDS:
                if name not in MEMBER_EDITABLE:
                    self.fields[name].disabled = True

    def clean_uscc(self):
        return clean_uscc(self.cleaned_data.get("uscc"))

    def clean_contact_phone(self):
        return clean_phone(self.cleaned_data.get("contact_phone", ""))

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            try:
                check_organization(org_type=cleaned["org_type"], uscc=cleaned.get("uscc"), area=cleaned.get("area"))
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    for message in messages:
                        self.add_error(field if field in self.fields else None, message)
        return cleaned

    def service_data(self) -> dict:
        names = MEMBER_EDITABLE if self.member_only else ORGANIZATION_FIELDS
        return {name: self.cleaned_data[name] for name in ORGANIZATION_FIELDS if name in names}

    @classmethod
    def initial_for(cls, organization: Organization) -> dict:
        initial = {name: getattr(organization, name) for name in ORGANIZATION_FIELDS if name != "domains"}
        initial["area"] = organization.area_id
        initial["domains"] = list(organization.domains.values_list("pk", flat=True))
        initial["version"] = organization.version
        return initial


class CreditFlagForm(StyledFormMixin, forms.Form):
    # A failed evaluation's bar is recorded by the evaluation itself, never typed in here.
    kind = forms.ChoiceField(label=_("List"), choices=[(code, label) for code, label in CreditFlagKind.choices
                                                        if code != CreditFlagKind.FAILED_EVALUATION])
    listed_on = forms.DateField(label=_("Listed on"), widget=forms.DateInput(attrs={"type": "date"}))
    authority = forms.CharField(label=_("Listing authority"), max_length=100, required=False)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class CreditFlagRemoveForm(StyledFormMixin, forms.Form):
    removed_on = forms.DateField(label=_("Removed from the list on"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("Reason"), max_length=500)



class OrganizationFilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    org_type = forms.ChoiceField(label=_("Type"), required=False, choices=[("", _("All types")), *OrganizationType.choices])
