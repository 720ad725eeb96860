"""Forms of the volunteer pages. Rules live in the services; forms parse and say what is missing."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yichuang.core.forms import StyledFormMixin, WholeNumberField
from yichuang.places.models import Area, AreaLevel
from yichuang.volunteers.consent import CONSENT_TEXTS
from yichuang.volunteers.models import (
    Evaluation,
    Gender,
    IdKind,
    Nature,
    Opportunity,
    ServiceCategory,
    Skill,
    Team,
)
from yichuang.volunteers.registration import Registration

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")  # what <input type=date> reads
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def communities():
    return Area.objects.filter(level=AreaLevel.COMMUNITY).select_related("parent").order_by("path")


def _community_field(label):
    field = forms.ModelChoiceField(label=label, queryset=communities(), empty_label="—")
    field.label_from_instance = lambda area: f"{area.parent.name if area.parent else ''} · {area.name}"
    return field


class RegistrationForm(StyledFormMixin, forms.Form):
    """Art. 5 fields, the consents, and a guardian for a child under 14."""

    name = forms.CharField(label=_("Full name"), max_length=50)
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices, widget=forms.RadioSelect)
    birth_date = forms.DateField(label=_("Date of birth"), widget=DATE)
    id_kind = forms.ChoiceField(label=_("Identity document"), choices=IdKind.choices, initial=IdKind.RESIDENT_ID)
    id_number = forms.CharField(label=_("Document number"), max_length=30,
                                help_text=_("Kept encrypted; pages show it masked."))
    area = None  # set in __init__ (the list of communities is read per request)
    phone = forms.CharField(label=_("Mobile number"), max_length=20)
    skills = forms.MultipleChoiceField(label=_("Skills"), choices=Skill.choices, required=False,
                                       widget=forms.CheckboxSelectMultiple)
    skills_note = forms.CharField(label=_("Other skills"), max_length=200, required=False)
    categories = forms.MultipleChoiceField(label=_("Service categories"), choices=ServiceCategory.choices,
                                           widget=forms.CheckboxSelectMultiple)
    guardian_name = forms.CharField(label=_("Guardian's name (under 14 only)"), max_length=50, required=False)
    guardian_phone = forms.CharField(label=_("Guardian's mobile number (under 14 only)"), max_length=20, required=False)
    consent = forms.BooleanField(label=CONSENT_TEXTS["registration"])
    sensitive_consent = forms.BooleanField(label=CONSENT_TEXTS["sensitive"])

    def __init__(self, *args, by_organization: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"] = _community_field(_("Community where you live"))
        order = ["name", "gender", "birth_date", "id_kind", "id_number", "area", "phone", "skills", "skills_note",
                 "categories", "guardian_name", "guardian_phone", "consent", "sensitive_consent"]
        if by_organization:
            self.fields["paper_consent"] = forms.BooleanField(
                label=_("I hold the volunteer's signed consent form (and a guardian's for a child under 14)."))
            self.fields["consent"].required = False
            self.fields["sensitive_consent"].required = False
            order += ["paper_consent"]
        self.order_fields(order)
        self.style_fields()

    def registration(self) -> Registration:
        data = self.cleaned_data
        return Registration(name=data["name"], gender=data["gender"], birth_date=data["birth_date"],
                            id_kind=data["id_kind"], id_number=data["id_number"], area=data["area"], phone=data["phone"],
                            skills=data["skills"], categories=data["categories"], skills_note=data["skills_note"],
                            sensitive_consent=bool(data.get("sensitive_consent") or data.get("paper_consent")),
                            guardian_name=data["guardian_name"], guardian_phone=data["guardian_phone"])


class RevealForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("Why you need the full number"), max_length=300)


class OpportunityForm(StyledFormMixin, forms.Form):
    """An activity and up to three shifts (more are added on its page)."""

    SHIFTS = 3
    title = forms.CharField(label=_("Activity name"), max_length=100)
    organization = forms.ModelChoiceField(label=_("Organizing unit"), queryset=None, empty_label=None)
    area = None
    nature = forms.ChoiceField(label=_("Kind of activity"), choices=Nature.choices, initial=Nature.SERVICE,
                               help_text=_("Meetings, team-building and performances are not volunteer service."))
    category = forms.ChoiceField(label=_("Service category"), choices=ServiceCategory.choices)
    skills = forms.MultipleChoiceField(label=_("Skills wanted (any of)"), choices=Skill.choices, required=False,
                                       widget=forms.CheckboxSelectMultiple)
    team = forms.ModelChoiceField(label=_("Volunteer team"), queryset=Team.objects.none(), required=False,
                                  help_text=_("Its leaders can check people in and out."))
    place = forms.CharField(label=_("Place"), max_length=200)
    content = forms.CharField(label=_("Service content"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    person_in_charge = forms.CharField(label=_("Person in charge"), max_length=50)
    rounding = forms.ChoiceField(label=_("Service time"), choices=Opportunity.Rounding.choices)

    def __init__(self, *args, organizations, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["team"].queryset = teams
        self.fields["area"] = _community_field(_("Community"))
        for n in range(1, self.SHIFTS + 1):
            required = n == 1
            self.fields[f"day_{n}"] = forms.DateField(label=_("Shift %(n)s: date") % {"n": n}, widget=DATE, required=required)
            self.fields[f"start_{n}"] = forms.TimeField(label=_("starts"), widget=TIME, required=required)
            self.fields[f"end_{n}"] = forms.TimeField(label=_("ends"), widget=TIME, required=required)
            self.fields[f"capacity_{n}"] = WholeNumberField(label=_("places"), required=required, min_value=1)
        self.order_fields(["title", "organization", "area", "nature", "category", "skills", "team", "place", "content",
                           "person_in_charge", "rounding"])
        self.style_fields()

    def shift_plans(self):
        from yichuang.volunteers.opportunities import ShiftPlan

        plans = []
        data = self.cleaned_data
        for n in range(1, self.SHIFTS + 1):
            if data.get(f"day_{n}") and data.get(f"start_{n}") and data.get(f"end_{n}") and data.get(f"capacity_{n}"):
                zone = timezone.get_current_timezone()
                starts = dt.datetime.combine(data[f"day_{n}"], data[f"start_{n}"], tzinfo=zone)
                ends = dt.datetime.combine(data[f"day_{n}"], data[f"end_{n}"], tzinfo=zone)
                plans.append(ShiftPlan(starts, ends, data[f"capacity_{n}"]))
        return plans


class EntryForm(StyledFormMixin, forms.Form):
    """Service entered by the organizer (from a paper sign-in sheet)."""

    volunteer_number = forms.CharField(label=_("Volunteer number"), max_length=16)
    organization = forms.ModelChoiceField(label=_("Organizing unit"), queryset=None, empty_label=None)
    activity_name = forms.CharField(label=_("Activity name"), max_length=100)
    nature = forms.ChoiceField(label=_("Kind of activity"), choices=Nature.choices, initial=Nature.SERVICE)
    served_on = forms.DateField(label=_("Date"), widget=DATE)
    place = forms.CharField(label=_("Place"), max_length=200)
    content = forms.CharField(label=_("Service content"), max_length=500)
    hours = forms.DecimalField(label=_("Service time (hours)"), min_value=0, max_value=24, decimal_places=2)
    person_in_charge = forms.CharField(label=_("Person in charge"), max_length=50)
    late_reason = forms.CharField(label=_("Why it is entered late (only after 10 working days)"), max_length=300,
                                  required=False)

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations


class CorrectionForm(StyledFormMixin, forms.Form):
    served_on = forms.DateField(label=_("Date"), widget=DATE)
    hours = forms.DecimalField(label=_("Service time (hours)"), min_value=0, max_value=24, decimal_places=2)
    place = forms.CharField(label=_("Place"), max_length=200)
    content = forms.CharField(label=_("Service content"), max_length=500)
    reason = forms.CharField(label=_("What is wrong"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class CertificateRequestForm(StyledFormMixin, forms.Form):
    organization = forms.ModelChoiceField(label=_("Unit that recorded your service"), queryset=None, empty_label=None)
    period_start = forms.DateField(label=_("From"), widget=DATE)
    period_end = forms.DateField(label=_("To"), widget=DATE)

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations


class VerifyForm(StyledFormMixin, forms.Form):
    number = forms.CharField(label=_("Certificate number"), max_length=30, required=False)
    file = forms.FileField(label=_("Or check a certificate file (PDF)"), required=False)


class TeamForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Team name"), max_length=100)
    organization = forms.ModelChoiceField(label=_("Organization"), queryset=None, required=False,
                                          help_text=_("Leave empty for a community team."))
    skill = forms.ChoiceField(label=_("Skill"), choices=[("", "—"), *Skill.choices], required=False)
    category = forms.ChoiceField(label=_("Service category"), choices=[("", "—"), *ServiceCategory.choices],
                                 required=False)
    joining = forms.ChoiceField(label=_("Joining"), choices=Team.Joining.choices)
    description = forms.CharField(label=_("About the team"), max_length=1000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["area"] = _community_field(_("Community"))
        self.order_fields(["name", "area", "organization", "skill", "category", "joining", "description"])
        self.style_fields()


class InviteForm(StyledFormMixin, forms.Form):
    volunteer_number = forms.CharField(label=_("Volunteer number"), max_length=16)


class TrainingForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Training"), max_length=100)
    content = forms.CharField(label=_("Main content"), max_length=500)
    hours = forms.DecimalField(label=_("Length (hours)"), min_value=0, max_value=24, decimal_places=2)
    host = forms.CharField(label=_("Held by"), max_length=100)
    held_on = forms.DateField(label=_("Date"), widget=DATE)


class AwardForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Award"), max_length=100)
    awarded_on = forms.DateField(label=_("Date"), widget=DATE)
    granted_by = forms.CharField(label=_("Granted by"), max_length=100)


class EvaluationForm(StyledFormMixin, forms.Form):
    organization = forms.ModelChoiceField(label=_("Evaluated by"), queryset=None, empty_label=None)
    rating = forms.ChoiceField(label=_("Service quality"), choices=Evaluation.Rating.choices)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
    evaluated_on = forms.DateField(label=_("Date"), widget=DATE)

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations


def minutes_from_hours(value) -> int:
    return int(round(value * 60))
