"""Community charity funds at the city tier (SPEC §6, issue 10).

    .venv/bin/python bench/charity.py [--donations 1000000] [--grants 300] [--requests 30]
                                      [--import-rows 50000] [--pledges 1000] [--skip-pages]

Builds a fresh database (SQLite in a temp dir, or DATABASE_URL): one fund with its donations, each
with its ledger entry and two postings, in bulk (the rows are not what is measured), then grants paid
through the service (each drawing on the oldest gifts). Reports:

* pages: p50/p95 server time of the fund's public page and of following one gift (a receipt drawn
  on by grants, and one not yet drawn on), against /healthz in the same run. Target ≤ 100 ms each.
* import: a bank statement of 50,000 rows (CSV) of which --pledges match open pledges (each becomes a
  received gift: receipt, ledger entry) and the rest wait for staff. Target ≤ 30 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
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
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from bench.pages import report  # noqa: E402

BATCH = 20_000


def build(donations_n: int, grants_n: int):
    """One fund with ``donations_n`` received gifts over four years (one in ten restricted) and
    ``grants_n`` emergency grants paid from unrestricted money."""
    from tests.charity.test_funds import _fund
    from yichuang.charity import grants
    from yichuang.charity.accounts import HOLDINGS, RESTRICTED, UNRESTRICTED, account
    from yichuang.charity.grants import GrantText
    from yichuang.charity.models import Donation, FundPeriod
    from yichuang.kernel.money import Money
    from yichuang.ledger.models import Entry, Posting

    officer, fund = _fund()
    holdings, free, restricted = (account(fund, part) for part in (HOLDINGS, UNRESTRICTED, RESTRICTED))
    rng = random.Random(10)
    start = dt.date(2022, 8, 12)
    serial = 0
    kept: dict[tuple[int, int], list[int]] = {}  # the quarterly totals, as the services keep them
    while serial < donations_n:
        size = min(BATCH, donations_n - serial)
        days = sorted(start + dt.timedelta(days=rng.randrange(1500)) for _ in range(size))
        entries = Entry.objects.bulk_create([Entry(kind="donation", reference=f"B{serial + i:09d}", created_by=officer)
                                             for i in range(size)], batch_size=5000)
        gifts, postings = [], []
        for i, (day, entry) in enumerate(zip(days, entries, strict=True)):
            fen = rng.choice([5000, 10000, 20000, 50000, 100000])
            limited = (serial + i) % 10 == 0
            gifts.append(Donation(
                fund=fund, receipt_number=f"SDCF{day.year}{serial + i:07d}", verification_code=f"{(serial + i) % 999999:06X}",
                donor_name=f"捐赠人{serial + i}", publish_name=i % 2 == 0, method="bank", amount=Money(fen), unspent=Money(fen),
                restriction="独居老人助餐" if limited else "", bank_reference=f"BENCH-{serial + i}", received_on=day,
                status="received", recorded_by=officer, entry=entry))
            totals = kept.setdefault(((day.month - 1) // 3 + 1, day.year), [0, 0, 0])
            totals[0] += 1
            totals[1] += fen
            totals[2] += fen if limited else 0
            postings += [Posting(entry=entry, account=holdings, amount=Money(fen)),
                         Posting(entry=entry, account=restricted if limited else free, amount=Money(-fen))]
        with transaction.atomic():
            Donation.objects.bulk_create(gifts, batch_size=5000)
            Posting.objects.bulk_create(postings, batch_size=5000)
        serial += size
    FundPeriod.objects.bulk_create([FundPeriod(fund=fund, year=year, quarter=quarter, gifts=n, income=income,
                                               income_restricted=limited)
                                    for (quarter, year), (n, income, limited) in kept.items()])
    members = list(fund.committee.all())[:fund.quorum]
    today = dt.date.today()
    for n in range(grants_n):
        grant = grants.grant_propose(actor=officer, fund=fund, text=GrantText(
            "emergency", f"临时救助{n}", Money(rng.choice([100000, 300000, 500000])), recipient="某户"))
        for member in members:
            grant = grants.grant_vote(actor=officer, grant=grant, member=member, approve=True)
        grants.grant_pay(actor=officer, grant=grant, paid_on=today - dt.timedelta(days=grants_n - n))
    drawn = Donation.objects.filter(fund=fund, draws__isnull=False).order_by("-pk").first()
    untouched = Donation.objects.filter(fund=fund, draws__isnull=True).order_by("-pk").first()
    return officer, fund, drawn, untouched


def statement(rows: int, pledges: list) -> bytes:
    day = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    lines = ["交易日期,金额,交易流水号,对方户名,摘要"]
    for i in range(rows):
        if i < len(pledges):
            lines.append(f"{day},{pledges[i].amount.yuan_str()},IMPORT-{i},认捐人{i},捐赠{pledges[i].pledge_code}")
        else:
            lines.append(f"{day},{(i % 50 + 1) * 10}.00,IMPORT-{i},付款人{i},转账")
    return "\n".join(lines).encode()


def bench_import(officer, fund, rows: int, pledges_n: int) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests import factories
    from yichuang.accounts.roles import Role
    from yichuang.charity import bank
    from yichuang.kernel.money import Money

    donor = factories.user_with_role(Role.DONOR, area=fund.community)
    pledges = [bank.pledge_make(actor=donor, fund=fund, text=bank.PledgeText(f"认捐人{i}", Money(10_000 + i)))
               for i in range(pledges_n)]
    content = statement(rows, pledges)
    started = time.perf_counter()
    result = bank.statement_import(actor=officer, fund=fund, upload=SimpleUploadedFile("流水.csv", content))
    seconds = time.perf_counter() - started
    print(f"statement import: {rows} rows, {result.matched} matched to pledges, {result.waiting} waiting, "
          f"{len(result.problems)} problems: {seconds:.1f} s ({rows / seconds:.0f} rows/s)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--donations", type=int, default=1_000_000)
    parser.add_argument("--grants", type=int, default=300)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--import-rows", type=int, default=50_000)
    parser.add_argument("--pledges", type=int, default=1_000)
    parser.add_argument("--skip-pages", action="store_true")
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.TWO_FACTOR_ROLES = frozenset()
    settings.GIFT_LOOKUPS_PER_ADDRESS_PER_HOUR = 10**9  # one address measures many lookups
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    donations = 10 if args.skip_pages else args.donations
    officer, fund, drawn, untouched = build(donations, 3 if args.skip_pages else args.grants)
    print(f"database: {connection.vendor}; built {donations} donations and {args.grants} grants "
          f"in {time.perf_counter() - started:.1f} s")
    if not args.skip_pages:
        trace = reverse("charity:trace")
        report(Client(), {"trivial /healthz": reverse("portal:healthz"),
                          "fund public page": reverse("charity:fund", args=[fund.pk]),
                          "follow a drawn gift": f"{trace}?receipt={drawn.receipt_number}&code={drawn.verification_code}",
                          "follow an unspent gift":
                              f"{trace}?receipt={untouched.receipt_number}&code={untouched.verification_code}"},
               args.requests)
    bench_import(officer, fund, args.import_rows, args.pledges)


if __name__ == "__main__":
    main()
