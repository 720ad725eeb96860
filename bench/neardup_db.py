"""The web app's near-duplicate check against the database: one new application version
against N earlier ones, through applications.duplicates.index_and_match (band-key lookup in the
indexed DuplicateKey table, exact Jaccard on the candidates, storing the new keys).

    .venv/bin/python bench/neardup_db.py [--documents 100000] [--queries 150]

SQLite in a temp dir by default, or DATABASE_URL. The corpus generator is bench/neardup.py's.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT), str(ROOT / "bench")]
os.environ.setdefault("YICHUANG_DATA_DIR", tempfile.mkdtemp(prefix="yichuang-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yichuang.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from neardup import Generator, load_seed_sentences, near_duplicate  # noqa: E402

from yichuang.kernel import neardup  # noqa: E402


def _keys(text: str) -> tuple[int, list[int]]:
    shingles = neardup.shingles(text)
    return len(shingles), neardup.band_keys(neardup.signature(shingles))


def build(texts: list[str]):
    from tests import factories
    from yichuang.applications.models import Application, ApplicationVersion, DuplicateKey
    from yichuang.programs.models import WorkflowState

    user = factories.operator()
    organization = factories.organization(name="基准社会工作服务中心")
    program = factories.program(organization.area)
    state = WorkflowState.objects.filter(code="submitted").first()
    applications = Application.objects.bulk_create(
        [Application(program=program, organization=organization, state=state, number=f"B{i:06d}", created_by=user)
         for i in range(len(texts))], batch_size=5000,
    )
    now = timezone.now()
    versions = ApplicationVersion.objects.bulk_create(
        [ApplicationVersion(application=a, number=1, document={}, text=t, submitted_by=user, submitted_at=now)
         for a, t in zip(applications, texts)], batch_size=5000,
    )
    with multiprocessing.Pool() as pool:
        all_keys = pool.map(_keys, texts, chunksize=500)
    rows = [DuplicateKey(version=v, key=k, size=size) for v, (size, keys) in zip(versions, all_keys) for k in keys]
    DuplicateKey.objects.bulk_create(rows, batch_size=20000)
    return program, organization, user, state, versions


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=150)
    args = parser.parse_args()
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("migrate", verbosity=0)
    gen = Generator(load_seed_sentences("/work/shared/seeds"), 20241129)
    started = time.perf_counter()
    texts = [gen.document(i)[0] for i in range(args.documents)]
    program, organization, user, state, versions = build(texts)
    print(f"database: {connection.vendor}; {args.documents:,} versions and {args.documents * neardup.BANDS:,} keys "
          f"stored in {time.perf_counter() - started:.0f} s")

    from yichuang.applications.duplicates import index_and_match
    from yichuang.applications.models import Application, ApplicationVersion

    rng = random.Random(7)
    times, found, planted = [], 0, 0
    for q in range(args.queries):
        if q % 3 == 2:
            text, source = gen.document(args.documents + q)[0], None
        else:
            source = rng.randrange(args.documents)
            text, _similarity = near_duplicate(gen, source, rng)
            planted += 1
        application = Application.objects.create(
            program=program, organization=organization, state=state, number=f"Q{q:06d}", created_by=user)
        version = ApplicationVersion.objects.create(application=application, number=1, document={}, text=text, submitted_by=user)
        start = time.perf_counter()
        with transaction.atomic():  # as in the app: inside the submission's transaction
            matches = index_and_match(version)
        times.append((time.perf_counter() - start) * 1000)
        if source is not None and any(m.other_id == versions[source].pk for m in matches):
            found += 1
    times.sort()
    print(f"per check: p50 {statistics.median(times):.1f} ms, p95 {times[int(len(times) * 0.95) - 1]:.1f} ms, "
          f"max {times[-1]:.1f} ms over {len(times)} checks")
    print(f"recall at J >= 0.6: {found}/{planted} = {found / planted:.1%}")


if __name__ == "__main__":
    main()
