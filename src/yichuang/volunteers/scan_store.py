"""The statements of a scan, written out in SQL.

A scan is the platform's one write that must keep up with hundreds a second on the two-core machine
(SPEC §6: 300 check-ins a second on PostgreSQL with 50 clients). Building each ORM query anew cost
more than PostgreSQL spent answering it, so the few reads and the insert on the scan path are
written here once; table names come from the models, the rules stay in ``kernel.volunteers`` and
``checkin``. Everything else about scans (pages, exports, corrections) goes through the ORM.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from yichuang.volunteers.models import CheckEvent, Opportunity, ServiceRecord, Shift, Signup


@dataclass(frozen=True)
class Place:
    """A confirmed place on a shift, read under the sign-up's row lock, with what a record needs."""

    shift_id: int
    starts_at: dt.datetime
    ends_at: dt.datetime
    opportunity_id: int
    organization_id: int
    title: str
    place: str
    content: str
    person_in_charge: str
    rounding: str


def _moment(value) -> dt.datetime:
    """SQLite hands back text where PostgreSQL hands back an aware datetime."""
    if isinstance(value, str):
        value = parse_datetime(value)
    return value if timezone.is_aware(value) else timezone.make_aware(value, dt.timezone.utc)


def lock_place(shift_id: int, volunteer_id: int) -> Place | None:
    """The person's confirmed place on the shift, its row locked until the transaction ends (the
    person's scans are decided one after another; other people's never wait)."""
    lock = " FOR UPDATE OF su" if connection.features.has_select_for_update_of else ""
    sql = (f"SELECT sh.id, sh.starts_at, sh.ends_at, op.id, op.organization_id, op.title, op.place, op.content, "
           f"op.person_in_charge, op.rounding "
           f"FROM {Signup._meta.db_table} su "
           f"JOIN {Shift._meta.db_table} sh ON sh.id = su.shift_id "
           f"JOIN {Opportunity._meta.db_table} op ON op.id = sh.opportunity_id "
           f"WHERE su.shift_id = %s AND su.volunteer_id = %s AND su.status = %s{lock}")
    with connection.cursor() as cursor:
        cursor.execute(sql, [shift_id, volunteer_id, Signup.Status.CONFIRMED])
        row = cursor.fetchone()
    if row is None:
        return None
    return Place(row[0], _moment(row[1]), _moment(row[2]), *row[3:])


def scans_of(opportunity_id: int, volunteer_id: int) -> list[CheckEvent]:
    """The person's scans of every shift of the activity (the three-pairs-a-day rule spans them)."""
    sql = (f"SELECT ev.id, ev.shift_id, ev.kind, ev.at, ev.received_at, ev.late, ev.method, ev.recorded_by_id, "
           f"ev.key, ev.reason FROM {CheckEvent._meta.db_table} ev "
           f"JOIN {Shift._meta.db_table} sh ON sh.id = ev.shift_id "
           f"WHERE sh.opportunity_id = %s AND ev.volunteer_id = %s ORDER BY ev.at, ev.id")
    with connection.cursor() as cursor:
        cursor.execute(sql, [opportunity_id, volunteer_id])
        rows = cursor.fetchall()
    return [CheckEvent(id=pk, shift_id=shift, volunteer_id=volunteer_id, kind=kind, at=_moment(at),
                       received_at=_moment(received), late=bool(late), method=method, recorded_by_id=by, key=key,
                       reason=reason)
            for pk, shift, kind, at, received, late, method, by, key, reason in rows]


def insert_scan(event: CheckEvent) -> CheckEvent:
    """Insert the event (a duplicate key raises IntegrityError) and give it its id."""
    fields = ("shift_id", "volunteer_id", "kind", "at", "received_at", "late", "method", "recorded_by_id", "key",
              "reason")
    values = [getattr(event, name) for name in fields]
    columns = ", ".join(name for name in fields)
    sql = (f"INSERT INTO {CheckEvent._meta.db_table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))}) "
           f"RETURNING id")
    with connection.cursor() as cursor:
        cursor.execute(sql, [connection.ops.adapt_datetimefield_value(v) if isinstance(v, dt.datetime) else v
                             for v in values])
        event.id = cursor.fetchone()[0]
    event._state.adding = False
    return event


@dataclass(frozen=True)
class RecordState:
    record_id: int | None
    status: str | None
    other_minutes: int  # the person's other service that day (the 24-hour cap)


def record_state(shift_id: int, volunteer_id: int, day: dt.date) -> RecordState:
    """The shift's record so far, and the person's minutes that day in every other record."""
    table = ServiceRecord._meta.db_table
    sql = (f"SELECT r.id, r.status, (SELECT COALESCE(SUM(o.minutes), 0) FROM {table} o WHERE o.volunteer_id = %s "
           f"AND o.served_on = %s AND o.status <> %s AND (o.shift_id IS NULL OR o.shift_id <> %s)) "
           f"FROM (SELECT 1) one LEFT JOIN {table} r ON r.shift_id = %s AND r.volunteer_id = %s")
    with connection.cursor() as cursor:
        cursor.execute(sql, [volunteer_id, connection.ops.adapt_datefield_value(day), ServiceRecord.Status.REJECTED,
                             shift_id, shift_id, volunteer_id])
        pk, status, other = cursor.fetchone()
    return RecordState(pk, status, int(other or 0))
