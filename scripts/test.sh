#!/usr/bin/env bash
# `npm test`: every test of the project but the slow tier, on a fresh machine. Installs what npm does not
# bring (Debian's Chromium, PostgreSQL 15 and PostGIS, when missing and run as root), type-checks, lints,
# builds the production app, runs the unit, database and browser tests, and ends with one line
# "tests: N passed, N failed" (scripts/test-summary.mjs).
# `npm run test:slow` (--slow): the tests slow by design (vitest.config.mts, SLOW), against the production
# build, built only when there is none or a source file is newer; it ends with the same line.
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

build() {
  echo "test: building the production app"
  SKIP_BUILD_TYPECHECK=1 NEXT_TELEMETRY_DISABLED=1 npx next build > test-results.build.log 2>&1 || { cat test-results.build.log; echo; echo "tests: 0 passed, 1 failed, production build failed"; exit 1; }
  rm -f test-results.build.log
}

if [ "$tier" = fast ]; then
  echo "test: type-checking"
  npx tsc --noEmit -p . || { echo; echo "tests: 0 passed, 1 failed, type-check failed"; exit 1; }

  echo "test: linting"
  npx eslint --max-warnings 0 . || { echo; echo "tests: 0 passed, 1 failed, lint failed"; exit 1; }

  build
  report=test-results/vitest.json
else
  # The fast tier type-checked and linted these sources; its build serves unless a source changed since.
  if [ ! -f .next/BUILD_ID ] || [ -n "$(find app components lib geodata types proxy.ts instrumentation.ts next.config.js package-lock.json -newer .next/BUILD_ID -print -quit)" ]; then
    build
  else
    echo "test: the production build is newer than every source: using it"
  fi
  report=test-results/vitest-slow.json
fi

mkdir -p test-results
rm -f "$report"
status=0
TEST_TIER=$tier npx vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@" || status=$?
node scripts/test-summary.mjs "$report" "$status" || status=1
exit $status
