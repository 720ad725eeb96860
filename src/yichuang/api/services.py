"""Issuing and checking API tokens."""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction

from yichuang.api.models import ApiToken
from yichuang.core.audit import log_action


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def token_issue(*, actor, user, name: str) -> str:
    """A new token for ``user``; the clear token is returned once and never stored."""
    token = "yc_" + secrets.token_urlsafe(32)
    row = ApiToken.objects.create(user=user, name=name.strip()[:100], token_hash=_digest(token))
    log_action(actor=actor, action="api.token.issued", obj=row, after={"user": user.username, "name": row.name})
    return token


def token_user(token: str):
    row = (ApiToken.objects.select_related("user").filter(token_hash=_digest(token), revoked_at__isnull=True,
                                                          user__is_active=True).first())
    return row.user if row else None
