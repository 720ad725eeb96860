"""Uploaded files: checked by what they contain, not by their name, and served only as downloads.

The size is known before the file is read (Django's upload handlers count it while spooling to disk,
and ``RequestSizeLimitMiddleware`` refuses an oversized body before it is read at all).
"""

from __future__ import annotations

import os

from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

# The first bytes of each kind of file we accept. Office's modern formats are ZIP archives, the
# older ones OLE compound files.
_ZIP = (b"PK\x03\x04",)
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "docx": _ZIP,
    "xlsx": _ZIP,
    "doc": _OLE,
    "xls": _OLE,
}


def extension(name: str) -> str:
    return os.path.splitext(name)[1].lower().lstrip(".")


def check_upload(upload, *, allowed: list[str] | tuple[str, ...], max_mb: int, field: str) -> None:
    """Refuse a missing, oversized, wrongly named or disguised file with a message for ``field``."""
    if upload is None:
        raise ValidationError({field: _("Choose a file to upload.")})
    if upload.size > max_mb * 1024 * 1024:
        raise ValidationError({field: _("The file is %(size)s MB; the largest allowed is %(limit)s MB.")
                               % {"size": round(upload.size / 1024 / 1024, 1), "limit": max_mb}})
    kind = extension(upload.name)
    if kind not in allowed:
        raise ValidationError({field: _("Files of type “%(type)s” cannot be uploaded here. Allowed: %(allowed)s.")
                               % {"type": kind or "?", "allowed": pgettext("list separator", ", ").join(allowed)}})
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not head.startswith(SIGNATURES.get(kind, (b"",))):
        raise ValidationError({field: _("“%(name)s” is not really a %(type)s file: its content does not match its name.")
                               % {"name": upload.name, "type": kind.upper()}})


def inline_image(file_field) -> FileResponse:
    """A JPEG we re-encoded ourselves (no metadata, no script), shown inline to the readers who may see it."""
    response = FileResponse(file_field.open("rb"), content_type="image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response


def download(file_field, name: str) -> FileResponse:
    """A stored file as a download, never rendered by the browser, never cached by a proxy."""
    response = FileResponse(file_field.open("rb"), as_attachment=True, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
