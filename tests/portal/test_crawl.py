"""Every page reachable by links, as every demo role: no server error, and no raw internal code in the
page text (action codes, object names, field keys, role / guard / effect codes, developer English)."""

from __future__ import annotations

import pytest

from tests.crawl import crawl_as_every_role
from tests.demo_world import demo_load
from yichuang.core.actions import ACTION_LABELS
from yichuang.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_crawl_every_page_reachable_by_links_as_every_demo_role_has_no_error_no_dead_link_and_no_raw_code():
    demo_load()
    unlabelled = set(AuditEvent.objects.values_list("action", flat=True)) - set(ACTION_LABELS)
    assert not unlabelled, f"audit actions without a label: {sorted(unlabelled)}"

    problems = [f"{role} {line}" for role, (found, _) in crawl_as_every_role().items() for line in found]

    assert not problems, "\n".join(sorted(set(problems)))
