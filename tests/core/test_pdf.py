from __future__ import annotations

import re
import socket
import zlib
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

from tests.pdftext import pdf_text
from yichuang.core import pdf
from yichuang.core.pdf import FONT_FILES, local_file_url, pdf_response, render_pdf

AMOUNT = "人民币壹拾壹万伍仟元整"
SAMPLE = """{% extends "pdf/base.html" %}
{% block content %}<h1>资助协议</h1><p>资助金额：{{ amount }}</p><p><strong>甲方盖章</strong></p>{% endblock %}
"""


@pytest.fixture
def fonts_installed():
    for name in FONT_FILES.values():
        if not finders.find(name):
            pytest.fail(f"{name} is missing: run `make assets` (copies the Noto Sans SC fonts from npm)")


@pytest.fixture
def sample_template(settings, tmp_path):
    def write(source: str = SAMPLE, name: str = "sample.html") -> str:
        (tmp_path / name).write_text(source, encoding="utf-8")
        return name

    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [tmp_path, *engine["DIRS"]]}]
    return write


def _inflated(pdf_bytes: bytes) -> bytes:
    """The PDF with its Flate streams expanded: WeasyPrint compresses font dictionaries and CMaps."""
    parts = [pdf_bytes]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf_bytes, re.DOTALL):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue  # not a Flate stream
    return b"\n".join(parts)


def _unicode_mapped_characters(pdf_bytes: bytes) -> set[str]:
    """Characters the ToUnicode CMaps map glyphs back to: what a text extractor can recover."""
    pairs = re.findall(rb"<[0-9a-fA-F]+>\s*<([0-9a-fA-F]{4,})>", _inflated(pdf_bytes))
    return {bytes.fromhex(code.decode()).decode("utf-16-be") for code in pairs}


def test_render_pdf_chinese_template_is_a_valid_pdf(fonts_installed, sample_template):
    name = sample_template()

    data = render_pdf(name, {"amount": AMOUNT})

    assert data.startswith(b"%PDF-")
    assert data.rstrip().endswith(b"%%EOF")


def test_render_pdf_embeds_noto_sans_sc_regular_and_bold(fonts_installed, sample_template):
    name = sample_template()

    data = _inflated(render_pdf(name, {"amount": AMOUNT}))

    base_fonts = set(re.findall(rb"/BaseFont\s*/[A-Z]{6}\+([\w-]+)", data))
    assert base_fonts == {b"Noto-Sans-SC", b"Noto-Sans-SC-Bold"}  # no fallback font was needed
    assert b"/FontFile2" in data  # embedded, not merely referenced


def test_render_pdf_chinese_text_can_be_extracted(fonts_installed, sample_template):
    name = sample_template()

    text = pdf_text(render_pdf(name, {"amount": AMOUNT}))

    assert AMOUNT in text
    assert "第1页/共1页" in text


def test_render_pdf_never_opens_a_network_connection(fonts_installed, sample_template, monkeypatch):
    attempts = []
    monkeypatch.setattr(socket.socket, "connect", lambda self, address: attempts.append(address))
    monkeypatch.setattr(socket, "create_connection", lambda address, *a, **k: attempts.append(address))
    name = sample_template(
        '{% extends "pdf/base.html" %}{% block extra_style %}@import url("https://example.com/x.css");{% endblock %}'
        '{% block content %}<img src="http://example.com/logo.png"><p>页面</p>{% endblock %}'
    )

    data = render_pdf(name, {})

    assert data.startswith(b"%PDF-")
    assert attempts == []


def test_render_pdf_missing_font_raises_run_make_assets(sample_template, monkeypatch):
    monkeypatch.setattr(finders, "find", lambda *args, **kwargs: None)
    name = sample_template()

    with pytest.raises(RuntimeError, match="make assets"):
        render_pdf(name, {"amount": AMOUNT})


@pytest.mark.parametrize(
    "url", ["http://example.com/a.png", "https://example.com/a.css", "ftp://example.com/f", "data:text/css,p{}", "file://example.com/static/x.png"]
)
def test_local_file_url_refuses_anything_but_local_files(url):
    with pytest.raises(ValueError, match="offline"):
        local_file_url(url)


def test_local_file_url_refuses_files_outside_static_directories():
    with pytest.raises(ValueError, match="static files"):
        local_file_url("file:///etc/passwd")


def test_local_file_url_maps_static_url_to_the_file(fonts_installed):
    expected = Path(finders.find(FONT_FILES["regular"])).resolve().as_uri()

    assert local_file_url("file:///static/" + FONT_FILES["regular"]) == expected
    assert local_file_url(expected) == expected


def test_font_urls_are_file_urls_of_existing_fonts(fonts_installed):
    urls = pdf.font_urls()

    assert set(urls) == {"regular", "bold"}
    assert all(url.startswith("file:///") and url.endswith(".ttf") for url in urls.values())


def test_pdf_response_is_inline_with_chinese_filename():
    response = pdf_response("资助协议-WJ2025.pdf", b"%PDF-1.7 ...")

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('inline; filename="WJ2025.pdf"; filename*=UTF-8\'\'')
    assert response.content == b"%PDF-1.7 ..."


def test_pdf_response_attachment_when_not_inline():
    response = pdf_response("a.pdf", b"%PDF-", inline=False)

    assert response["Content-Disposition"].startswith('attachment; filename="a.pdf"')
