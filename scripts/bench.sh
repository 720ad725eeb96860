#!/usr/bin/env bash
# Benchmarks (not tests): figures are machine-dependent; compare ratios within one run.
set -euo pipefail
cd "$(dirname "$0")/.."
for bench in bench/*.py; do
  echo "== $bench"
  .venv/bin/python "$bench"
done
