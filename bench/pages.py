"""Server time of key pages at the district tier, against a trivial view in the same run.

    .venv/bin/python bench/pages.py [--organizations 300] [--requests 60]

Builds a fresh database (SQLite in a temp dir, or DATABASE_URL), fills it through the service
functions, then renders each page in-process with Django's test client and reports p50/p95
server time, queries per page, and the ratio to /healthz measured in the same run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("YICHUANG_DATA_DIR", tempfile.mkdtemp(prefix="yichuang-bench-"))
os.environ.setdefault("YICHUANG_PLAIN_STATIC", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yichuang.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402


def build_applications(district, organizations_n: int, count: int):
    """A running program with ``count`` submitted applications (rows written in bulk: the list is what is measured)."""
    from django.utils import timezone

    from tests import factories
    from yichuang.applications.models import Application
    from yichuang.places.models import Organization

    program = factories.program(district)
    state = program.workflow_version.states.get(code="eligible")
    organizations = list(Organization.objects.filter(area__path__startswith=district.path)[:organizations_n])
    now = timezone.now()
    Application.objects.bulk_create(
        [
            Application(
                program=program, organization=organizations[i % len(organizations)], state=state,
                number=f"{program.code}-{i:05d}", title=f"基准申报项目{i:05d}", created_by=factories.operator(),
                submitted_at=now, grant_requested=2_000_000, total_budget=3_400_000,
                search_text=f"基准申报项目{i:05d} {program.code.lower()}-{i:05d}",
            )
            for i in range(count)
        ],
        batch_size=1000,
    )
    return program


def build(organizations: int):
    from tests import factories
    from yichuang.accounts.roles import Role

    district = factories.district("基准区")
    streets = [factories.area(district, name=f"街道{i}") for i in range(12)]
    communities = [factories.area(streets[i % 12], name=f"社区{i}") for i in range(75)]
    for i in range(organizations):
        factories.organization(communities[i % 75], name=f"基准社会工作服务中心{i:04d}")
    officer = factories.user_with_role(Role.PROGRAM_OFFICER, area=district)
    return officer, district


def measure(client: Client, url: str, requests: int) -> tuple[float, float, int]:
    client.get(url)  # warm caches and templates
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    settings.DEBUG = True
    reset_queries()
    client.get(url)
    queries = len(connection.queries)
    settings.DEBUG = False
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], queries


def report(client: Client, pages: dict[str, str], requests: int, width: int = 26) -> None:
    """Measure each page and print a row; the first page is the trivial baseline of the ratios."""
    baseline = None
    print(f"{'page':<{width}} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8} {'p50 / trivial':>14}")
    for name, url in pages.items():
        p50, p95, queries = measure(client, url, requests)
        baseline = baseline or p50
        print(f"{name:<{width}} {p50:8.2f} {p95:8.2f} {queries:8d} {p50 / baseline:14.1f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--organizations", type=int, default=300)
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--applications", type=int, default=2000)
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.TWO_FACTOR_ROLES = frozenset()  # measure the pages, not the two-step sign-in in front of them
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    officer, district = build(args.organizations)
    print(f"database: {connection.vendor}; built {args.organizations} organizations in {time.perf_counter() - started:.1f} s")
    client = Client()
    client.force_login(officer)
    from yichuang.places.models import Organization

    some = Organization.objects.order_by("pk")[args.organizations // 2]
    program = build_applications(district, args.organizations, args.applications)
    from yichuang.applications.models import Application

    one = Application.objects.filter(program=program).order_by("pk")[args.applications // 2]
    pages = {
        "trivial /healthz": reverse("portal:healthz"),
        "home": reverse("portal:home"),
        "area tree": reverse("places:area-list"),
        "area detail": reverse("places:area-detail", args=[district.pk]),
        "organization list": reverse("places:organization-list"),
        "organization search": reverse("places:organization-list") + "?q=0150",
        "organization detail": reverse("places:organization-detail", args=[some.pk]),
        "audit trail": reverse("audit:audit-list"),
        "program detail": reverse("programs:program-detail", args=[program.pk]),
        f"applications ({args.applications})": reverse("applications:staff-list", args=[program.pk]),
        "applications search": reverse("applications:staff-list", args=[program.pk]) + "?q=01500",
        "application detail": reverse("applications:staff-detail", args=[one.pk]),
    }
    report(client, pages, args.requests)


if __name__ == "__main__":
    main()
