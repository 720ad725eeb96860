"""`yichuang check-ledger`: prove the ledger consistent, or list the broken rows and exit 1."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand

from yichuang.ledger.checks import problems


class Command(BaseCommand):
    help = "Check that every ledger entry and the whole ledger balance and no grant is overpaid."

    def handle(self, *args, **options):
        found = problems()
        for problem in found:
            sys.stderr.write(f"{problem}\n")
        if found:
            raise SystemExit(1)
        self.stdout.write("ledger ok")
