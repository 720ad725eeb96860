"""Logging in and out, and what every person does for themselves: password and language."""

from __future__ import annotations

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.encoding import force_bytes
from django.utils.http import url_has_allowed_host_and_scheme, urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from yichuang.accounts import services, two_factor
from yichuang.accounts.forms import (
    ChangePasswordForm,
    NewPasswordForm,
    PasswordResetRequestForm,
    ThrottledAuthenticationForm,
    TwoFactorCodeForm,
)
from yichuang.accounts.middleware import TwoFactorMiddleware
from yichuang.core.forms import FAILED, submit

SETUP_KEY = "yichuang_two_factor_key"  # the key being set up, until its first code confirms it


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = ThrottledAuthenticationForm
    redirect_authenticated_user = True


@login_required
def password_change(request):
    form = ChangePasswordForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.user_password_set(actor=request.user, user=request.user, password=form.cleaned_data["new_password1"],
                                   how="changed")
        update_session_auth_hash(request, request.user)  # stay logged in here; other sessions end
        messages.success(request, _("Your password is changed."))
        return redirect("portal:home")
    return render(request, "accounts/password_change.html", {
        "form": form, "two_factor_on": two_factor.has_device(request.user),
        "two_factor_required": two_factor.is_required(request.user)}, status=400 if form.errors else 200)


def _reset_link(request, user) -> str:
    path = reverse("accounts:password-reset-confirm",
                   args=[urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)])
    return settings.SITE_URL.rstrip("/") + path


def password_reset(request):
    """Asking for a reset link: the same answer whether or not the address has an account."""
    form = PasswordResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.password_reset_request(address=form.cleaned_data["address"], link_for=lambda u: _reset_link(request, u))
        return render(request, "accounts/password_reset_sent.html", {"address": form.cleaned_data["address"],
                                                                     "hours": settings.PASSWORD_RESET_TIMEOUT // 3600})
    return render(request, "accounts/password_reset.html", {"form": form})


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django checks the link (expiring, and single-use: it is bound to the password it replaces)."""

    template_name = "accounts/password_reset_confirm.html"
    form_class = NewPasswordForm
    success_url = reverse_lazy("accounts:login")

    def form_valid(self, form):
        services.user_password_set(actor=self.user, user=self.user, password=form.cleaned_data["new_password1"], how="reset")
        del self.request.session[auth_views.INTERNAL_RESET_SESSION_TOKEN]
        messages.success(self.request, _("Your new password is set. Log in with it."))
        return redirect(self.success_url)


@require_POST
def language(request):
    """Switch the interface language; a logged-in person's choice is kept for their next visits."""
    code = request.POST.get("language", "")
    target = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        target = "/"
    response = redirect(target)
    if code in dict(settings.LANGUAGES):
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, code, max_age=settings.LANGUAGE_COOKIE_AGE,
                            samesite="Lax", secure=request.is_secure())
        if request.user.is_authenticated:
            services.user_language_set(actor=request.user, language=code)
    return response


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("portal:home")


def _passed(request, device) -> None:
    otp_login(request, device)
    request.session[TwoFactorMiddleware.SESSION_KEY] = True


@login_required
def two_factor_setup(request):
    """Scan a QR code (or type the key), confirm with the first code; the recovery codes are shown once."""
    if two_factor.has_device(request.user):
        messages.info(request, _("Two-step sign-in is already on for this account."))
        return redirect("accounts:password-change")
    key = request.session.get(SETUP_KEY) or two_factor.new_secret()
    request.session[SETUP_KEY] = key
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = submit(form, lambda: two_factor.two_factor_enable(actor=request.user, key_hex=key,
                                                                    code=form.cleaned_data["code"]))
        if result is not FAILED:
            device, codes = result
            _passed(request, device)
            del request.session[SETUP_KEY]
            return render(request, "accounts/two_factor_codes.html", {"codes": codes, "next": _next(request)})
    uri = TOTPDevice(user=request.user, key=key).config_url
    return render(request, "accounts/two_factor_setup.html", {
        "form": form, "qr": segno.make(uri, error="m").svg_data_uri(scale=4, border=2),
        "secret": two_factor.base32_secret(key), "required": two_factor.is_required(request.user),
        "next": _next(request)}, status=400 if form.errors else 200)


@login_required
def two_factor_verify(request):
    """The second step after the password."""
    if request.user.is_verified():
        return redirect(_next(request))
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = submit(form, lambda: two_factor.two_factor_check(user=request.user, code=form.cleaned_data["code"]))
        if device is not FAILED:
            _passed(request, device)
            return redirect(_next(request))
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": _next(request)},
                  status=400 if form.errors else 200)


@require_POST
@login_required
def two_factor_codes(request):
    """New recovery codes (the old ones stop working), shown once."""
    if not request.user.is_verified():
        raise PermissionDenied
    codes = two_factor.recovery_codes_renew(actor=request.user)
    return render(request, "accounts/two_factor_codes.html", {"codes": codes, "next": reverse("accounts:password-change")})


@login_required
def two_factor_disable(request):
    """Turn the second step off with a current code; people who must use it cannot."""
    if two_factor.is_required(request.user) or not two_factor.has_device(request.user):
        raise PermissionDenied
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if submit(form, lambda: two_factor.two_factor_disable(actor=request.user, code=form.cleaned_data["code"])) is not FAILED:
            request.session[TwoFactorMiddleware.SESSION_KEY] = False
            messages.success(request, _("Two-step sign-in is off."))
            return redirect("accounts:password-change")
    return render(request, "accounts/two_factor_disable.html", {"form": form}, status=400 if form.errors else 200)
