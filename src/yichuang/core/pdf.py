"""PDFs with WeasyPrint, set in the Noto Sans SC fonts shipped from npm.

Nothing is ever fetched from the network: the URL fetcher serves static files only.
WeasyPrint is imported lazily because loading it (Pango, cffi) takes over a second
and every view module that offers a PDF link imports this module.
"""

from __future__ import annotations

import functools
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils._os import safe_join

from yichuang.core.exports import content_disposition

__all__ = ["FONT_FILES", "font_urls", "local_file_url", "local_fetcher", "pdf_response", "render_pdf"]

FONT_FILES = {
    "regular": "vendor/fonts/NotoSansSC_400Regular.ttf",
    "bold": "vendor/fonts/NotoSansSC_700Bold.ttf",
}


def font_urls() -> dict[str, str]:
    """``file://`` URLs of the fonts, for the ``@font-face`` rules of pdf/base.html."""
    urls = {}
    for weight, name in FONT_FILES.items():
        found = finders.find(name)
        if not found:
            # Without the font, Pango would silently fall back to a system font (or tofu boxes).
            raise RuntimeError(f"The PDF font {name} is missing: run `make assets` to copy it from npm.")
        urls[weight] = Path(found).resolve().as_uri()
    return urls


def _static_prefixes() -> list[str]:
    # {% static %} gives "/static/x", which resolves against the base URL to file:///static/x.
    # An absolute STATIC_URL (a CDN) is mapped to the local copy instead of being downloaded.
    prefixes = ["file://" + urlsplit(settings.STATIC_URL).path]
    if urlsplit(settings.STATIC_URL).scheme:
        prefixes.append(settings.STATIC_URL)
    return prefixes


def _static_file(name: str) -> Path:
    found = finders.find(name)
    if not found and settings.STATIC_ROOT:
        # Manifest storage: hashed names ("app.3f2a.css") exist only in STATIC_ROOT.
        candidate = Path(safe_join(settings.STATIC_ROOT, name))
        found = candidate if candidate.is_file() else None
    if not found:
        raise FileNotFoundError(f"no static file {name!r}")
    return Path(found)


def _static_roots() -> list[Path]:
    roots = [Path(settings.STATIC_ROOT)] if settings.STATIC_ROOT else []
    for finder in finders.get_finders():
        roots.extend(Path(storage.location) for storage in getattr(finder, "storages", {}).values())
    return [root.resolve() for root in roots]


def local_file_url(url: str) -> str:
    """The ``file://`` URL WeasyPrint may read for ``url``, or ValueError.

    Static URLs map to the static file; other ``file://`` URLs must lie inside a static
    directory, so a template can never embed, say, /etc/passwd.  Every other scheme
    (http, https, ftp, data…) is refused: PDFs are rendered offline.
    """
    for prefix in _static_prefixes():
        if url.startswith(prefix):
            name = unquote(urlsplit(url[len(prefix):]).path)
            return _static_file(name).resolve().as_uri()
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        raise ValueError(f"PDFs are rendered offline; refusing {url}")
    path = Path(url2pathname(parts.path)).resolve()
    if not any(path.is_relative_to(root) for root in _static_roots()):
        raise ValueError(f"PDFs may only read static files; refusing {url}")
    return path.as_uri()


@functools.cache
def _local_fetcher_class():
    from weasyprint.urls import URLFetcher

    class LocalFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            return super().fetch(local_file_url(url), headers)

    return LocalFetcher


def local_fetcher():
    """A WeasyPrint URL fetcher that only reads local static files."""
    # allowed_protocols is a second lock in case local_file_url ever lets something through.
    return _local_fetcher_class()(allowed_protocols={"file"}, allow_redirects=False)


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render a template (normally extending pdf/base.html) to PDF bytes."""
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    html = render_to_string(template_name, {**context, "pdf_fonts": font_urls()})
    # The @font-face rules are only honoured when the fonts are loaded into a FontConfiguration.
    font_config = FontConfiguration()
    base_url = _static_prefixes()[0]
    document = HTML(string=html, base_url=base_url, url_fetcher=local_fetcher())
    return document.write_pdf(font_config=font_config)


def pdf_response(filename: str, pdf_bytes: bytes, inline: bool = True) -> HttpResponse:
    """Inline by default so the browser previews the PDF before printing."""
    response = HttpResponse(pdf_bytes, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(filename, inline=inline)
    return response
