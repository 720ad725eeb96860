from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from yichuang.core.forms import MoneyFormField, StyledFormMixin, WholeNumberField
from yichuang.kernel.numbers import parse_whole
from yichuang.voting.models import BallotType, TallyRule

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class VoteForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    applications = forms.ModelMultipleChoiceField(label=_("Projects on the ballot"), queryset=None,
                                                  widget=forms.CheckboxSelectMultiple)
    ballot_type = forms.ChoiceField(label=_("Ballot"), choices=BallotType.choices, widget=forms.RadioSelect,
                                    initial=BallotType.APPROVAL)
    min_choices = WholeNumberField(label=_("Choose at least"), min_value=1, initial=1)
    max_choices = WholeNumberField(label=_("Choose at most"), min_value=1, required=False)
    points = forms.CharField(label=_("Ranked: points per position"), required=False,
                             help_text=_("Highest first, separated by commas, such as 3, 2, 1."))
    total_points = WholeNumberField(label=_("Cumulative: points each voter spreads"), min_value=0, required=False)
    max_per_project = WholeNumberField(label=_("Cumulative: points per project, at most"), min_value=1,
                                         required=False)
    budget = MoneyFormField(label=_("Budget (yuan)"))
    rule = forms.ChoiceField(label=_("Counting rule"), choices=TallyRule.choices, initial=TallyRule.GREEDY)
    threshold = WholeNumberField(label=_("Vote threshold"), min_value=1, required=False)
    opens_at = forms.DateTimeField(label=_("Voting opens"), widget=DATETIME)
    closes_at = forms.DateTimeField(label=_("Voting closes"), widget=DATETIME)

    def __init__(self, *args, applications, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applications"].queryset = applications
        self.fields["applications"].label_from_instance = lambda a: f"{a.number} {a.title} · {a.grant_requested}"

    def clean_points(self):
        text = self.cleaned_data["points"].replace("，", ",").strip()
        if not text:
            return []
        numbers = [parse_whole(part) for part in text.split(",")]
        if any(number is None or number < 0 for number in numbers):
            raise forms.ValidationError(_("Write whole numbers separated by commas, such as 3, 2, 1."))
        return numbers


class PaperForm(StyledFormMixin, forms.Form):
    file = forms.FileField(label=_("Paper ballots (.xlsx)"), widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}))

