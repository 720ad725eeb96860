#!/usr/bin/env bash
# Runs every test: the whole suite on SQLite (browser tests included), then again on a
# throwaway PostgreSQL cluster. With CI=true nothing may be skipped: missing system
# packages are installed, and a part that still cannot run fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."

export YICHUANG_PLAIN_STATIC=1
export PYTHONDONTWRITEBYTECODE=1
PYTEST=(.venv/bin/python -m pytest -q -p no:cacheprovider --durations=15)  # the slowest tests, to keep CI short
CI="${CI:-}"
skipped=()

pg_bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

if [ -n "$CI" ]; then
  missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -n "$(pg_bindir)" ] || missing+=(postgresql)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "== installing ${missing[*]} from Debian"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" fonts-noto-cjk >/dev/null
  fi
fi

if [ -x /usr/bin/chromium ]; then
  export YICHUANG_BROWSER=/usr/bin/chromium
else
  skipped+=("browser tests: /usr/bin/chromium is missing (apt-get install chromium)")
fi

echo "== lint (ruff) and import layers (import-linter)"
.venv/bin/ruff check src tests bench
(cd src && ../.venv/bin/lint-imports ../pyproject.toml)

# The two databases run side by side (two cores): each suite is one process, and together they
# take about as long as the slower one. YICHUANG_TEST_SERIAL=1 runs them one after the other.
LOGS="$(mktemp -d)"
run_suite() {  # name, then env(1) arguments for the run
  local name="$1"; shift
  if env "$@" YICHUANG_DATA_DIR="$(mktemp -d)" "${PYTEST[@]}" >"$LOGS/$name.log" 2>&1; then
    echo 0 >"$LOGS/$name.rc"
  else
    echo $? >"$LOGS/$name.rc"
  fi
}
report() {  # prints a finished suite's output; fails if the suite failed
  echo "== test suite on $1"
  cat "$LOGS/$1.log"
  [ "$(cat "$LOGS/$1.rc")" = 0 ]
}

PGBIN="$(pg_bindir)"
if [ -z "$PGBIN" ]; then
  [ -n "$CI" ] && { echo "PostgreSQL is required in CI but not installed" >&2; exit 1; }
  skipped+=("PostgreSQL run: no PostgreSQL server binaries (apt-get install postgresql)")
  run_suite SQLite -u DATABASE_URL
  report SQLite
else
  PGTMP="$(mktemp -d)"
  PGPORT="${YICHUANG_TEST_PGPORT:-54329}"
  as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
  [ "$(id -u)" = 0 ] && chown postgres "$PGTMP"
  stop_pg() { as_pg "'$PGBIN/pg_ctl' -D '$PGTMP/data' -m immediate stop" >/dev/null 2>&1 || true; rm -rf "$PGTMP"; }
  trap stop_pg EXIT
  as_pg "'$PGBIN/initdb' -D '$PGTMP/data' -A trust -U postgres -E UTF8 --locale=C.UTF-8" >/dev/null
  # A throwaway cluster: durability off, loopback and a private socket only.
  as_pg "'$PGBIN/pg_ctl' -D '$PGTMP/data' -l '$PGTMP/log' -w -o \"-k '$PGTMP' -h 127.0.0.1 -p $PGPORT -c fsync=off -c synchronous_commit=off -c full_page_writes=off\" start" >/dev/null
  PG_URL="postgres://postgres@127.0.0.1:$PGPORT/yichuang"
  echo "== test suites on SQLite and PostgreSQL (logs in $LOGS)"
  if [ -n "${YICHUANG_TEST_SERIAL:-}" ]; then
    run_suite SQLite -u DATABASE_URL
    run_suite PostgreSQL DATABASE_URL="$PG_URL"
  else
    run_suite SQLite -u DATABASE_URL &
    run_suite PostgreSQL DATABASE_URL="$PG_URL" &
    wait
  fi
  status=0
  report SQLite || status=1
  report PostgreSQL || status=1
  [ "$status" = 0 ]
fi

if [ ${#skipped[@]} -gt 0 ]; then
  echo
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
  echo "!! NOT EVERYTHING RAN. Skipped:"
  for s in "${skipped[@]}"; do echo "!!   - $s"; done
  echo "!! CI=true installs what is missing and skips nothing."
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
fi
