"""Who may read the audit trail: auditors and officers, within their areas."""

from __future__ import annotations

from django.db.models import QuerySet

from yichuang.accounts.roles import Role
from yichuang.accounts.scopes import area_paths, q_path_within
from yichuang.core.models import AuditEvent

HISTORY_READERS = (Role.AUDITOR, Role.PROGRAM_OFFICER)


def can_read_audit(user) -> bool:
    return bool(area_paths(user, *HISTORY_READERS))


def visible_events(user) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(q_path_within("area_path", area_paths(user, *HISTORY_READERS)))
