"""Django's flush, which also empties the append-only tables: it lifts their database guard for its
own run and restores it afterwards (the test runner empties the database between tests this way)."""

from __future__ import annotations

from django.core.management.commands.flush import Command as FlushCommand
from django.db import connections

from yichuang.core.appendonly import guard, unguard


class Command(FlushCommand):
    def handle(self, **options):
        connection = connections[options["database"]]
        unguard(connection)
        try:
            return super().handle(**options)
        finally:
            guard(connection)
