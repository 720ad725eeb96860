"""Writing the audit trail. Every service function calls ``log_action`` inside its transaction."""

from __future__ import annotations

import datetime
from typing import Any, Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import models

from yichuang.core.models import AuditEvent
from yichuang.kernel.identifiers import mask_phone


def _plain(value: Any) -> Any:
    """Turn a field value into something JSON can hold without losing meaning."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple, set)):
        return sorted(_plain(item) for item in value)
    if value is None or isinstance(value, (str, int, bool, float)):
        return value
    return str(value)


def _natural_key(obj: models.Model) -> Any:
    """Stable codes read better in history than database ids."""
    return getattr(obj, "code", None) or obj.pk


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The audited state of ``obj``: concrete fields by attname, many-to-many as sorted pks."""
    state: dict[str, Any] = {}
    for name in fields:
        field = obj._meta.get_field(name)
        if field.many_to_many:
            related = getattr(obj, name).all() if obj.pk else []
            state[name] = sorted(_natural_key(item) for item in related)
        elif "phone" in name:  # PIPL: the trail keeps phone numbers masked, like the pages
            state[name] = mask_phone(str(getattr(obj, field.attname) or ""))
        else:
            state[name] = _plain(getattr(obj, field.attname))
    return state


def log_action(
    *,
    actor,
    action: str,
    obj: models.Model | None = None,
    before: dict | None = None,
    after: dict | None = None,
    reason: str = "",
    area_path: str = "",
) -> AuditEvent:
    event = AuditEvent(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        before=before,
        after=after,
        reason=reason,
        area_path=area_path,
    )
    if obj is not None:
        event.content_type = ContentType.objects.get_for_model(obj, for_concrete_model=True)
        event.object_id = str(obj.pk)
        event.object_repr = str(obj)[:255]
    event.save()
    return event
