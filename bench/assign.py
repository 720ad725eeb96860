"""Reviewer assignment at district and province scale: conflicts + network + min-cost flow, end to end.

    .venv/bin/python bench/assign.py            # 2,000 applications × 300 experts (target ≤ 1 s)
    .venv/bin/python bench/assign.py --large    # also 10,000 × 2,000 (target ≤ 60 s)

Instances are generated reproducibly: k = 3, 10 domains, experts with 1–3 domains, 2% declared
conflicts, affiliations that add automatic conflicts, loads 15–25 (10–20 at the large size), and
1% of pairs with a declared preference of random affinity, so the optimum is not trivial.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from yichuang.kernel.assignment import parse_instance, solve  # noqa: E402


def instance(apps: int, experts: int, loads: tuple[int, int], seed: int = 2024) -> dict:
    rng = np.random.default_rng(seed)
    domains = [f"d{i}" for i in range(10)]
    organizations = max(apps // 2, 1)
    data = {
        "reviewers_per_application": 3,
        "applications": [{"id": f"a{i}", "domain": domains[int(rng.integers(10))], "organization": f"o{int(rng.integers(organizations))}",
                          "community": f"c{int(rng.integers(apps // 5 + 1))}"} for i in range(apps)],
        "experts": [{"id": f"e{j}", "domains": sorted({domains[int(d)] for d in rng.integers(0, 10, int(rng.integers(1, 4)))}),
                     "organizations": [f"o{int(rng.integers(organizations))}"] if rng.random() < 0.3 else [],
                     "community": "", "min_load": loads[0], "max_load": loads[1]} for j in range(experts)],
    }
    count = int(apps * experts * 0.02)
    pairs = np.unique(rng.integers(0, apps, count) * experts + rng.integers(0, experts, count))
    data["conflicts"] = [[f"a{p // experts}", f"e{p % experts}"] for p in pairs.tolist()]
    # 1% of pairs carry a declared preference (affinity 1.5 on a domain match, 0.5 without).
    wished = np.unique(rng.integers(0, apps, count // 2) * experts + rng.integers(0, experts, count // 2))
    data["affinity"] = [[f"a{p // experts}", f"e{p % experts}", round(float(rng.uniform(0.3, 1.6)), 3)]
                        for p in wished.tolist()]
    return data


def run(apps: int, experts: int, loads: tuple[int, int], target: float) -> None:
    data = instance(apps, experts, loads)
    started = time.perf_counter()
    parsed = parse_instance(data)
    read = time.perf_counter() - started
    result = solve(parsed)
    total = time.perf_counter() - started
    verdict = "within" if total <= target else "ABOVE"
    print(f"{apps:,} applications × {experts:,} experts, k = 3, {len(data['conflicts']):,} declared conflicts: "
          f"{'proven optimal' if result.optimal else 'not proven'} in {total:.2f} s (reading {read:.2f} s, conflicts + "
          f"network + solve {result.seconds:.2f} s), objective {result.objective:.2f}, bound {result.upper_bound:.2f} — "
          f"{verdict} the {target:g} s target")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--large", action="store_true", help="also solve 10,000 × 2,000 (takes a while)")
    args = parser.parse_args()
    run(2_000, 300, (15, 25), 1.0)
    if args.large:
        run(10_000, 2_000, (10, 20), 60.0)


if __name__ == "__main__":
    main()
