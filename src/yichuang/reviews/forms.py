"""Forms of the review round (officer) and of the expert's score sheet."""

from __future__ import annotations

from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from yichuang.core.forms import StyledFormMixin, WholeNumberField
from yichuang.reviews.models import PairRule, ReviewRound


class RoundForm(StyledFormMixin, forms.ModelForm):
    version = WholeNumberField(widget=forms.HiddenInput)

    class Meta:
        model = ReviewRound
        fields = ["reviewers_per_application", "min_load", "max_load", "community_conflicts", "team_years", "deadline", "panel"]
        widgets = {
            "panel": forms.CheckboxSelectMultiple,
            "deadline": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        }

    def __init__(self, *args, experts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["panel"].queryset = experts
        self.fields["panel"].required = False
        self.fields["reviewers_per_application"].min_value = 1
        self.fields["version"].initial = self.instance.version


class AssignForm(StyledFormMixin, forms.Form):
    METHODS = [("optimal", _("Best match (provably optimal)")), ("draw", _("Random draw from the eligible experts"))]
    method = forms.ChoiceField(label=_("Method"), choices=METHODS, initial="optimal", widget=forms.RadioSelect)
    seed = WholeNumberField(
        label=_("Seed of the draw"), required=False, min_value=0, max_value=2**31 - 1,
        help_text=_("Leave empty for a fresh seed; enter a recorded seed to repeat an earlier draw exactly."),
    )


class PairRuleForm(StyledFormMixin, forms.Form):
    application = forms.ModelChoiceField(label=_("Application"), queryset=None)
    expert = forms.ModelChoiceField(label=_("Expert"), queryset=None)
    rule = forms.ChoiceField(label=_("Rule"), choices=[("", _("No rule")), *PairRule.Rule.choices], required=False)
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)

    def __init__(self, *args, review_round: ReviewRound, **kwargs):
        super().__init__(*args, **kwargs)
        from yichuang.applications.models import Application

        self.fields["application"].queryset = Application.objects.filter(review_entry__round=review_round)
        self.fields["expert"].queryset = review_round.panel.all()


class ReopenForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500)


def criterion_label(item: dict) -> str:
    return item.get("label_en") if translation.get_language() == "en" else item.get("label_zh") or item.get("code")


class ScoreSheetForm(StyledFormMixin, forms.Form):
    """One points field (and n/a box where allowed) and one comment per criterion, then bonus and remarks.

    Points are typed text ("17.5"), read with Decimal in the kernel: never a float.
    """

    revision = WholeNumberField(widget=forms.HiddenInput)
    comment = forms.CharField(label=_("Overall comment"), max_length=3000, required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, rubric: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.rubric = rubric
        for item in rubric.get("criteria", []):
            code = item["code"]
            self.fields[f"score_{code}"] = forms.CharField(
                label=_("%(criterion)s (0–%(max)s points)") % {"criterion": criterion_label(item), "max": item["max_points"]},
                required=False, max_length=6, widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
            )
            if item.get("na_allowed"):
                self.fields[f"na_{code}"] = forms.BooleanField(label=_("Not applicable to this project"), required=False)
            self.fields[f"comment_{code}"] = forms.CharField(
                label=_("Comment"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
        for item in rubric.get("bonus", []):
            self.fields[f"bonus_{item['code']}"] = forms.CharField(
                label=_("Bonus: %(criterion)s (0–%(max)s points)") % {"criterion": criterion_label(item), "max": item["max_points"]},
                required=False, max_length=6, widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
            )
        self.order_fields([*(name for name in self.fields if name not in ("comment", "revision")), "comment", "revision"])
        self.style_fields()

    def rows(self):
        """Per criterion: its points, n/a and comment fields, for the template."""
        for item in self.rubric.get("criteria", []):
            code = item["code"]
            yield {"item": item, "score": self[f"score_{code}"], "comment": self[f"comment_{code}"],
                   "na": self[f"na_{code}"] if f"na_{code}" in self.fields else None}

    def bonus_fields(self):
        return [self[f"bonus_{item['code']}"] for item in self.rubric.get("bonus", [])]

    def raw(self) -> tuple[dict, dict, dict]:
        """What the expert typed: scores (None for n/a), bonus, comments — text, read by the kernel."""
        data = self.cleaned_data
        scores, bonus, comments = {}, {}, {}
        for item in self.rubric.get("criteria", []):
            code = item["code"]
            scores[code] = None if data.get(f"na_{code}") else (data.get(f"score_{code}") or "").strip()
            if data.get(f"comment_{code}"):
                comments[code] = data[f"comment_{code}"].strip()
        for item in self.rubric.get("bonus", []):
            bonus[item["code"]] = (data.get(f"bonus_{item['code']}") or "").strip()
        return scores, bonus, comments
