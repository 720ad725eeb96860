"""Tally engine vs pabutools (the reference library), in the same run.

    .venv/bin/python bench/tally.py [--reference-timeout 300]

On every shared Pabulib file (the file's own rule and greedy) and on a random approval election of
200 projects × 10,000 voters (greedy, and Equal Shares with add1 completion). pabutools runs in a
child process with a time limit; when it does not finish, the ratio is reported as a lower bound.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from yichuang.kernel import pabulib, tally  # noqa: E402

DATA = ROOT / "tests" / "data" / "pabulib"


def random_election(projects: int = 200, voters: int = 10_000, seed: int = 7) -> str:
    rng = random.Random(seed)
    costs = [rng.randrange(10, 200) * 1000 for _ in range(projects)]
    popularity = [rng.betavariate(1.2, 8) for _ in range(projects)]
    lines = ["META", "key;value", f"budget;{sum(costs) // 5}", "vote_type;approval", "rule;equalshares/add1",
             "PROJECTS", "project_id;cost", *[f"p{i};{c}" for i, c in enumerate(costs)], "VOTES", "voter_id;vote"]
    for v in range(voters):
        chosen = [f"p{i}" for i in range(projects) if rng.random() < popularity[i]] or [f"p{rng.randrange(projects)}"]
        lines.append(f"v{v};{','.join(chosen)}")
    return "\n".join(lines) + "\n"


def _reference(path: str, rule: str, queue) -> None:
    from pabutools.election import Cost_Sat, parse_pabulib
    from pabutools.rules import exhaustion_by_budget_increase, greedy_utilitarian_welfare, method_of_equal_shares

    instance, profile = parse_pabulib(path)
    started = time.perf_counter()
    if rule.startswith("equalshares"):
        exhaustion_by_budget_increase(instance, profile, method_of_equal_shares, {"sat_class": Cost_Sat},
                                      budget_step=profile.num_ballots(), exhaustive_stop=False)
    else:
        greedy_utilitarian_welfare(instance, profile, sat_class=Cost_Sat)
    queue.put(time.perf_counter() - started)


def reference_seconds(path: str, rule: str, timeout: float) -> float | None:
    queue = multiprocessing.Queue()
    child = multiprocessing.Process(target=_reference, args=(path, rule, queue))
    child.start()
    child.join(timeout)
    if child.is_alive():
        child.terminate()
        child.join()
        return None
    return queue.get() if not queue.empty() else None


def ours(text: str, rule: str, repeat: int = 5) -> float:
    election = pabulib.parse(text)
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        tally.tally(election, rule)
        best = min(best, time.perf_counter() - started)
    return best


def report(name: str, path: str, text: str, rule: str, timeout: float) -> None:
    mine = ours(text, rule, repeat=1 if rule.startswith("equal") and len(text) > 500_000 else 5)
    theirs = reference_seconds(path, rule, timeout)
    ratio = f"{theirs / mine:,.0f}×" if theirs is not None else f"> {timeout / mine:,.0f}× (pabutools unfinished after {timeout:g} s)"
    shown = f"{theirs:.3f} s" if theirs is not None else "—"
    print(f"| {name} | {rule} | {mine:.4f} s | {shown} | {ratio} |")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reference-timeout", type=float, default=300.0)
    args = parser.parse_args()
    print("| election | rule | ours | pabutools | faster by |")
    print("|---|---|---|---|---|")
    for path in sorted(DATA.glob("*.pb")):
        text = path.read_text(encoding="utf-8")
        rule = pabulib.parse(text).meta.get("rule", "greedy")
        for each in dict.fromkeys([rule, "greedy"]):
            if each in ("greedy-no-skip", "greedy-threshold"):
                continue  # pabutools has no direct equivalent; these are the greedy loop with a stop or a filter
            report(path.name, str(path), text, each, args.reference_timeout)
    text = random_election()
    with tempfile.NamedTemporaryFile("w", suffix=".pb", delete=False, encoding="utf-8") as handle:
        handle.write(text)
    for rule in ("greedy", "equalshares/add1"):
        report("random 200 projects × 10,000 voters", handle.name, text, rule, args.reference_timeout)


if __name__ == "__main__":
    main()
