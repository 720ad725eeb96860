from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, SetPasswordForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from yichuang.accounts import throttle
from yichuang.core.forms import StyledFormMixin


class ThrottleMixin:
    """Log-in forms that count failures (the site's log-in page and the admin's use the same)."""

    throttle_messages = {
        "throttled": _("Too many failed attempts. Please wait %(minutes)s minutes and try again."),
    }

    def _address(self) -> str:
        return throttle.client_address(self.request)

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        if throttle.is_blocked(username, self._address()):
            raise ValidationError(
                self.throttle_messages["throttled"],
                code="throttled",
                params={"minutes": max(1, settings.LOGIN_THROTTLE_WINDOW_SECONDS // 60)},
            )
        try:
            cleaned = super().clean()
        except ValidationError:
            throttle.record_failure(username, self._address())
            raise
        throttle.clear(username)
        return cleaned


class ThrottledAuthenticationForm(ThrottleMixin, StyledFormMixin, AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("The user name or password is not right. Both are case-sensitive."),
    }


class ThrottledAdminAuthenticationForm(ThrottleMixin, AdminAuthenticationForm):
    """The admin's log-in, throttled exactly like the site's."""


class PasswordResetRequestForm(StyledFormMixin, forms.Form):
    address = forms.CharField(label=_("The e-mail address or mobile number of your account"), max_length=200)


class NewPasswordForm(StyledFormMixin, SetPasswordForm):
    """Django's checks (the two fields agree, the password rules); the service saves it."""

    def save(self, commit=True):  # the view calls the service instead
        raise NotImplementedError


class ChangePasswordForm(StyledFormMixin, PasswordChangeForm):
    def save(self, commit=True):  # the view calls the service instead
        raise NotImplementedError


class TwoFactorCodeForm(StyledFormMixin, forms.Form):
    code = forms.CharField(label=_("Code"), max_length=20, help_text=_(
        "The six digits your authenticator app shows now, or one of your recovery codes."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update({"autocomplete": "one-time-code", "autofocus": True,
                                                 "spellcheck": "false"})
