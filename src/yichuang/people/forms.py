from __future__ import annotations

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from yichuang.accounts import granting
from yichuang.accounts.roles import ORGANIZATION_SCOPED, Role
from yichuang.accounts.scopes import q_path_within
from yichuang.core.forms import StyledFormMixin
from yichuang.people.models import VerificationMethod
from yichuang.places.models import Area, AreaLevel, Organization, OrganizationType


class ScopedRoleForm(StyledFormMixin, forms.Form):
    """A role and where it applies, offering only what the person filling it in may grant."""

    role = forms.ChoiceField(label=_("Role"))
    area = forms.ModelChoiceField(label=_("Area"), queryset=Area.objects.none(), required=False,
                                  help_text=_("For every role except organization member."))
    organization = forms.ModelChoiceField(label=_("Organization"), queryset=Organization.objects.none(), required=False,
                                          help_text=_("For organization members."))

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        paths = granting.managed_paths(actor)
        self.fields["role"].choices = [("", "—"), *[(role.value, role.label) for role in granting.grantable_roles(actor)]]
        self.fields["area"].queryset = Area.objects.filter(q_path_within("path", paths)).order_by("path")
        self.fields["area"].label_from_instance = lambda area: f"{'　' * (area.path.count('/') - 2)}{area.name}"
        self.fields["organization"].queryset = (Organization.objects.filter(q_path_within("area__path", paths))
                                                .select_related("area").order_by("name"))

    def clean(self):
        data = super().clean()
        role, area, organization = data.get("role"), data.get("area"), data.get("organization")
        if role in ORGANIZATION_SCOPED and organization is None:
            self.add_error("organization", _("Choose the organization this member belongs to."))
        elif role and role not in ORGANIZATION_SCOPED and area is None:
            self.add_error("area", _("Choose the area where this role applies."))
        if role in ORGANIZATION_SCOPED:
            data["area"] = None
        elif role:
            data["organization"] = None
        return data


class InviteForm(ScopedRoleForm):
    display_name = forms.CharField(label=_("Name"), max_length=50)
    address = forms.CharField(label=_("E-mail or mobile number"), max_length=200,
                              help_text=_("The invitation link is sent here."))
    field_order = ["display_name", "address", "role", "area", "organization"]


class ReasonForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


class NewAccountFields(forms.Form):
    """A user name and a password for a new account, checked by the password rules."""

    username = forms.RegexField(label=_("User name for logging in"), max_length=30, regex=r"^[A-Za-z0-9._-]{3,30}$",
                                help_text=_("3–30 letters, digits, dots, dashes or underscores."),
                                error_messages={"invalid": _("Use 3–30 letters, digits, dots, dashes or underscores.")})
    display_name = forms.CharField(label=_("Your name as others see it"), max_length=50)
    password1 = forms.CharField(label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    password2 = forms.CharField(label=_("The password again"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def clean(self):
        data = super().clean()
        if "password1" in self.fields:
            first, second = data.get("password1"), data.get("password2")
            if first and second and first != second:
                self.add_error("password2", _("The two passwords differ."))
            elif first:
                try:
                    password_validation.validate_password(first)
                except forms.ValidationError as error:
                    self.add_error("password1", error)
        return data


class JoinForm(StyledFormMixin, NewAccountFields):
    """Opening the invited account."""


class RegistrationForm(StyledFormMixin, NewAccountFields):
    """An organization registering itself; the account fields only for someone not logged in."""

    prefix = "reg"
    name = forms.CharField(label=_("Name of the organization"), max_length=200)
    org_type = forms.ChoiceField(label=_("Type"), choices=[])
    uscc = forms.CharField(label=_("Unified social credit code"), max_length=30, required=False,
                           help_text=_("18 characters, as on the registration certificate; unregistered community groups leave it empty."))
    area = forms.ModelChoiceField(label=_("Where it is registered or works"), queryset=Area.objects.none(), empty_label="—")
    legal_representative = forms.CharField(label=_("Legal representative or person in charge"), max_length=50)
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=30)
    address = forms.CharField(label=_("Address"), max_length=200, required=False)
    certificate = forms.FileField(label=_("Registration certificate (PDF, JPG or PNG)"),
                                  widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
                                  help_text=_("For an unregistered community group: the community's filing record."))
    ACCOUNT_FIELDS = ("username", "display_name", "password1", "password2")
    field_order = ["name", "org_type", "uscc", "area", "legal_representative", "contact_phone", "address", "certificate",
                   *ACCOUNT_FIELDS]

    def __init__(self, *args, with_account: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org_type"].choices = [("", "—"), *[(t.value, t.label) for t in OrganizationType
                                                        if t != OrganizationType.GOVERNMENT]]
        self.fields["area"].queryset = Area.objects.order_by("path")
        self.fields["area"].label_from_instance = lambda area: f"{'　' * (area.path.count('/') - 2)}{area.name}"
        if not with_account:
            for name in self.ACCOUNT_FIELDS:
                del self.fields[name]

    def organization_data(self) -> dict:
        keys = ("name", "org_type", "uscc", "area", "legal_representative", "contact_phone", "address")
        return {key: self.cleaned_data[key] for key in keys}

    def account(self) -> dict | None:
        if "username" not in self.fields:
            return None
        data = self.cleaned_data
        return {"username": data["username"], "password": data["password1"], "display_name": data["display_name"]}


class ResidentSignupForm(StyledFormMixin, NewAccountFields):
    """A resident signs up: the mobile number is the user name."""

    phone = forms.CharField(label=_("Mobile number"), max_length=20, help_text=_("You log in with it."))
    community = forms.ModelChoiceField(label=_("The community or village where you live"), queryset=Area.objects.none(),
                                       empty_label="—")
    field_order = ["phone", "display_name", "community", "password1", "password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["username"]
        self.fields["community"].queryset = Area.objects.filter(level=AreaLevel.COMMUNITY).select_related("parent").order_by("path")
        self.fields["community"].label_from_instance = lambda area: f"{area.parent.name if area.parent else ''} · {area.name}"


class VerifyResidentForm(StyledFormMixin, forms.Form):
    method = forms.ChoiceField(label=_("How you verified the person"), choices=[("", "—"), *VerificationMethod.choices])
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class ColleagueForm(StyledFormMixin, forms.Form):
    display_name = forms.CharField(label=_("Name"), max_length=50)
    address = forms.CharField(label=_("E-mail or mobile number"), max_length=200, help_text=_("The invitation link is sent here."))
    organization = forms.ModelChoiceField(label=_("Organization"), queryset=Organization.objects.none(), empty_label=None)
    role = forms.ChoiceField(label=_("Role"), initial=Role.ORG_MEMBER,
                             choices=[(role.value, role.label) for role in (Role.ORG_MEMBER, Role.ORG_ADMIN)],
                             help_text=_("An administrator also invites colleagues; a member does everything else."))

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
