"""Recording an officer's or community worker's decision on a request (registration, sign-up)."""

from __future__ import annotations

from django.utils import timezone


def record_decision(request, *, actor, status: str, note: str = "", **fields) -> None:
    """Set the outcome, who decided and when (and any ``fields``) on ``request`` and save just those."""
    request.status, request.decided_by, request.decided_at = status, actor, timezone.now()
    request.decision_note = note.strip()[:300]
    for name, value in fields.items():
        setattr(request, name, value)
    request.save(update_fields=["status", "decided_by", "decided_at", "decision_note", *fields])
