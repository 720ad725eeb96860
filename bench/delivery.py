"""Delivery at the city tier (SPEC §6): 5,000 projects, 500,000 activity records.

    .venv/bin/python bench/delivery.py [--projects 5000] [--activities-per-project 100] [--requests 20]

Builds a fresh database (SQLite in a temp dir, or DATABASE_URL) in bulk (the records are not what is
measured), keeps the tallies as the services would, then reports p50/p95 server time of the officers'
dashboard (with each filter), a project's delivery page and its public page, against /healthz in the
same run. Targets: dashboard ≤ 300 ms with any filter, project page ≤ 100 ms.
"""

from __future__ import annotations

import argparse
import datetime
import os
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
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from bench.pages import report  # noqa: E402


def build(projects_n: int, per_project: int):
    from django.db.models import Count, Max, Q, Sum

    from tests import factories
    from yichuang.accounts.roles import Role
    from yichuang.applications.models import Application, ApplicationVersion
    from yichuang.delivery.models import Activity, ProjectTally
    from yichuang.projects.models import Project

    district = factories.district("基准市辖区")
    streets = [factories.area(district, name=f"街道{i}") for i in range(12)]
    communities = [factories.area(streets[i % 12], name=f"社区{i}") for i in range(96)]
    organizations = [factories.organization(communities[i], name=f"基准社会工作服务中心{i:03d}") for i in range(96)]
    domains = [factories.service_domain(code) for code in ("elderly", "disability", "children", "community", "poverty")]
    programs = [factories.program(district, year=2022 + i % 5, domains=domains) for i in range(20)]
    officer = factories.user_with_role(Role.PROGRAM_OFFICER, area=district)
    operator = factories.operator()
    state = programs[0].workflow_version.states.get(code="eligible")
    start, end = datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)
    document = factories.application_document(
        activities=[{"name": f"活动{k}", "start": start.isoformat(), "end": end.isoformat(), "sessions": "25",
                     "participants": "20", "description": ""} for k in range(4)],
        indicators=[{"kind": kind, "name": "", "target": "100", "unit": ""}
                    for kind in ("activities", "person_times", "beneficiaries", "volunteer_hours")])
    applications = Application.objects.bulk_create([
        Application(program=programs[i % 20], organization=organizations[i % 96], state=state, number=f"B-{i:05d}",
                    title=f"基准项目{i:05d}", domain=domains[i % 5], community=communities[i % 96], created_by=operator,
                    grant_requested=2_000_000, total_budget=3_000_000) for i in range(projects_n)], batch_size=1000)
    versions = ApplicationVersion.objects.bulk_create([
        ApplicationVersion(application=a, number=1, document=document, submitted_by=operator) for a in applications],
        batch_size=1000)
    for application, version in zip(applications, versions):
        application.latest_version = version
    Application.objects.bulk_update(applications, ["latest_version"], batch_size=1000)
    projects = Project.objects.bulk_create([
        Project(application=a, program=a.program, organization=a.organization, number=f"P-{i:05d}", title=a.title,
                grant=2_000_000, created_by=officer) for i, a in enumerate(applications)], batch_size=1000)
    batch = []
    for p in projects:
        for n in range(per_project):
            batch.append(Activity(project=p, number=n + 1, held_on=start + datetime.timedelta(days=n % 300),
                                  place="社区活动室", content="基准活动", planned=n % 4, planned_name=f"活动{n % 4}",
                                  participants=15, person_times=20, new_participants=2, volunteers=2,
                                  volunteer_minutes=240, recorded_by=officer))
        if len(batch) >= 20_000:
            Activity.objects.bulk_create(batch, batch_size=5000)
            batch = []
    Activity.objects.bulk_create(batch, batch_size=5000)
    sums = Activity.objects.values("project_id").annotate(
        activities=Count("pk"), person_times=Sum("person_times"), volunteer_minutes=Sum("volunteer_minutes"),
        counted=Sum("new_participants", filter=Q(named=False)), last=Max("held_on"))
    ProjectTally.objects.bulk_create([
        ProjectTally(project_id=r["project_id"], activities=r["activities"], person_times=r["person_times"],
                     counted_participants=r["counted"] or 0, volunteer_minutes=r["volunteer_minutes"],
                     last_held_on=r["last"]) for r in sums], batch_size=1000)
    return officer, projects[len(projects) // 2], programs[3], streets[5], domains[2]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--projects", type=int, default=5000)
    parser.add_argument("--activities-per-project", type=int, default=100)
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.TWO_FACTOR_ROLES = frozenset()  # measure the pages, not the two-step sign-in in front of them
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    officer, project, program, street, domain = build(args.projects, args.activities_per_project)
    print(f"database: {connection.vendor}; built {args.projects} projects and "
          f"{args.projects * args.activities_per_project} activities in {time.perf_counter() - started:.1f} s")
    client = Client()
    client.force_login(officer)
    dashboard = reverse("delivery:dashboard")
    pages = {
        "trivial /healthz": reverse("portal:healthz"),
        "dashboard, everything": dashboard,
        "dashboard, one program": f"{dashboard}?program={program.pk}",
        "dashboard, one year": f"{dashboard}?year={program.year}",
        "dashboard, one street": f"{dashboard}?area={street.pk}",
        "dashboard, one domain": f"{dashboard}?domain={domain.pk}",
        "project delivery page": reverse("delivery:project", args=[project.pk]),
        "public project page": reverse("public-projects:detail", args=[project.number]),
        "program progress list": reverse("delivery:program", args=[program.pk]),
    }
    report(client, pages, args.requests)


if __name__ == "__main__":
    main()
