#!/usr/bin/env bash
# npm test — installs what the tests need and runs every test: type check, lint (with the import
# boundaries), unit tests, integration tests on embedded PGlite and on the PostgreSQL server, and
# Playwright end-to-end tests in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_OPTIONS="${NODE_OPTIONS:-} --experimental-wasm-modules --no-warnings=ExperimentalWarning"
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
# Every test runner's output is also kept here, to add up the counts at the end.
RESULTS="$(mktemp)"
trap 'rm -f "$RESULTS"' EXIT
counted() { "$@" 2>&1 | tee -a "$RESULTS"; }

step "Dependencies"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # `npm install` rather than `npm ci`: the registry mirror lacks some other platforms' optional
  # binaries, which npm leaves out of the lock file, and `npm ci` then refuses the lock file.
  npm install --no-audit --no-fund
fi
node scripts/prisma-generate.mjs >/dev/null

step "Browser for end-to-end tests"
if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
fi

step "PostgreSQL server"
TEST_POSTGRES_URL="${TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432/postgres}"
export TEST_POSTGRES_URL
if ! node -e "const pg=require('pg');const c=new pg.Client(process.env.TEST_POSTGRES_URL);c.connect().then(()=>c.end()).catch(()=>process.exit(1))" 2>/dev/null; then
  if command -v pg_ctlcluster >/dev/null 2>&1; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
    sleep 2
  fi
fi

step "Type check"
npx tsc --noEmit -p .

step "Lint"
npx eslint .

step "Unused files, exports and dependencies (knip)"
npx knip --no-progress

step "Unit tests"
counted npx vitest run --project unit

step "Integration tests on embedded PGlite"
TEST_DB=pglite counted npx vitest run --project integration

step "Integration tests on the PostgreSQL server"
TEST_DB=postgres counted npx vitest run --project integration

step "Production build"
npx next build

step "End-to-end tests (Playwright, Chromium)"
counted npx playwright test

step "All tests passed"
# One plain closing line for every runner together (vitest's "Tests  N passed", Playwright's "N passed").
sed 's/\x1b\[[0-9;]*m//g' "$RESULTS" | awk '
  /^ *Tests +[0-9]+ passed/ { for (i = 1; i <= NF; i++) if ($i == "passed") passed += $(i - 1) }
  /^ +[0-9]+ passed \(/ { passed += $1 }
  END { printf "%d passed, 0 failed\n", passed }' 
