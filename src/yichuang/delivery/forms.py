"""Forms of delivery: the activity record (made for a phone), the beneficiary list, corrections."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yichuang.core.forms import StyledFormMixin, WholeNumberField
from yichuang.delivery.models import LeftoverHandling, Severity
from yichuang.delivery.services import ActivityData
from yichuang.kernel.numbers import ascii_digits

_HOURS = re.compile(r"^\s*(\d{1,5})(?:[.](\d{1,2}))?\s*$")


class HoursField(forms.CharField):
    """Hours typed as "3" or "2.5" (full-width digits too), cleaned to whole minutes."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 10)
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")

    def run_validators(self, value):
        return None  # the value is already whole minutes; to_python checked the text

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return 0
        match = _HOURS.match(ascii_digits(str(value)).replace("。", "."))
        if not match:
            raise ValidationError(_("Enter hours as a number, like 3 or 2.5."), code="invalid")
        whole, fraction = match.groups()
        return int(whole) * 60 + round(int((fraction or "0").ljust(2, "0")) * 60 / 100)


class MultiplePhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultiplePhotoInput(attrs={"accept": "image/*", "multiple": True}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data] if data else []
        return [super(PhotosField, self).clean(item, initial) for item in files]


class ActivityForm(StyledFormMixin, forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    place = forms.CharField(label=_("Place"), max_length=200)
    content = forms.CharField(label=_("What was done"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    planned = forms.TypedChoiceField(label=_("Planned activity it delivers"), required=False, coerce=int,
                                     empty_value=None)
    beneficiary_group = forms.CharField(label=_("Who it served"), max_length=200, required=False)
    attendees = forms.ModelMultipleChoiceField(
        label=_("Participants by name"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick everyone who took part: participants and person-times are then counted from the names."))
    participants = WholeNumberField(label=_("Participants (when not named)"), required=False, min_value=0)
    person_times = WholeNumberField(label=_("Person-times (when not named)"), required=False, min_value=0,
                                    help_text=_("Each person once per session: a two-day camp for 20 people is 40."))
    new_participants = WholeNumberField(
        label=_("Of them, first-time participants (when not named)"), required=False, min_value=0,
        help_text=_("People this project had not served before: people served counts each person once."))
    volunteers = WholeNumberField(label=_("Volunteers"), required=False, min_value=0, initial=0)
    volunteer_hours = HoursField(label=_("Volunteer hours in all"), required=False,
                                 help_text=_("Added up over all volunteers, for example 7.5."))

    def __init__(self, *args, project, plan: list, beneficiaries, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        self.fields["planned"].choices = [("", "—")] + [(i, row.get("name", "")) for i, row in enumerate(plan)]
        self.fields["attendees"].queryset = beneficiaries
        if not beneficiaries.exists():
            del self.fields["attendees"]
        self.fields["held_on"].initial = timezone.localdate()
        self.style_fields()

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("attendees"):
            for name in ("participants", "person_times"):
                if cleaned.get(name) is None and name not in self.errors:
                    self.add_error(name, _("Enter the number, or tick the participants by name."))
        return cleaned

    def data_object(self) -> ActivityData:
        c = self.cleaned_data
        return ActivityData(held_on=c["held_on"], place=c["place"], content=c["content"], planned=c.get("planned"),
                            beneficiary_group=c.get("beneficiary_group", ""), attendees=list(c.get("attendees") or []),
                            participants=c.get("participants") or 0, person_times=c.get("person_times") or 0,
                            new_participants=c.get("new_participants") or 0,
                            volunteers=c.get("volunteers") or 0, volunteer_minutes=c.get("volunteer_hours") or 0)


class NewActivityForm(ActivityForm):
    photos = PhotosField(label=_("Photos"), help_text=_("Resized on upload; the location stored in photos is removed."))
    sign_in_sheet = forms.FileField(label=_("Sign-in sheet (scan or photo: PDF, JPG or PNG)"), required=False,
                                    widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}))


class CorrectionForm(ActivityForm):
    reason = forms.CharField(label=_("Why the record must change"), max_length=1000,
                             widget=forms.Textarea(attrs={"rows": 2}))


class PhotoForm(StyledFormMixin, forms.Form):
    photos = PhotosField(label=_("Photos"))


class BeneficiaryForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=50)
    group = forms.CharField(label=_("Group"), max_length=100, required=False)
    note = forms.CharField(label=_("Note (to tell people with the same name apart)"), max_length=200, required=False)


class IndicatorReportForm(StyledFormMixin, forms.Form):
    position = forms.IntegerField(widget=forms.HiddenInput)
    value = WholeNumberField(label=_("Achieved so far"), min_value=0)
    note = forms.CharField(label=_("How it was counted"), max_length=300)


class VisitForm(StyledFormMixin, forms.Form):
    visited_on = forms.DateField(label=_("Date of the visit"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    observations = forms.CharField(label=_("Observations"), max_length=3000, widget=forms.Textarea(attrs={"rows": 4}))
    photos = PhotosField(label=_("Photos"), help_text=_("Resized on upload; the location stored in photos is removed."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["visited_on"].initial = timezone.localdate()


class IssueForm(StyledFormMixin, forms.Form):
    """One issue found on a visit; a row left blank is no issue."""

    description = forms.CharField(label=_("Issue found"), max_length=500, required=False)
    severity = forms.ChoiceField(label=_("Severity"), choices=[("", "—")] + list(Severity.choices), required=False)
    follow_up = forms.CharField(label=_("Follow-up required"), max_length=500, required=False)
    due_on = forms.DateField(label=_("Due by"), required=False,
                             widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def is_blank(self) -> bool:
        return not any(self.cleaned_data.get(name) for name in ("description", "severity", "follow_up", "due_on"))


IssueFormSet = forms.formset_factory(IssueForm, extra=3, max_num=10)


class FollowUpDoneForm(StyledFormMixin, forms.Form):
    response = forms.CharField(label=_("How it was dealt with"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class FinalReportForm(StyledFormMixin, forms.Form):
    narrative = forms.CharField(label=_("What the project achieved"), max_length=8000, required=False,
                                widget=forms.Textarea(attrs={"rows": 6}))
    lessons = forms.CharField(label=_("Difficulties and lessons"), max_length=4000, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
    leftover_handling = forms.ChoiceField(label=_("Money left over"), choices=LeftoverHandling.choices,
                                          widget=forms.RadioSelect)
    leftover_note = forms.CharField(label=_("How the money left over is handled"), max_length=500, required=False)
