from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from yichuang.core.forms import MoneyFormField, PercentFormField, StyledFormMixin, TableRowFormMixin, WholeNumberField
from yichuang.places.models import Area, Organization, OrganizationType, ServiceDomain
from yichuang.programs.models import EDITABLE_WHILE_RUNNING, PROGRAM_SETTINGS, DecisionMethod, StageCode, TrancheTrigger

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")



class ProgramForm(StyledFormMixin, forms.Form):
    """Its fields are exactly ``PROGRAM_SETTINGS`` (a test holds this) plus domains and the edit version."""

    name = forms.CharField(label=_("Name"), max_length=200)
    code = forms.SlugField(
        label=_("Short code"), max_length=20, help_text=_("Letters, digits and hyphens; used in application numbers.")
    )
    organizer = forms.ModelChoiceField(label=_("Organizer"), queryset=Organization.objects.none())
    area = forms.ModelChoiceField(label=_("Area"), queryset=Area.objects.none())
    year = WholeNumberField(label=_("Year"), min_value=2000, max_value=2100)
    description = forms.CharField(label=_("Description"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))
    total_budget = MoneyFormField(label=_("Total budget (yuan)"))
    min_grant = MoneyFormField(label=_("Minimum grant per project (yuan)"))
    max_grant = MoneyFormField(label=_("Maximum grant per project (yuan)"))
    max_grant_ratio_bp = PercentFormField(
        label=_("Grant at most this share of the project budget (%)"), required=False,
        help_text=_("For example 60: the applicant funds the other 40 percent or more itself or with matched money."),
    )
    max_grant_cap = MoneyFormField(label=_("Grant never above (yuan)"), required=False)
    decided_by = forms.ChoiceField(
        label=_("Funding decided"), choices=DecisionMethod.choices, initial=DecisionMethod.REVIEW,
        help_text=_("With a resident vote, the published result of the vote becomes the funding decision."),
    )
    budget_tolerance_bp = PercentFormField(
        label=_("Budget line tolerance (%)"), initial=1000,
        help_text=_("Projects may move up to this share of a budget line, or overspend it by as much, without approval."),
    )
    notice_min_working_days = WholeNumberField(
        label=_("Shortest public notice (working days)"), min_value=1, max_value=60, initial=5,
        help_text=_("Weekends and public holidays do not count; make-up working days do."),
    )
    allow_unregistered = forms.BooleanField(label=_("Unregistered community groups may apply"), required=False)
    allowed_org_types = forms.MultipleChoiceField(
        label=_("Organization types that may apply"), choices=OrganizationType.choices, required=False,
        widget=forms.CheckboxSelectMultiple, help_text=_("Leave all unticked to allow every type."),
    )
    one_application_per_org = forms.BooleanField(label=_("One application per organization"), required=False, initial=True)
    applications_open_at = forms.DateTimeField(label=_("Applications open"), widget=DATETIME)
    applications_close_at = forms.DateTimeField(label=_("Application deadline"), widget=DATETIME)
    attachment_max_mb = WholeNumberField(label=_("Largest attachment (MB)"), min_value=1, max_value=100, initial=10)
    at_risk_margin_bp = PercentFormField(
        label=_("At-risk margin (%)"), initial=2000,
        help_text=_("A project is flagged at risk when an indicator is behind what is due by today by more than this share."),
    )
    fail_bar_years = WholeNumberField(
        label=_("Bar after a failed evaluation (years)"), min_value=0, max_value=10, initial=3,
        help_text=_("An organization whose project fails an evaluation may not apply for this many years."))
    domains = forms.ModelMultipleChoiceField(
        label=_("Service domains"), queryset=ServiceDomain.objects.all(), widget=forms.CheckboxSelectMultiple
    )
    version = WholeNumberField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, areas, organizers, running: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas
        self.fields["organizer"].queryset = organizers
        if running:
            for name in self.fields:
                if name not in EDITABLE_WHILE_RUNNING and name != "version":
                    self.fields[name].disabled = True

    def program_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in PROGRAM_SETTINGS}

    @staticmethod
    def initial_for(program) -> dict:
        return {name: getattr(program, name) for name in PROGRAM_SETTINGS}


class StageForm(TableRowFormMixin, StyledFormMixin, forms.Form):
    code = forms.ChoiceField(choices=StageCode.choices, widget=forms.HiddenInput)
    starts_on = forms.DateField(label=_("From"), required=False, widget=DATE)
    ends_on = forms.DateField(label=_("To"), required=False, widget=DATE)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("starts_on"), cleaned.get("ends_on")
        if bool(start) != bool(end):
            raise forms.ValidationError(_("Give both dates of a stage, or neither."))
        if start and end and end < start:
            raise forms.ValidationError(_("A stage cannot end before it starts."))
        return cleaned


class TrancheForm(TableRowFormMixin, StyledFormMixin, forms.Form):
    percent_bp = PercentFormField(label=_("Share (%)"), required=False)
    amount = MoneyFormField(label=_("or fixed amount (yuan)"), required=False)
    trigger = forms.ChoiceField(label=_("Released"), choices=[("", "—"), *TrancheTrigger.choices], required=False)
    due_on = forms.DateField(label=_("Date"), required=False, widget=DATE)

    def clean(self):
        cleaned = super().clean()
        filled = cleaned.get("percent_bp") or cleaned.get("amount")
        if filled and not cleaned.get("trigger"):
            raise forms.ValidationError(_("Say when this tranche is released."))
        if cleaned.get("percent_bp") and cleaned.get("amount"):
            raise forms.ValidationError(_("Give a share or a fixed amount, not both."))
        if cleaned.get("trigger") == TrancheTrigger.DATE and not cleaned.get("due_on"):
            raise forms.ValidationError(_("A tranche released on a date needs the date."))
        return cleaned


StageFormSet = forms.formset_factory(StageForm, extra=0)
TrancheFormSet = forms.formset_factory(TrancheForm, extra=0)


class CriterionForm(StyledFormMixin, forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=30)
    label_zh = forms.CharField(label=_("Name (Chinese)"), max_length=40)
    label_en = forms.CharField(label=_("Name (English)"), max_length=60, required=False)
    weight = WholeNumberField(label=_("Weight"), min_value=1, max_value=100)
    max_points = WholeNumberField(label=_("Maximum score"), min_value=1, max_value=100)
    na_allowed = forms.BooleanField(label=_("May be marked n/a"), required=False)


CriterionFormSet = forms.formset_factory(CriterionForm, extra=2, can_delete=True)


class RubricWeightsForm(StyledFormMixin, forms.Form):
    review_weight_bp = PercentFormField(label=_("Weight of the expert review (%)"))
    roadshow_weight_bp = PercentFormField(label=_("Weight of the roadshow (%)"), required=False)


class TransitionForm(StyledFormMixin, forms.Form):
    label_zh = forms.CharField(label=_("Name (Chinese)"), max_length=40)
    label_en = forms.CharField(label=_("Name (English)"), max_length=60, required=False)
    roles = forms.MultipleChoiceField(label=_("Who may take this step"), widget=forms.CheckboxSelectMultiple, choices=[])
    needs_reason = forms.BooleanField(label=_("A reason is required"), required=False)
    enabled = forms.BooleanField(label=_("This step is available"), required=False, initial=True)

    def __init__(self, *args, **kwargs):
        from yichuang.accounts.roles import Role

        super().__init__(*args, **kwargs)
        self.fields["roles"].choices = [(Role.PROGRAM_OFFICER.value, Role.PROGRAM_OFFICER.label), (Role.ORG_MEMBER.value, Role.ORG_MEMBER.label)]


class ProgramInviteForm(StyledFormMixin, forms.Form):
    display_name = forms.CharField(label=_("Name"), max_length=50)
    address = forms.CharField(label=_("E-mail or mobile number"), max_length=200,
                              help_text=_("The invitation link is sent here."))
    role = forms.ChoiceField(label=_("Role for this program"))

    def __init__(self, *args, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [("", "—"), *[(role.value, role.label) for role in roles]]
