"""The navigation bar: which sections this user can open."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from yichuang.core.permissions import can_read_audit
from yichuang.places import permissions as places


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    items = []
    if user is not None and user.is_authenticated:
        items.append((_("My workspace"), reverse("portal:home")))
        if places.can_browse_areas(user):
            items.append((_("Areas"), reverse("places:area-list")))
        if places.can_list_organizations(user):
            items.append((_("Organizations"), reverse("places:organization-list")))
        if can_read_audit(user):
            items.append((_("Audit trail"), reverse("core:audit-list")))
    current = request.path if request else ""
    return {
        "nav_items": [
            {"label": label, "url": url, "active": current.startswith(url)} for label, url in items
        ]
    }
