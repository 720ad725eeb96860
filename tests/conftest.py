from __future__ import annotations

import pytest
from django.core.cache import cache


@pytest.fixture(scope="session")
def _media_root(tmp_path_factory):
    return tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, _media_root):
    # Uploads (attachments, vouchers) go to a temporary folder, never into the developer's data.
    settings.MEDIA_ROOT = str(_media_root)
    # Argon2 is the production hasher (tested in tests/core); tests hash thousands of times.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Two-step sign-in is off unless a test turns it on (tests/accounts/test_two_factor.py): factories
    # make real (not sample) officers, and most tests log them in directly.
    settings.TWO_FACTOR_ROLES = frozenset()
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def chinese(settings):
    settings.LANGUAGE_CODE = "zh-hans"
