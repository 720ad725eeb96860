"""History that cannot be rewritten: audit rows and ledger rows are append-only.

Three layers hold it: the model refuses ``save()`` of an existing row and ``delete()``; the queryset
refuses ``update()`` and ``delete()``; and the database itself refuses UPDATE and DELETE through
triggers (SQLite and PostgreSQL), so raw SQL and other programs are stopped too. Only ``flush`` (the
test runner's and an operator's "empty the database") lifts the triggers, for its own run.
"""

from __future__ import annotations

from django.db import models

# Every append-only table; migrations install the guard of each, flush lifts and restores them.
APPEND_ONLY_TABLES = ("core_auditevent", "ledger_entry", "ledger_posting")


class AppendOnlyError(RuntimeError):
    """Raised when code tries to rewrite history."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError(f"{self.model._meta.db_table} is append-only: rows are never changed")

    def delete(self):
        raise AppendOnlyError(f"{self.model._meta.db_table} is append-only: rows are never deleted")

    # Django's own paths to the same writes.
    _update = update
    _raw_delete = delete


def _sqlite(table: str) -> list[str]:
    return [
        f"CREATE TRIGGER IF NOT EXISTS {table}_append_only_{op.lower()} BEFORE {op} ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
        for op in ("UPDATE", "DELETE")
    ]


def _postgresql(table: str) -> list[str]:
    return [
        "CREATE OR REPLACE FUNCTION yichuang_append_only() RETURNS trigger AS $$ BEGIN "
        "RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END; $$ LANGUAGE plpgsql",
        f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}",
        f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
        "FOR EACH ROW EXECUTE FUNCTION yichuang_append_only()",
    ]


def guard_statements(vendor: str, table: str) -> list[str]:
    return {"sqlite": _sqlite, "postgresql": _postgresql}[vendor](table)


def unguard_statements(vendor: str, table: str) -> list[str]:
    if vendor == "sqlite":
        return [f"DROP TRIGGER IF EXISTS {table}_append_only_{op}" for op in ("update", "delete")]
    return [f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}"]


def _execute(connection, tables, statements_of) -> None:
    existing = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for table in tables:
            if table in existing:
                for statement in statements_of(connection.vendor, table):
                    cursor.execute(statement)


def guard(connection, tables=APPEND_ONLY_TABLES) -> None:
    _execute(connection, tables, guard_statements)


def unguard(connection, tables=APPEND_ONLY_TABLES) -> None:
    _execute(connection, tables, unguard_statements)


def guard_migration(*tables: str):
    """A migration operation installing the database guard of ``tables``."""

    def forwards(apps, schema_editor):
        guard(schema_editor.connection, tables)

    def backwards(apps, schema_editor):
        unguard(schema_editor.connection, tables)

    from django.db import migrations

    return migrations.RunPython(forwards, backwards)
