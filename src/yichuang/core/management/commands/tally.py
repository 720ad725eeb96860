"""`yichuang tally FILE.pb [--rule RULE]`: the resident-vote tally engine on a Pabulib file.

Prints `{"rule": …, "selected": […], "seconds": …}`. Scores are computed from the ballots and
checked against the file's votes/score columns; differences are reported on standard error. A
malformed file exits with status 2 and one line: the line number and the reason.
"""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand

from yichuang.kernel import pabulib, tally


class Command(BaseCommand):
    help = "Tally a participatory-budgeting election in the Pabulib format."
    requires_system_checks: list = []  # a pure computation: no database, no URLs

    def add_arguments(self, parser):
        parser.add_argument("file", help="path of the .pb file")
        parser.add_argument("--rule", choices=tally.RULES, default=None,
                            help="the counting rule (default: the file's own rule)")

    def handle(self, *args, **options):
        try:
            with open(options["file"], encoding="utf-8-sig") as handle:
                election = pabulib.parse(handle.read())
            outcome = tally.tally(election, options["rule"])
        except OSError as problem:
            sys.stderr.write(f"cannot read {options['file']}: {problem.strerror or problem}\n")
            raise SystemExit(2) from None
        except (pabulib.PabulibError, ValueError) as problem:
            sys.stderr.write(f"{options['file']}: {problem}\n")
            raise SystemExit(2) from None
        for mismatch in tally.score_mismatches(election):
            sys.stderr.write(f"warning: {mismatch}\n")
        self.stdout.write(json.dumps({"rule": outcome.rule, "selected": outcome.selected,
                                      "seconds": round(outcome.seconds, 4)}, ensure_ascii=False))
