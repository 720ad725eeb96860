"""Every page passes axe-core's WCAG 2 A/AA rules: each page the link crawl reaches (one of each
kind, as the first demo role that reaches it), in the Chinese interface, on a desktop screen."""

from __future__ import annotations

from django.urls import resolve

from tests.browser.axe import axe_violations
from tests.browser.conftest import log_in_en, log_out
from tests.crawl import crawl_as_every_role
from tests.demo_world import demo_load
from yichuang.demo.users import DEMO_PASSWORD


def _pages_by_role() -> list[tuple[str, str]]:
    """(role, url): every kind of page once, as the first role (in crawl order) that reaches it."""
    covered, visits = set(), []
    for role, (_, pages) in crawl_as_every_role().items():
        for url in pages:
            kind = resolve(url.split("?")[0]).view_name + ("?" if "?" in url else "")
            if kind not in covered:
                covered.add(kind)
                visits.append((role, url))
    return visits


def test_every_kind_of_page_passes_axe_wcag_a_and_aa(page):
    demo_load()
    visits = _pages_by_role()
    problems, current = [], None
    for role, url in visits:
        if role != current:
            if current not in (None, "anonymous"):
                log_out(page)
            if role != "anonymous":
                log_in_en(page, role, DEMO_PASSWORD)
            current = role
        page.goto(url)
        problems += [f"{role} {url}: {v}" for v in axe_violations(page)]

    assert len(visits) > 60
    assert not problems, "\n".join(problems)
