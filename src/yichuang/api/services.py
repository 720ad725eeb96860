"""Issuing and checking API tokens."""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction

from yichuang.accounts.models import User
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
    """The active user a live token belongs to. Every API request asks, so the statement is written
    out: building the ORM query took longer than PostgreSQL took to answer it."""
    sql = (f"SELECT u.* FROM {User._meta.db_table} u JOIN {ApiToken._meta.db_table} t ON t.user_id = u.id "
           f"WHERE t.token_hash = %s AND t.revoked_at IS NULL AND u.is_active")
    return next(iter(User.objects.raw(sql, [_digest(token)])), None)
