"""PDFs with WeasyPrint and the Noto Sans SC fonts shipped from npm; nothing is fetched from the network."""

from __future__ import annotations

from pathlib import Path

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string

from yichuang.core.exports import _disposition

FONT_FILES = {"regular": "vendor/fonts/NotoSansSC_400Regular.ttf", "bold": "vendor/fonts/NotoSansSC_700Bold.ttf"}


def font_urls() -> dict[str, str]:
    urls = {}
    for weight, name in FONT_FILES.items():
        found = finders.find(name)
        if not found:
            raise RuntimeError(f"The PDF font {name} is missing: run `make assets` to copy it from npm.")
        urls[weight] = Path(found).resolve().as_uri()
    return urls


def _local_only(url: str, *args, **kwargs):
    from weasyprint.urls import default_url_fetcher

    if not url.startswith("file://"):
        raise ValueError(f"PDFs may only use local files, not {url}")
    return default_url_fetcher(url, *args, **kwargs)


def render_pdf(template_name: str, context: dict) -> bytes:
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    html = render_to_string(template_name, {**context, "pdf_fonts": font_urls()})
    fonts = FontConfiguration()
    return HTML(string=html, base_url=str(Path(__file__).resolve().parent), url_fetcher=_local_only).write_pdf(
        font_config=fonts
    )


def pdf_response(filename: str, pdf_bytes: bytes, inline: bool = True) -> HttpResponse:
    response = HttpResponse(pdf_bytes, content_type="application/pdf")
    response["Content-Disposition"] = _disposition(filename, inline=inline)
    return response
