"""The text a reader's PDF tool recovers from a PDF, for assertions on what was printed."""

from __future__ import annotations

import io

from pypdf import PdfReader


def pdf_text(data: bytes) -> str:
    """All pages' text with white space removed (PDF layout breaks lines and spaces Chinese freely)."""
    return "".join("".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages).split())
