"""`yichuang allocate INSTANCE.json`: the funding allocation the decision page uses, for scripts.

Prints one JSON line; a malformed or infeasible instance prints a one-line reason on standard error
and exits with status 2.
"""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand

from yichuang.kernel import allocation


class Command(BaseCommand):
    help = "Allocate a funding budget to ranked applications under quotas and caps (amounts in fen)."
    requires_system_checks: list = []  # a pure computation: no database, no URLs

    def add_arguments(self, parser):
        parser.add_argument("instance", help="path of the JSON instance file")

    def handle(self, *args, **options):
        try:
            with open(options["instance"], encoding="utf-8") as handle:
                instance = allocation.parse_instance(json.load(handle))
            result = allocation.allocate(instance)
        except OSError as problem:
            sys.stderr.write(f"cannot read the instance: {problem.strerror or problem}\n")
            raise SystemExit(2) from None
        except json.JSONDecodeError as problem:
            sys.stderr.write(f"not valid JSON: {problem.msg} at line {problem.lineno}, column {problem.colno}\n")
            raise SystemExit(2) from None
        except allocation.AllocationError as problem:
            sys.stderr.write(f"malformed instance: {problem}\n")
            raise SystemExit(2) from None
        except allocation.Infeasible as problem:
            sys.stderr.write(f"infeasible: {problem.message}\n")
            raise SystemExit(2) from None
        payload = {
            "funded": [{"id": pk, "amount": amount} for pk, amount in result.funded.items()],
            "total": result.total, "optimal": result.optimal,
            "unfunded": [{"id": pk, "reason": reason.message} for pk, reason in result.unfunded.items()],
            "seconds": round(result.seconds, 3),
        }
        self.stdout.write(json.dumps(payload, ensure_ascii=False))
