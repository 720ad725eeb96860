"""Personal data shown in full (PIPL): pages show phone numbers masked; the full value is shown only
on request, with a reason, and every such view is in the audit trail."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yichuang.applications import permissions as applications_permissions
from yichuang.core.audit import log_action
from yichuang.places import permissions as places_permissions
from yichuang.reviews import permissions as reviews_permissions
from yichuang.volunteers import permissions as volunteers_permissions

# kind → (the gateway that answers 404 outside the viewer's scope, the field, the area path of the object)
REVEALABLE = {
    "organization-phone": (places_permissions.access_organization, "contact_phone", lambda o: o.area.path),
    "expert-phone": (reviews_permissions.access_pool_expert, "phone", lambda o: o.area.path if o.area_id else ""),
    "volunteer-phone": (volunteers_permissions.access_volunteer, "phone", lambda o: o.area.path),
    "objection-contact": (applications_permissions.access_objection, "contact", lambda o: o.notice.program.area.path),
}


@login_required
@require_POST
def reveal(request, kind: str, pk: int):
    if kind not in REVEALABLE:
        raise Http404
    gateway, field, area_path = REVEALABLE[kind]
    obj = gateway(request.user, pk)
    reason = request.POST.get("reason", "").strip()
    back = request.POST.get("next", "")
    if not reason:
        messages.error(request, _("Say why you need the full value; the view is recorded."))
        return redirect(back if back.startswith("/") else "portal:home")
    log_action(actor=request.user, action="core.personal_data.shown", obj=obj, reason=reason[:300],
               after={"field": field}, area_path=area_path(obj))
    return render(request, "portal/reveal.html", {"value": getattr(obj, field), "obj": obj, "back": back, "reason": reason})
