#!/usr/bin/env bash
# `npm test`: every test of the project but the slow tier, on a fresh machine. Installs what npm does not
# bring (Debian's Chromium, PostgreSQL 15 and PostGIS, when missing and run as root), type-checks, lints,
# builds the production app, runs the unit, database and browser tests, and ends with one line
# "tests: N passed, N failed" (scripts/test-summary.mjs).
# `npm run test:slow` (--slow): the tests slow by design (vitest.config.mts, SLOW), against the production
# build, built only when there is none or a source file is newer; it ends with the same line.
# Two lanes, one a core: the type-check, lint, unit and database tests; beside them the production build and
# the browser tests (one Chromium at a time), which spend much of their time waiting on Chromium and the server.
set -euo pipefail
cd "$(dirname "$0")/.."

tier=fast
if [ "${1:-}" = "--slow" ]; then
  tier=slow
  shift
fi

if [ ! -x node_modules/.bin/next ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "test: installing npm packages (npm ci)"
  npm ci --no-audit --no-fund
fi

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "test: installing Debian's chromium for the browser tests"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
  else
    echo "test: browser tests need Chromium at $CHROMIUM: run 'sudo apt-get install chromium' (or set CHROMIUM_PATH) and try again" >&2
    exit 1
  fi
fi
export CHROMIUM_PATH="$CHROMIUM"

# The store's tests run against a real PostgreSQL + PostGIS of their own (tests/support/postgres.ts).
PG_BIN=/usr/lib/postgresql/15/bin
if [ ! -x "$PG_BIN/initdb" ] || [ ! -f /usr/share/postgresql/15/extension/postgis.control ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "test: installing Debian's PostgreSQL 15 and PostGIS for the database tests"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 postgresql-15-postgis-3 >/dev/null
  else
    echo "test: database tests need PostgreSQL 15 with PostGIS: run 'sudo apt-get install postgresql-15 postgresql-15-postgis-3' and try again" >&2
    exit 1
  fi
fi

mkdir -p test-results
suffix=""
if [ "$tier" = slow ]; then suffix="-slow"; fi
unit_report="test-results/vitest-unit$suffix.json"
browser_report="test-results/vitest-browser$suffix.json"
browser_log="test-results/browser$suffix.log"
rm -f "$unit_report" "$browser_report" "$browser_log"
export TEST_TIER=$tier

# Lane two, in a process group of its own so that a failed type-check or lint can stop it.
set -m
(
  if [ "$tier" = fast ] || [ ! -f .next/BUILD_ID ] || [ -n "$(find app components lib geodata types next.config.js package-lock.json -newer .next/BUILD_ID -print -quit)" ]; then
    echo "test: building the production app"
    SKIP_BUILD_TYPECHECK=1 NEXT_TELEMETRY_DISABLED=1 npx next build > test-results.build.log 2>&1 || { cat test-results.build.log; exit 90; }
    rm -f test-results.build.log
  else
    # The fast tier type-checked and linted these sources; its build serves unless a source changed since.
    echo "test: the production build is newer than every source: using it"
  fi
  echo "test: browser tests"
  npx vitest run --project browser --passWithNoTests --reporter=default --reporter=json --outputFile.json="$browser_report" "$@"
) > "$browser_log" 2>&1 &
lane=$!
set +m
stop_lane() { kill -- "-$lane" 2>/dev/null || true; wait "$lane" 2>/dev/null || true; }

if [ "$tier" = fast ]; then
  echo "test: type-checking (the production build and the browser tests run beside: their output follows)"
  npx tsc --noEmit -p . || { stop_lane; echo; echo "tests: 0 passed, 1 failed, type-check failed"; exit 1; }

  echo "test: linting"
  npx eslint --max-warnings 0 . || { stop_lane; echo; echo "tests: 0 passed, 1 failed, lint failed"; exit 1; }
fi

echo "test: unit and database tests"
unit_status=0
npx vitest run --project unit --project db --passWithNoTests --reporter=default --reporter=json --outputFile.json="$unit_report" "$@" || unit_status=$?

browser_status=0
wait "$lane" || browser_status=$?
cat "$browser_log"
if [ "$browser_status" = 90 ]; then
  echo; echo "tests: 0 passed, 1 failed, production build failed"; exit 1
fi
status=0
node scripts/test-summary.mjs "$unit_report" "$unit_status" "$browser_report" "$browser_status" || status=1
exit $status
