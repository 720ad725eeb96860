"""QR codes for printing: the link a phone opens, as an SVG (segno), never cached by proxies because the
link is a key (a meeting's door, an activity's scan page, a survey)."""

from __future__ import annotations

import io

import segno
from django.http import HttpResponse


def qr_svg_response(request, path: str, title: str) -> HttpResponse:
    out = io.BytesIO()
    segno.make(request.build_absolute_uri(path), error="m").save(out, kind="svg", scale=8, border=2, title=title)
    response = HttpResponse(out.getvalue(), content_type="image/svg+xml")
    response["Cache-Control"] = "private, no-store"
    return response
