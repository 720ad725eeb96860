"""Volunteers at the city tier (SPEC §6, issue 08).

    .venv/bin/python bench/volunteers.py [--volunteers 200000] [--records 5000000] [--requests 30]
                                         [--import-rows 100000] [--skip-pages] [--skip-import]

Builds a fresh database (SQLite in a temp dir, or DATABASE_URL) in bulk (the rows are not what is
measured), then reports:

* pages: p50/p95 server time of a volunteer's own record page (total hours and star level
  included), a volunteer's page as the community worker sees it, the roster, the team and activity
  lists, against /healthz in the same run. Target: a volunteer's record page ≤ 50 ms; lists with
  bounded queries.
* import: a 100,000-row Excel roster imported by the background task, end to end (reading the
  file, checking every row, writing). Target ≤ 60 s.

Check-in throughput (≥ 300 writes/s for 60 s with 50 clients on PostgreSQL) is bench/checkins.py.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import random
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

BATCH = 20_000


def _ric(serial: int) -> str:
    from stdnum.cn import ric

    born = dt.date(1950, 1, 1) + dt.timedelta(days=serial % 20000)
    body = f"340603{born:%Y%m%d}{serial // 20000 % 1000:03d}"  # unique for serials below 20,000,000
    return body + ric.calc_check_digit(body + "?")


def build(volunteers_n: int, records_n: int):
    """A district with 96 communities, volunteers spread over them with service records, teams and
    activities; the demo's volunteer user owns one typical volunteer."""
    from django.utils import timezone

    from tests import factories
    from yichuang.accounts.roles import Role
    from yichuang.core import crypto
    from yichuang.volunteers import opportunities, teams
    from yichuang.volunteers.models import ServiceRecord, Volunteer

    district = factories.district("基准市辖区")
    streets = [factories.area(district, name=f"街道{i}") for i in range(12)]
    communities = [factories.area(streets[i % 12], name=f"社区{i}") for i in range(96)]
    organization = factories.organization(communities[0], name="基准志愿服务中心")
    keeper = factories.user_with_role(Role.COMMUNITY_WORKER, area=communities[5])
    operator = factories.operator()
    token = crypto.encrypt("340603195001010011")
    rows = []
    for i in range(volunteers_n):
        rows.append(Volunteer(
            number=f"340603{i:08d}", name=f"志愿者{i:06d}", name_sort=f"zhiyuanzhe{i:06d}", gender="female",
            birth_date=dt.date(1980, 1, 1), id_kind="resident_id", id_cipher=token, id_lookup=f"{i:064d}",
            id_masked="340603********0011", area=communities[i % 96], phone="+8613912345678", skills=["elder_care"],
            categories=["elderly"], registered_via="organization", organization=organization, registered_by=operator))
        if len(rows) >= BATCH:
            Volunteer.objects.bulk_create(rows, batch_size=5000)
            rows = []
    Volunteer.objects.bulk_create(rows, batch_size=5000)
    first = Volunteer.objects.order_by("pk").first().pk
    rng = random.Random(8)
    today = dt.date(2026, 11, 1)
    batch = []
    for _n in range(records_n):
        volunteer_id = first + rng.randrange(volunteers_n)
        served = today - dt.timedelta(days=rng.randrange(700))
        batch.append(ServiceRecord(
            volunteer_id=volunteer_id, organization=organization, activity_name="基准服务", served_on=served, place="社区",
            content="陪伴老人", minutes=120, person_in_charge="负责人", source="entered", status="confirmed",
            deadline=served + dt.timedelta(days=14), entered_by=operator))
        if len(batch) >= BATCH:
            ServiceRecord.objects.bulk_create(batch, batch_size=5000)
            batch = []
    ServiceRecord.objects.bulk_create(batch, batch_size=5000)
    from django.db.models import Count

    # The kept totals, as the services keep them.
    totals = ServiceRecord.objects.values("volunteer_id").annotate(n=Count("pk"))
    by_count: dict[int, list[int]] = {}
    for row in totals:
        by_count.setdefault(row["n"], []).append(row["volunteer_id"])
    for count, ids in by_count.items():
        for start in range(0, len(ids), 900):
            Volunteer.objects.filter(pk__in=ids[start:start + 900]).update(minutes_confirmed=count * 120)
    # One real person: the volunteer whose page is measured, registered through the service.
    from yichuang.volunteers.registration import Registration, volunteer_register

    user = factories.UserFactory(username="bench-volunteer")
    number = _rric()
    me = volunteer_register(actor=user, data=Registration(
        name="王志愿", gender="male" if int(number[16]) % 2 else "female",
        birth_date=dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14])), id_kind="resident_id",
        id_number=number, area=communities[5], phone="13912345678", skills=["elder_care"], categories=["elderly"],
        sensitive_consent=True))
    ServiceRecord.objects.bulk_create([ServiceRecord(
        volunteer=me, organization=organization, activity_name="基准服务", served_on=today - dt.timedelta(days=d),
        place="社区", content="陪伴老人", minutes=120, person_in_charge="负责人", source="entered", status="confirmed",
        deadline=today, entered_by=operator) for d in range(60)])
    Volunteer.objects.filter(pk=me.pk).update(minutes_confirmed=60 * 120)
    member = factories.user_with_role(Role.ORG_MEMBER, organization=organization)
    for i in range(60):
        teams.team_create(actor=member, name=f"基准服务队{i:02d}", area=communities[i % 96], organization=organization,
                          category="elderly")
        start = timezone.now() + dt.timedelta(days=1 + i % 20)
        opportunities.opportunity_create(
            actor=member, organization=organization, area=communities[i % 96], title=f"基准活动{i:02d}", nature="service",
            category="elderly", place="社区", content="陪伴老人", person_in_charge="负责人",
            shifts=[opportunities.ShiftPlan(start, start + dt.timedelta(hours=3), 10)])
    return me, keeper, Volunteer.objects.filter(area=communities[5]).order_by("pk").last()


def _rric() -> str:
    return _ric(987_654)


def roster_file(rows: int, community: str) -> bytes:
    from openpyxl import Workbook

    from yichuang.volunteers.roster_import import HEADINGS

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append([names[0] for names in HEADINGS.values()])
    for i in range(rows):
        number = _ric(i)
        sheet.append([f"导入{i:06d}", "", "", "居民身份证", number, community, f"139{i:08d}"[:11], "为老照护", "扶老助老",
                      "", "", ""])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def bench_import(rows: int, keeper_area) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests import factories
    from yichuang.accounts.roles import Role
    from yichuang.volunteers import roster_import
    from yichuang.volunteers.models import RosterImport

    organization = factories.organization(keeper_area, name="基准导入单位")
    member = factories.user_with_role(Role.ORG_MEMBER, organization=organization)
    content = roster_file(rows, keeper_area.name)
    started = time.perf_counter()
    # The immediate backend runs the task when the request's transaction commits; here, at once.
    job = roster_import.roster_import_start(actor=member, organization=organization,
                                            upload=SimpleUploadedFile("花名册.xlsx", content), mode="skip",
                                            paper_consent=True)
    job.refresh_from_db()
    if job.status == RosterImport.Status.QUEUED:
        roster_import.import_roster.call(job.pk)
        job.refresh_from_db()
    seconds = time.perf_counter() - started
    print(f"roster import: {rows} rows, {job.created} registered, {len(job.problems)} with problems, "
          f"status {job.status}: {seconds:.1f} s ({rows / seconds:.0f} rows/s)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--volunteers", type=int, default=200_000)
    parser.add_argument("--records", type=int, default=5_000_000)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--import-rows", type=int, default=100_000)
    parser.add_argument("--skip-pages", action="store_true")
    parser.add_argument("--skip-import", action="store_true")
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.TWO_FACTOR_ROLES = frozenset()
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    volunteers, records = (10, 10) if args.skip_pages else (args.volunteers, args.records)
    me, keeper, someone = build(volunteers, records)
    print(f"database: {connection.vendor}; built {volunteers} volunteers and {records} service records "
          f"in {time.perf_counter() - started:.1f} s")
    if not args.skip_pages:
        client = Client()
        client.force_login(me.user)
        report(client, {"trivial /healthz": reverse("portal:healthz"),
                        "my record (total, stars)": reverse("volunteers:me"),
                        "activity list": reverse("volunteers:activities"),
                        "team list": reverse("volunteers:teams")}, args.requests)
        client.force_login(keeper)
        report(client, {"trivial /healthz": reverse("portal:healthz"),
                        "a volunteer's page": reverse("volunteers:detail", args=[someone.pk]),
                        "roster (50 a page)": reverse("volunteers:roster"),
                        "roster search": reverse("volunteers:roster") + "?q=志愿者0001",
                        "records to confirm": reverse("volunteers:work")}, args.requests)
    if not args.skip_import:
        bench_import(args.import_rows, keeper.grants.first().area)


if __name__ == "__main__":
    main()
