"""Forms of community charity funds. Rules live in the services; forms parse and say what is missing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from yichuang.charity.bank import PledgeText
from yichuang.charity.grants import GrantText
from yichuang.charity.models import CommitteeMember, Donation
from yichuang.charity.services import DonationText, FundText, Member
from yichuang.core.forms import MoneyFormField, StyledFormMixin
from yichuang.places.models import Area, Organization

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class FundForm(StyledFormMixin, forms.Form):
    host = forms.ModelChoiceField(label=_("Host charity"), queryset=Organization.objects.none(), empty_label="—",
                                  help_text=_("A registered foundation or charitable organization: the fund is a "
                                              "named sub-fund of it and uses its accounts."))
    community = forms.ModelChoiceField(label=_("Community"), queryset=Area.objects.none(), empty_label="—")
    purposes = forms.CharField(label=_("Stated purposes"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
                               help_text=_("What the fund may be spent on; it may be spent on nothing else."))
    committee = forms.CharField(label=_("Management committee"), widget=forms.Textarea(attrs={"rows": 5}),
                                help_text=_("One member per line, the chair first; an odd number, at least five."))
    supervisor = forms.CharField(label=_("Supervisor"), max_length=60)
    fundraising_filing = forms.CharField(label=_("Host's public-fundraising filing number"), max_length=60,
                                         required=False, help_text=_("Only where the host has one."))
    receipt_prefix = forms.CharField(label=_("Receipt prefix"), max_length=6,
                                     help_text=_("2 to 6 capital letters that start this fund's receipt numbers."))

    def __init__(self, *args, hosts, communities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = hosts
        self.fields["community"].queryset = communities
        self.fields["community"].label_from_instance = lambda a: f"{a.parent.name if a.parent else ''} · {a.name}"

    def text(self) -> FundText:
        data = self.cleaned_data
        names = [line.strip() for line in data["committee"].splitlines() if line.strip()]
        committee = [Member(name[:50], CommitteeMember.Role.CHAIR if i == 0 else CommitteeMember.Role.MEMBER)
                     for i, name in enumerate(names)]
        return FundText(host=data["host"], community=data["community"], purposes=data["purposes"],
                        supervisor=data["supervisor"], receipt_prefix=data["receipt_prefix"].strip().upper(),
                        committee=committee, fundraising_filing=data["fundraising_filing"])


class DonationForm(StyledFormMixin, forms.Form):
    method = forms.ChoiceField(label=_("How it was given"), widget=forms.RadioSelect,
                               choices=[c for c in Donation.Method.choices if c[0] != Donation.Method.PLEDGE])
    donor_name = forms.CharField(label=_("Donor"), max_length=100)
    publish_name = forms.BooleanField(label=_("The donor agrees to their name being published"), required=False)
    amount = MoneyFormField(label=_("Amount (yuan)"))
    received_on = forms.DateField(label=_("Received on"), widget=DATE)
    bank_reference = forms.CharField(label=_("Bank transaction reference"), max_length=80, required=False,
                                     help_text=_("Bank transfers: as on the statement."))
    witness_1 = forms.CharField(label=_("First witness"), max_length=40, required=False,
                                help_text=_("Cash: the two people who counted it with you."))
    witness_2 = forms.CharField(label=_("Second witness"), max_length=40, required=False)
    goods = forms.CharField(label=_("Goods and how they were valued"), max_length=300, required=False)
    restriction = forms.CharField(label=_("Restricted to"), max_length=200, required=False,
                                  help_text=_("Leave empty unless the donor said what it must be spent on."))

    def text(self) -> DonationText:
        data = self.cleaned_data
        return DonationText(donor_name=data["donor_name"], method=data["method"], amount=data["amount"],
                            received_on=data["received_on"], publish_name=data["publish_name"],
                            restriction=data["restriction"], goods=data["goods"],
                            witnesses=(data["witness_1"], data["witness_2"]), bank_reference=data["bank_reference"])


class GrantForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("What the money is for"), widget=forms.RadioSelect)
    purpose = forms.CharField(label=_("What it pays for"), max_length=200,
                              help_text=_("Published with the grant, e.g. 社东社区助老餐桌配套资金."))
    amount = MoneyFormField(label=_("Amount (yuan)"))
    restriction = forms.ChoiceField(label=_("Paid from"), required=False)
    project = forms.ModelChoiceField(label=_("Project (co-funding)"), required=False, queryset=None, empty_label="—")
    wish = forms.ModelChoiceField(label=_("Micro-wish"), required=False, queryset=None, empty_label="—",
                                  help_text=_("A published wish in the areas the fund serves; paying it adopts it "
                                              "in the fund's name."))
    recipient = forms.CharField(label=_("Recipient of emergency aid (not published)"), max_length=100, required=False)

    def __init__(self, *args, kinds, restrictions, projects, wishes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds
        self.fields["restriction"].choices = [("", _("Unrestricted money"))] + [
            (text, _("Money restricted to “%(what)s” (%(left)s left)") % {"what": text, "left": left.format()})
            for text, left in restrictions]
        self.fields["project"].queryset = projects
        self.fields["project"].label_from_instance = lambda p: f"{p.number} · {p.title} · {p.organization.name}"
        self.fields["wish"].queryset = wishes
        self.fields["wish"].label_from_instance = lambda w: f"{w.title} · {w.area.name} · {w.value.format()}"

    def text(self) -> GrantText:
        data = self.cleaned_data
        return GrantText(kind=data["kind"], purpose=data["purpose"], amount=data["amount"],
                         restriction=data["restriction"], project=data["project"], wish=data["wish"],
                         recipient=data["recipient"])


class PaymentForm(StyledFormMixin, forms.Form):
    paid_on = forms.DateField(label=_("Paid on"), widget=DATE)


class PledgeForm(StyledFormMixin, forms.Form):
    donor_name = forms.CharField(label=_("Your name, as on the receipt"), max_length=100)
    amount = MoneyFormField(label=_("Amount (yuan)"))
    publish_name = forms.BooleanField(label=_("My name may be published on the fund's page"), required=False)
    restriction = forms.CharField(label=_("Only for (optional)"), max_length=200, required=False,
                                  help_text=_("Leave empty to let the committee spend it on any of the fund's purposes."))

    def text(self) -> PledgeText:
        data = self.cleaned_data
        return PledgeText(donor_name=data["donor_name"], amount=data["amount"], publish_name=data["publish_name"],
                          restriction=data["restriction"])


class StatementForm(StyledFormMixin, forms.Form):
    statement = forms.FileField(label=_("Bank statement (Excel .xlsx or CSV)"),
                                help_text=_("Columns: date, amount, transaction reference, payer, memo (交易日期, 金额, "
                                            "交易流水号, 对方户名, 摘要). Lines imported before are skipped."))


class MemberLinkForm(StyledFormMixin, forms.Form):
    username = forms.CharField(label=_("Their account (user name)"), max_length=150, required=False,
                               help_text=_("Leave empty if they vote only at the committee's meetings."))
    organization = forms.ModelChoiceField(label=_("Organization they belong to"), queryset=None, required=False,
                                          empty_label="—", help_text=_("They sit out grants to it."))

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations

    def clean_username(self):
        from yichuang.accounts.models import User

        name = self.cleaned_data["username"].strip()
        if not name:
            return None
        user = User.objects.filter(username=name, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("No active account has this user name."))
        return user


class RefundForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("Why the gift is refunded"), max_length=300, widget=forms.Textarea(attrs={"rows": 2}))
