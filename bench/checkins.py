"""Check-in writes through the production server (SPEC §6, issue 08): ≥ 300 per second sustained for
60 s with 50 concurrent clients on PostgreSQL, none lost or duplicated (counted after the run).

    DATABASE_URL=postgres://… .venv/bin/python bench/checkins.py [--clients 50] [--seconds 60] [--workers 2]

Builds the rows in bulk (volunteers with accounts and API tokens, each with a confirmed place on a
shift that is under way), starts gunicorn on loopback, and runs the clients: each sends its
volunteers' check-ins and check-outs (at most three pairs a person, as the rules allow) to
`POST /api/v1/check-ins` with a fresh idempotency key, and sends every tenth request twice, as a phone
would after a lost answer. Afterwards every acknowledged key must be in the database exactly once
and every retry must have returned the first event.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))
os.environ.setdefault("YICHUANG_DATA_DIR", tempfile.mkdtemp(prefix="yichuang-bench-"))
os.environ.setdefault("YICHUANG_PLAIN_STATIC", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yichuang.settings")
os.environ.setdefault("YICHUANG_API_RATE_PER_MINUTE", "1000000")  # one account per client here, not a phone

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

PORT = 8799


def build(volunteers_n: int):
    import datetime as dt

    from django.utils import timezone

    from tests import factories
    from yichuang.accounts.models import User
    from yichuang.accounts.roles import Role
    from yichuang.api.models import ApiToken
    from yichuang.volunteers import opportunities
    from yichuang.volunteers.models import Shift, Signup, Volunteer

    community = factories.community()
    organization = factories.organization(community.parent.parent, name="基准签到单位")
    member = factories.user_with_role(Role.ORG_MEMBER, organization=organization)
    starts = timezone.now() + dt.timedelta(days=1)
    opportunity = opportunities.opportunity_create(
        actor=member, organization=organization, area=community, title="基准签到活动", nature="service", category="elderly",
        place="社区", content="签到压测", person_in_charge="负责人",
        shifts=[opportunities.ShiftPlan(starts, starts + dt.timedelta(hours=3), volunteers_n)])
    shift = opportunity.shifts.get()
    users = User.objects.bulk_create([User(username=f"bench-{i:05d}", password="!") for i in range(volunteers_n)],
                                     batch_size=2000)
    tokens = [f"yc_bench_{i:05d}_{uuid.uuid4().hex}" for i in range(volunteers_n)]
    ApiToken.objects.bulk_create([ApiToken(user=u, name="bench", token_hash=hashlib.sha256(t.encode()).hexdigest())
                                  for u, t in zip(users, tokens)], batch_size=2000)
    volunteers = Volunteer.objects.bulk_create([Volunteer(
        number=f"999999{i:08d}", user=u, name=f"签到{i:05d}", name_sort=f"qiandao{i:05d}", area=community,
        registered_via="self", registered_by=u, id_lookup=f"bench{i:059d}") for i, u in enumerate(users)],
        batch_size=2000)
    Signup.objects.bulk_create([Signup(shift=shift, volunteer=v, status="confirmed") for v in volunteers], batch_size=2000)
    # The shift started ten minutes ago: time passing, as in the demo.
    now = timezone.now()
    Shift.objects.filter(pk=shift.pk).update(starts_at=now - dt.timedelta(minutes=10), ends_at=now + dt.timedelta(hours=3),
                                             confirmed_count=volunteers_n)
    return shift.pk, tokens


def cpu_seconds() -> dict[str, float]:
    """CPU time used so far by this process (the clients), the server's processes and PostgreSQL's,
    read from /proc: where the machine's time goes during the run."""
    tick = os.sysconf("SC_CLK_TCK")
    totals = {"clients": 0.0, "server": 0.0, "postgresql": 0.0}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        used = (int(fields[11]) + int(fields[12])) / tick  # utime + stime
        if int(entry.name) == os.getpid():
            totals["clients"] += used
        elif name == "gunicorn":
            totals["server"] += used
        elif name == "postgres":
            totals["postgresql"] += used
    return totals


class Client(threading.Thread):
    def __init__(self, shift: int, tokens: list[str], stop_at: float):
        super().__init__(daemon=True)
        self.shift, self.tokens, self.stop_at = shift, tokens, stop_at
        self.created: dict[str, int] = {}  # key → event id
        self.replays_ok = self.replays_bad = self.errors = 0
        self.latencies: list[float] = []

    def post(self, connection_, token, body):
        started = time.perf_counter()
        connection_.request("POST", "/api/v1/check-ins", body=body,
                            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
        response = connection_.getresponse()
        payload = response.read()
        self.latencies.append(time.perf_counter() - started)
        return response.status, payload

    def run(self):
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        n = 0
        for token in self.tokens:
            for kind in ("in", "out") * 3:
                if time.perf_counter() >= self.stop_at:
                    return
                key = uuid.uuid4().hex
                body = json.dumps({"shift": self.shift, "kind": kind, "key": key})
                try:
                    status, payload = self.post(conn, token, body)
                except (OSError, http.client.HTTPException):
                    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
                    self.errors += 1
                    continue
                if status != 201:
                    self.errors += 1
                    continue
                event = json.loads(payload)["id"]
                self.created[key] = event
                n += 1
                if n % 10 == 0:  # a retry after a lost answer
                    status, payload = self.post(conn, token, body)
                    if status == 200 and json.loads(payload)["id"] == event:
                        self.replays_ok += 1
                    else:
                        self.replays_bad += 1


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=1, help="threads per worker (gthread: keeps connections)")
    parser.add_argument("--per-client", type=int, default=120, help="volunteers per client (6 scans each)")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        print("note: the target is for PostgreSQL (set DATABASE_URL); measuring", connection.vendor)
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    shift, tokens = build(args.clients * args.per_client)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    server = subprocess.Popen([str(ROOT / ".venv/bin/gunicorn"), "yichuang.wsgi", "--bind", f"127.0.0.1:{PORT}",
                               "--workers", str(args.workers), "--threads", str(args.threads), "--log-level", "warning"], env=env)
    try:
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", PORT, timeout=2).request("GET", "/healthz")
                break
            except OSError:
                time.sleep(0.2)
        cpu_before = cpu_seconds()
        started = time.perf_counter()
        clients = [Client(shift, tokens[i * args.per_client:(i + 1) * args.per_client], started + args.seconds)
                   for i in range(args.clients)]
        for client in clients:
            client.start()
        for client in clients:
            client.join()
        elapsed = time.perf_counter() - started
        cpu = {name: used - cpu_before[name] for name, used in cpu_seconds().items()}
    finally:
        server.terminate()
        server.wait()
    from yichuang.volunteers.models import CheckEvent

    acked = {key: event for client in clients for key, event in client.created.items()}
    stored = dict(CheckEvent.objects.filter(shift_id=shift).values_list("key", "id"))
    lost = [key for key, event in acked.items() if stored.get(key) != event]
    unacknowledged = len(stored) - len(acked)
    latencies = sorted(x for client in clients for x in client.latencies)
    print(f"database: {connection.vendor}; {args.clients} clients, {args.workers} gunicorn workers, {elapsed:.1f} s")
    print(f"check-ins written and acknowledged: {len(acked)} ({len(acked) / elapsed:.0f}/s); "
          f"p50 {latencies[len(latencies) // 2] * 1000:.0f} ms, p95 {latencies[int(len(latencies) * .95)] * 1000:.0f} ms")
    print(f"retries answered with the first event: {sum(c.replays_ok for c in clients)}, "
          f"wrong: {sum(c.replays_bad for c in clients)}; errors: {sum(c.errors for c in clients)}")
    print("CPU seconds per scan: " + ", ".join(f"{name} {used / max(len(acked), 1) * 1000:.1f} ms"
                                              for name, used in cpu.items()) + f" ({os.cpu_count()} cores)")
    rate = len(acked) / elapsed
    print(f"target ≥ 300 a second with none lost or duplicated: "
          f"{'met' if rate >= 300 and not lost and not sum(c.replays_bad for c in clients) else 'NOT met'}")
    print(f"lost (acknowledged but not stored as acknowledged): {len(lost)}; "
          f"stored without acknowledgement (answer lost in flight): {unacknowledged}")


if __name__ == "__main__":
    main()
