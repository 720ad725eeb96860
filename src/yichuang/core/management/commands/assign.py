"""`yichuang assign INSTANCE.json [--seed N]`: the reviewer-assignment solver the web app uses, for scripts.

Prints one JSON line; on a malformed or infeasible instance prints a one-line reason to stderr and
exits with status 2.
"""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand

from yichuang.kernel import assignment


class Command(BaseCommand):
    help = "Assign reviewers to applications optimally (or by a seeded random draw) from a JSON instance."
    requires_system_checks: list = []  # a pure computation: no database, no URLs

    def add_arguments(self, parser):
        parser.add_argument("instance", help="path of the JSON instance file")
        parser.add_argument("--seed", type=int, default=None, help="draw at random, reproducibly, with this seed")

    def handle(self, *args, **options):
        try:
            with open(options["instance"], encoding="utf-8") as handle:
                data = json.load(handle)
            instance = assignment.parse_instance(data)
            if options["seed"] is None:
                result = assignment.solve(instance)
            else:
                result = assignment.draw(instance, options["seed"])
        except (OSError, ValueError, assignment.Infeasible) as problem:
            # json.JSONDecodeError and InstanceError are ValueErrors; Infeasible carries its reason.
            sys.stderr.write(f"{_reason(problem)}\n")
            raise SystemExit(2) from None
        payload = {"assignment": [list(pair) for pair in result.assignment], "objective": round(result.objective, 2),
                   "upper_bound": round(result.upper_bound, 2), "optimal": result.optimal, "seconds": round(result.seconds, 3)}
        self.stdout.write(json.dumps(payload, ensure_ascii=False))


def _reason(problem: Exception) -> str:
    if isinstance(problem, json.JSONDecodeError):
        return f"not valid JSON: {problem.msg} at line {problem.lineno}, column {problem.colno}"
    if isinstance(problem, OSError):
        return f"cannot read the instance: {problem.strerror or problem}"
    if isinstance(problem, assignment.Infeasible):
        return f"infeasible: {problem.message}"
    return f"malformed instance: {problem}"
