"""The link crawl as every demo role (tests/portal/test_crawl.py checks what it finds; the accessibility
check visits the pages it reaches): crawled once per database in a test run."""

from __future__ import annotations

import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlparse

from django.db import connection
from django.test import Client

from yichuang.accounts.models import User

ROLES = ["anonymous", "admin", "officer", "officer.review", "officer.xiangshan", "officer.shushan", "expert", "org",
         "supervisor", "community", "volunteer", "resident", "resident.xs", "donor", "auditor"]
START = ["/", "/home/"]
PAGES_PER_ROLE = 120
SAME_SHAPE = 2  # pages whose paths differ only in numbers: visit this many of each shape
SKIP = ("/accounts/logout/", "/admin/", "/static/", "/media/", "/i18n/")

PATTERNS = [
    (re.compile(r"\b[a-z]+\.[a-z_]+\.[a-z_]+\b"), "dotted code"),
    (re.compile(r"\b\w+ object \(\d+\)"), "object name"),
    (re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b"), "field key or code"),  # state, role, guard, effect codes too
]
# Developer English in the Chinese interface: four or more English words in a row.
ENGLISH = re.compile(r"\b(?:[A-Za-z]{2,}[ ,;:]+){3,}[A-Za-z]{2,}")


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.text, self._skip, self._skipping = [], [], 0, []

    def handle_starttag(self, tag, attrs):
        # translate="no" marks data that is the same in every language (a key to type, a code)
        if tag in ("script", "style") or dict(attrs).get("translate") == "no":
            self._skip += 1
            self._skipping.append(tag)
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)

    def handle_endtag(self, tag):
        if self._skipping and self._skipping[-1] == tag:
            self._skipping.pop()
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def _problems(url: str, text: str) -> list[str]:
    found = []
    for pattern, what in PATTERNS:
        for match in pattern.findall(text):
            if "@" not in match:  # e-mail addresses are data
                found.append(f"{url}: {what} “{match}”")
    for match in ENGLISH.findall(text):
        found.append(f"{url}: English in the Chinese interface “{match.strip()}”")
    return found


def _shape(path: str) -> str:
    return re.sub(r"\d+", "N", path)


def _crawl(client: Client, pages: list[str] | None = None) -> list[str]:
    """Problems found on the pages reachable by links; ``pages`` collects the HTML pages seen."""
    problems, seen, shapes = [], set(), {}
    queue = deque((url, None) for url in START)
    while queue and len(seen) < PAGES_PER_ROLE:
        url, source = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans")
        if response.status_code >= 500:
            problems.append(f"{url}: {response.status_code}")
            continue
        if response.status_code in (403, 404, 405) and source:  # a link the viewer cannot follow
            problems.append(f"{source} links to {url}, which answers {response.status_code}")
            continue
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        if pages is not None:
            pages.append(url)
        page = _Page()
        page.feed(response.content.decode())
        problems += _problems(url, " ".join(page.text))
        for href in page.links:
            target = urldefrag(href)[0]
            parsed = urlparse(target)
            if parsed.scheme or parsed.netloc or not parsed.path.startswith("/") or parsed.path.startswith(SKIP):
                continue
            shape = _shape(parsed.path)
            if target not in seen and shapes.get(shape, 0) < SAME_SHAPE:
                shapes[shape] = shapes.get(shape, 0) + 1
                queue.append((target, url))
    return problems


_crawled: dict[str, dict[str, tuple[list[str], list[str]]]] = {}


def crawl_as_every_role() -> dict[str, tuple[list[str], list[str]]]:
    """Each role's (problems, HTML pages) on the demo world, crawled once per database in a test run: the
    accessibility check visits the same pages, and the demo is restored identically (same keys) for every
    test. The caller loads the demo first."""
    if connection.vendor not in _crawled:
        found = {}
        for role in ROLES:
            client = Client()
            if role != "anonymous":
                client.force_login(User.objects.get(username=role))
            pages: list[str] = []
            found[role] = (_crawl(client, pages), pages)
        _crawled[connection.vendor] = found
    return _crawled[connection.vendor]
