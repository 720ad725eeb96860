"""Two-step sign-in: a time-based code from an authenticator app (TOTP), with one-use recovery codes.

Who must use it is configuration (``TWO_FACTOR_ROLES``: by default the operator and program
officers, the people who release money and grant roles); anyone else may turn it on. Sample
accounts are exempt: their passwords are printed in the README, so a second step protects nothing.
Devices are django-otp's; every write goes through the services below and is audited.
"""

from __future__ import annotations

import binascii
import math
import secrets
import time

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp import devices_for_user, user_has_device
from django_otp import verify_token as otp_verify_token
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from yichuang.accounts.scopes import roles_of
from yichuang.core.audit import log_action

RECOVERY_CODES = 10
OPERATOR = "operator"  # the superuser, named in TWO_FACTOR_ROLES like a role


def is_required(user) -> bool:
    """Must this person pass the second step before anything else?"""
    if not user.is_authenticated or user.is_sample:
        return False
    wanted = settings.TWO_FACTOR_ROLES
    return (user.is_superuser and OPERATOR in wanted) or bool(roles_of(user) & wanted)


def has_device(user) -> bool:
    return user_has_device(user, confirmed=True)


def new_secret() -> str:
    """A fresh 20-byte key, hex as django-otp stores it; kept in the session until confirmed."""
    return secrets.token_hex(20)


def base32_secret(key_hex: str) -> str:
    """The key as people type it into an authenticator app, in groups of four."""
    from base64 import b32encode

    text = b32encode(binascii.unhexlify(key_hex)).decode()
    return " ".join(text[i:i + 4] for i in range(0, len(text), 4))


def _clean(code: str) -> str:
    return "".join(code.split()).lower()


def _totp_matches(key_hex: str, code: str) -> bool:
    totp = TOTP(binascii.unhexlify(key_hex))
    totp.time = time.time()
    return code.isdigit() and totp.verify(int(code), tolerance=1)


def _new_recovery_codes(device: StaticDevice) -> list[str]:
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _i in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


@transaction.atomic
def two_factor_enable(*, actor, key_hex: str, code: str) -> tuple[TOTPDevice, list[str]]:
    """Confirm the app with its first code; returns the device and the recovery codes (shown once)."""
    if has_device(actor):
        raise ValidationError(_("Two-step sign-in is already on for this account."))
    if not _totp_matches(key_hex, _clean(code)):
        raise ValidationError({"code": _("This code does not match. Check the time on your phone and type the "
                                         "six digits the app shows now.")})
    device = TOTPDevice.objects.create(user=actor, name=_("Authenticator app"), key=key_hex, confirmed=True)
    static = StaticDevice.objects.create(user=actor, name=_("Recovery codes"), confirmed=True)
    codes = _new_recovery_codes(static)
    log_action(actor=actor, action="accounts.two_factor.enabled", obj=actor)
    return device, codes


def two_factor_check(*, user, code: str):
    """The device that accepts this code (app code or an unused recovery code), else a clear error.

    Each device throttles its own failures (django-otp waits longer after each wrong code).
    """
    code = _clean(code)
    if not code:
        raise ValidationError({"code": _("Type the six-digit code from your app, or one of your recovery codes.")})
    kind = TOTPDevice if code.isdigit() and len(code) == 6 else StaticDevice
    for device in devices_for_user(user, confirmed=True):
        if isinstance(device, kind):
            allowed, data = device.verify_is_allowed()
            if not allowed:
                until = (data or {}).get("locked_until") or timezone.now()
                seconds = max(1, math.ceil((until - timezone.now()).total_seconds()))
                raise ValidationError({"code": ngettext(
                    "After a wrong code, wait %(seconds)d second before the next try.",
                    "After wrong codes, wait %(seconds)d seconds before the next try.", seconds) % {"seconds": seconds}})
            if otp_verify_token(user, device.persistent_id, code) is not None:
                if kind is StaticDevice:
                    log_action(actor=user, action="accounts.two_factor.recovery_code_used", obj=user,
                               after={"left": device.token_set.count()})
                return device
    raise ValidationError({"code": _("This code is not right, or it was already used.")})


@transaction.atomic
def recovery_codes_renew(*, actor) -> list[str]:
    """New recovery codes; the old ones stop working."""
    static = StaticDevice.objects.filter(user=actor, confirmed=True).first()
    if static is None:
        raise ValidationError(_("Turn on two-step sign-in first."))
    codes = _new_recovery_codes(static)
    log_action(actor=actor, action="accounts.two_factor.codes_renewed", obj=actor)
    return codes


@transaction.atomic
def two_factor_disable(*, actor, code: str) -> None:
    """Turn the second step off, proven with a current code; not for people who must use it."""
    if is_required(actor):
        raise PermissionDenied
    two_factor_check(user=actor, code=code)
    for device in devices_for_user(actor, confirmed=None):
        device.delete()
    log_action(actor=actor, action="accounts.two_factor.disabled", obj=actor)


@transaction.atomic
def two_factor_reset(*, actor, user, reason: str) -> None:
    """The operator removes a person's devices (a lost phone, no codes left) after checking who they are;
    the person sets up a new app at their next log-in."""
    if not actor.is_superuser or actor.pk == user.pk:
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason; it is kept in the account's history.")})
    devices = list(devices_for_user(user, confirmed=None))
    if not devices:
        raise ValidationError(_("This account has no two-step sign-in to reset."))
    for device in devices:
        device.delete()
    log_action(actor=actor, action="accounts.two_factor.reset", obj=user, reason=reason.strip())
