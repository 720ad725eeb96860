"""Keys for personal data (PIPL): field encryption, keyed lookup hashes and seals.

One master key (``YICHUANG_DATA_KEY``, else the site's secret key) is stretched with HKDF into a
separate key per purpose, so a leaked certificate seal key says nothing about ID numbers. Older
master keys listed in ``YICHUANG_OLD_DATA_KEYS`` still decrypt, which lets an operator rotate.
"""

from __future__ import annotations

import base64
import functools

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings


def _derive(master: str, purpose: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"yichuang", info=purpose.encode()).derive(master.encode())


def _master_keys() -> list[str]:
    current = getattr(settings, "DATA_KEY", "") or settings.SECRET_KEY
    return [current, *getattr(settings, "OLD_DATA_KEYS", [])]


@functools.cache
def _fernet() -> MultiFernet:
    return MultiFernet([Fernet(base64.urlsafe_b64encode(_derive(key, "field-encryption"))) for key in _master_keys()])


def purpose_key(purpose: str) -> bytes:
    """The current key for one purpose ("id-lookup", "certificate-seal", ...)."""
    return _derive(_master_keys()[0], purpose)


def encrypt(text: str) -> str:
    return _fernet().encrypt(text.encode()).decode()


def decrypt(token: str) -> str:
    """The clear text; "" if the token was made with a key this site no longer has."""
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        return ""
