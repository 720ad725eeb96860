"""Labels for audit action codes. The codes are stable; only these labels are translated."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "accounts.user.created": _("Account created"),
    "accounts.role_grant.added": _("Role given"),
    "accounts.role_grant.removed": _("Role taken away"),
    "places.area.created": _("Area created"),
    "places.area.updated": _("Area changed"),
    "places.organization.created": _("Organization registered"),
    "places.organization.updated": _("Organization changed"),
    "places.credit_flag.added": _("Credit flag recorded"),
    "places.credit_flag.removed": _("Removal from a credit list recorded"),
    "places.service_domain.created": _("Service domain created"),
}


def action_label(code: str) -> str:
    return str(ACTION_LABELS.get(code, code))
