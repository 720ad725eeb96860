"""The audit trail pages: every change with who, when and why, for auditors and officers in their areas."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render

from yichuang.accounts.audit_readers import can_read_audit, visible_events
from yichuang.core.paging import paginate
from yichuang.portal import audit_display


@login_required
def audit_list(request):
    if not can_read_audit(request.user):
        raise PermissionDenied
    events = visible_events(request.user).select_related("actor", "content_type")
    action = request.GET.get("action", "").strip()
    if action:
        events = events.filter(action__startswith=action)
    return render(request, "core/audit_list.html", {**paginate(request, events, 50), "action": action})


@login_required
def object_history(request, app_label: str, model: str, object_id: str):
    if not can_read_audit(request.user):
        raise PermissionDenied
    try:
        content_type = ContentType.objects.get_by_natural_key(app_label, model)
    except ContentType.DoesNotExist as missing:
        raise Http404 from missing
    events = list(
        visible_events(request.user)
        .filter(content_type=content_type, object_id=object_id)
        .select_related("actor")
        .order_by("at", "id")
    )
    if not events:  # nothing visible is the same answer as nothing at all
        raise Http404
    rows = audit_display.changes(events, _field_labels(content_type.model_class()))
    return render(request, "core/object_history.html", {"rows": rows, "object_repr": events[-1].object_repr})


def _field_labels(model) -> dict[str, str]:
    """Field names in history tables are shown by their translated labels."""
    if model is None:
        return {}
    return {field.name: str(getattr(field, "verbose_name", field.name)) for field in model._meta.get_fields()}
