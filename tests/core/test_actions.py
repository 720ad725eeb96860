"""Every audit action code a service can write has a label (codes read from the source)."""

from __future__ import annotations

import pathlib
import re

from yichuang.core.actions import ACTION_LABELS, action_label

SRC = pathlib.Path(__file__).resolve().parents[2] / "src" / "yichuang"
LITERAL = re.compile(r'"([a-z]+\.[a-z_]+\.[a-z_]+)"')
# Codes built from a prefix in helpers: prefix → every suffix the helper is called with.
FAMILIES = {
    "projects.tranche.": re.compile(r'_log\(actor, tranche, "([a-z_]+)"|_set_status\([^)]*"([a-z_]+)"\)'),
    "reviews.roadshow.": re.compile(r'_log\(actor, "([a-z_]+)", session'),
    "voting.": re.compile(r'_log\(actor, vote, "([a-z_.]+)"|_set_status\([^)]*"(vote\.[a-z_]+)"'),
    "reviews.": re.compile(r'_log\(actor, "([a-z_.]+)", (?:round|assignment)'),
}


def _emitted() -> set[str]:
    codes = set()
    for path in SRC.rglob("*.py"):
        if "migrations" in path.parts or path.name == "actions.py":
            continue
        text = path.read_text(encoding="utf-8")
        codes |= {code for code in LITERAL.findall(text) if code.split(".")[0] in {
            "accounts", "places", "programs", "applications", "reviews", "funding", "ledger", "projects", "voting"}}
        for prefix, pattern in FAMILIES.items():
            for groups in pattern.findall(text):
                for suffix in (groups if isinstance(groups, tuple) else (groups,)):
                    if suffix:
                        codes.add(prefix + suffix)
    return codes


def test_actions_every_code_written_by_a_service_has_a_label():
    emitted = _emitted()
    missing = sorted(code for code in emitted if code not in ACTION_LABELS)

    # The scan must keep finding what services write, or "nothing missing" proves nothing.
    assert {"places.organization.created", "applications.application.transition"} <= emitted and len(emitted) > 50
    assert missing == []


def test_actions_an_unknown_code_is_never_shown_raw():
    assert action_label("something.never.written") not in ("something.never.written", "")
