"""Failed log-ins are counted per account name and, with a much higher limit, per address: one
person's typos at a community service point (many people behind one address) lock out only their
own account, while guessing many accounts from one address is still stopped. The counters live in
a cache shared by every worker (the database in the embedded set-up, Redis where configured)."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import caches


def _cache():
    return caches["throttle"]


def _user_key(username: str) -> str:
    return "login-fail:user:" + hashlib.sha256(username.strip().casefold().encode()).hexdigest()[:32]


def _address_key(address: str) -> str:
    return f"login-fail:addr:{address}"


def client_address(request) -> str:
    """The client's address: REMOTE_ADDR, or behind ``TRUSTED_PROXY_COUNT`` proxies the address the
    outermost trusted proxy saw (counted from the right of X-Forwarded-For, which clients can forge)."""
    if request is None:
        return ""
    hops = settings.TRUSTED_PROXY_COUNT
    if hops:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return request.META.get("REMOTE_ADDR", "")


def is_blocked(username: str, address: str) -> bool:
    cache = _cache()
    return ((cache.get(_user_key(username)) or 0) >= settings.LOGIN_THROTTLE_ATTEMPTS
            or (cache.get(_address_key(address)) or 0) >= settings.LOGIN_THROTTLE_ADDRESS_ATTEMPTS)


def count(key: str, window: int) -> int:
    """Add one to the counter ``key`` (kept ``window`` seconds from its first count); the new count."""
    cache = _cache()
    if cache.add(key, 1, timeout=window):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        return 1


def record_failure(username: str, address: str) -> None:
    for key in (_user_key(username), _address_key(address)):
        count(key, settings.LOGIN_THROTTLE_WINDOW_SECONDS)


def clear(username: str) -> None:
    """A successful log-in clears its account's counter (the address keeps its count)."""
    _cache().delete(_user_key(username))
