"""Row locks on applications."""

from __future__ import annotations

from yichuang.applications.models import Application


def locked_application(pk: int, *related: str) -> Application:
    """Lock the application's row alone, then read it with ``related`` (after the lock, so a waiting
    request reads what the first one committed). Locking within a join would make PostgreSQL re-check
    the join against the old state row once the first request moved the state, and find nothing."""
    Application.objects.select_for_update(of=("self",)).filter(pk=pk).values_list("pk", flat=True).get()
    return Application.objects.select_related(*related).get(pk=pk)
