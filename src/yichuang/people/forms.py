from __future__ import annotations

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from yichuang.accounts import granting
from yichuang.accounts.roles import Role
from yichuang.accounts.scopes import q_path_within
from yichuang.core.forms import StyledFormMixin
from yichuang.places.models import Area, Organization


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
        if role == Role.ORG_MEMBER and organization is None:
            self.add_error("organization", _("Choose the organization this member belongs to."))
        elif role and role != Role.ORG_MEMBER and area is None:
            self.add_error("area", _("Choose the area where this role applies."))
        if role == Role.ORG_MEMBER:
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


class JoinForm(StyledFormMixin, forms.Form):
    """Opening the invited account: a user name and a password, checked by the password rules."""

    username = forms.RegexField(label=_("User name for logging in"), max_length=30, regex=r"^[A-Za-z0-9._-]{3,30}$",
                                help_text=_("3–30 letters, digits, dots, dashes or underscores."),
                                error_messages={"invalid": _("Use 3–30 letters, digits, dots, dashes or underscores.")})
    display_name = forms.CharField(label=_("Your name as others see it"), max_length=50)
    password1 = forms.CharField(label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    password2 = forms.CharField(label=_("The password again"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def clean(self):
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            try:
                password_validation.validate_password(first)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data
