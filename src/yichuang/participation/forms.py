"""Forms of residents' voice. Rules live in the services; forms parse and say what is missing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from yichuang.accounts.models import User
from yichuang.core.forms import MoneyFormField, StyledFormMixin
from yichuang.participation.models import MicroWish, WishFor
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
