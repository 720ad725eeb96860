"""Forms of residents' voice. Rules live in the services; forms parse and say what is missing."""

from __future__ import annotations

from captcha.fields import CaptchaField, CaptchaTextInput
from django import forms
from django.template import loader
from django.utils.translation import gettext_lazy as _

from yichuang.accounts.models import User
from yichuang.core.forms import MoneyFormField, StyledFormMixin
from yichuang.participation.models import AgeGroup, MicroWish, Survey, SurveyQuestion, WishFor
from yichuang.participation.surveys import QuestionText, SurveyText
from yichuang.participation.wishes import PROOF_MAX_MB, WishText
from yichuang.places.models import Area, AreaLevel

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")  # what <input type=date> reads


class WishForm(StyledFormMixin, forms.Form):
    area = forms.ModelChoiceField(label=_("Community"), queryset=Area.objects.none(), empty_label="—")
    wish_for = forms.ChoiceField(label=_("The wish is for"), choices=WishFor.choices)
    title = forms.CharField(label=_("The wish"), max_length=60,
                            help_text=_("What is wished for, in a few words, e.g. “a new school bag”."))
    story = forms.CharField(label=_("About the wish"), max_length=500, widget=forms.Textarea(attrs={"rows": 4}),
                            help_text=_("Published. No names, phone numbers, ID numbers or addresses."))
    value = MoneyFormField(label=_("Estimated value (yuan)"))
    deadline = forms.DateField(label=_("Wanted by"), widget=DATE)
    beneficiary_name = forms.CharField(label=_("Resident's name"), max_length=50,
                                       help_text=_("Never published; seen by the community's staff."))
    beneficiary_phone = forms.CharField(
        label=_("Resident's (or guardian's) mobile number, if they have an account"), max_length=20, required=False,
        help_text=_("Links the wish to their account, so they can follow it."))
    beneficiary_note = forms.CharField(label=_("Private note for staff"), max_length=300, required=False,
                                       widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, communities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = communities
        self.fields["area"].label_from_instance = lambda area: f"{area.parent.name if area.parent else ''} · {area.name}"

    def clean_beneficiary_phone(self):
        phone = self.cleaned_data["beneficiary_phone"].strip()
        if not phone:
            return None
        user = User.objects.filter(phone=phone, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("No account has this mobile number; leave it empty."))
        return user

    def text(self) -> WishText:
        data = self.cleaned_data
        return WishText(area=data["area"], wish_for=data["wish_for"], title=data["title"], story=data["story"],
                        value=data["value"], deadline=data["deadline"], beneficiary_name=data["beneficiary_name"],
                        beneficiary_note=data["beneficiary_note"], beneficiary_user=data["beneficiary_phone"])

    @classmethod
    def initial_for(cls, wish: MicroWish) -> dict:
        return {"area": wish.area_id, "wish_for": wish.wish_for, "title": wish.title, "story": wish.story,
                "value": wish.value, "deadline": wish.deadline, "beneficiary_name": wish.beneficiary_name,
                "beneficiary_note": wish.beneficiary_note,
                "beneficiary_phone": wish.beneficiary_user.phone if wish.beneficiary_user else ""}


def keeper_communities(paths: list[str]):
    from yichuang.accounts.scopes import q_path_within

    return (Area.objects.filter(q_path_within("path", paths), level=AreaLevel.COMMUNITY)
            .select_related("parent").order_by("path"))


class FulfilForm(StyledFormMixin, forms.Form):
    proof = forms.FileField(label=_("Proof"))
    note = forms.CharField(label=_("How it was fulfilled"), max_length=300, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proof"].help_text = _("A photo (no faces, please) or a receipt as PDF, at most %(mb)s MB.") % {
            "mb": PROOF_MAX_MB}


# --- Surveys ----------------------------------------------------------------------------------

class SurveyForm(StyledFormMixin, forms.Form):
    area = forms.ModelChoiceField(label=_("Area"), queryset=Area.objects.none(), empty_label="—")
    title = forms.CharField(label=_("Title"), max_length=100)
    intro = forms.CharField(label=_("Introduction"), max_length=1000, required=False,
                            widget=forms.Textarea(attrs={"rows": 3}),
                            help_text=_("Shown above the questions: why you ask, and what happens with the answers."))
    mode = forms.ChoiceField(label=_("Who answers"), choices=Survey.Mode.choices, widget=forms.RadioSelect,
                             initial=Survey.Mode.ANONYMOUS)
    opens_on = forms.DateField(label=_("Opens on"), widget=DATE)
    closes_on = forms.DateField(label=_("Closes on"), widget=DATE)

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas
        self.fields["area"].label_from_instance = lambda area: f"{area.parent.name if area.parent else ''} · {area.name}"

    def text(self) -> SurveyText:
        data = self.cleaned_data
        return SurveyText(area=data["area"], title=data["title"], intro=data["intro"], mode=data["mode"],
                          opens_on=data["opens_on"], closes_on=data["closes_on"])


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


class QuestionForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind of question"), choices=SurveyQuestion.Kind.choices)
    text = forms.CharField(label=_("Question"), max_length=300)
    required = forms.BooleanField(label=_("An answer is required"), required=False)
    options = forms.CharField(label=_("Choices, one per line"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
                              help_text=_("For one choice, several choices and grids (the grid's columns)."))
    rows = forms.CharField(label=_("Grid rows, one per line"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    show_if = forms.ChoiceField(label=_("Ask only if"), required=False)

    def __init__(self, *args, survey: Survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        choices = [("", _("Always ask"))]
        for question in survey.questions.filter(kind__in=("single", "multiple")):
            choices += [(f"{question.pk}:{i}", f"{question.position}. {question.text} → {option}")
                        for i, option in enumerate(question.options)]
        self.fields["show_if"].choices = choices

    def question(self) -> QuestionText:
        data = self.cleaned_data
        depends, option = None, None
        if data["show_if"]:
            pk, option = (int(part) for part in data["show_if"].split(":"))
            depends = self.survey.questions.filter(pk=pk).first()
        return QuestionText(kind=data["kind"], text=data["text"], required=data["required"],
                            options=_lines(data["options"]), rows=_lines(data["rows"]), show_if_question=depends,
                            show_if_option=option)


class HumanCheckInput(CaptchaTextInput):
    """The sum's picture with a description in the reader's language. Drawn by the project's
    template engine: the form renderer reads only the apps' template folders."""

    template_name = "participation/_captcha.html"

    def render(self, name, value, attrs=None, renderer=None):
        self.fetch_captcha_store(name, value, attrs, self.generator)
        return loader.render_to_string(self.template_name, self.get_context(name, self._value, attrs))


class HumanCheckForm(forms.Form):
    """On every public form: a field people never see (bots fill it), and a sum to work out."""

    website = forms.CharField(required=False, label=_("Leave this empty"))
    captcha = CaptchaField(label=_("Work out the sum in the picture"),
                           widget=HumanCheckInput(),
                           error_messages={"invalid": _("That is not the answer to the sum; try the new one.")})

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError(_("Leave this empty"))
        return ""


class RespondentForm(StyledFormMixin, forms.Form):
    community = forms.ModelChoiceField(label=_("Which community do you live in?"), queryset=Area.objects.none(),
                                       required=False, empty_label=_("I'd rather not say"))
    age_group = forms.ChoiceField(label=_("Your age group"), required=False,
                                  choices=[("", _("I'd rather not say")), *AgeGroup.choices])

    def __init__(self, *args, survey: Survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = (Area.objects.filter(path__startswith=survey.area.path,
                                                                 level=AreaLevel.COMMUNITY).order_by("path"))


class TopicForm(StyledFormMixin, forms.Form):
    area = forms.ModelChoiceField(label=_("Community"), queryset=Area.objects.none(), empty_label="—")
    title = forms.CharField(label=_("Topic"), max_length=80,
                            help_text=_("A few words, e.g. “repair the road by the ancestral hall”."))
    body = forms.CharField(label=_("What it is about"), max_length=1000, widget=forms.Textarea(attrs={"rows": 4}))
    assisted_for = forms.CharField(label=_("On behalf of (a resident without a phone)"), max_length=50, required=False,
                                   help_text=_("Staff only: the resident's name as they want it shown."))

    def __init__(self, *args, communities, staff: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = communities
        self.fields["area"].label_from_instance = lambda area: f"{area.parent.name if area.parent else ''} · {area.name}"
        if not staff:
            del self.fields["assisted_for"]
