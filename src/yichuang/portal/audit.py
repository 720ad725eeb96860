"""The audit trail pages: every change with who, when and why, for auditors and officers in their areas."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from yichuang.accounts.audit_readers import can_read_audit, visible_events
from yichuang.core.exports import Sheet, xlsx_response
from yichuang.core.paging import paginate
from yichuang.portal import audit_display
from yichuang.portal.audit_filters import EXPORT_LIMIT, AuditFilterForm


def _filtered(request):
    if not can_read_audit(request.user):
        raise PermissionDenied
    form = AuditFilterForm(request.GET or None, user=request.user)
    events = form.apply(visible_events(request.user).select_related("actor", "content_type"))
    return form, events


@login_required
def audit_list(request):
    form, events = _filtered(request)
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, "core/audit_list.html", {**paginate(request, events, 50), "filters": form,
                                                    "export_query": params.urlencode()})


@login_required
def audit_export(request):
    """The filtered trail as Excel: one sentence a row, with its parts in columns for sorting."""
    _form, events = _filtered(request)
    rows = [(event.at, str(event.actor) if event.actor else _("system"), event.action_label, event.object_repr,
             event.reason, audit_display.sentence(event))
            for event in events[:EXPORT_LIMIT]]
    headers = [_("Time"), _("Who"), _("What"), _("Record"), _("Reason"), _("In words")]
    return xlsx_response("audit-trail.xlsx", [Sheet(title=_("Audit trail"), headers=headers, rows=rows)])


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
