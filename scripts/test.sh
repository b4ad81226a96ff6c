#!/usr/bin/env bash
# shellcheck disable=SC2317 # functions run from traps
# npm test: the whole gate, fail fast, in the order CI runs it:
#   tsc -> eslint -> web build -> vitest unit+integration (PGlite, real Redis)
#   -> vitest integration again on a throwaway PostgreSQL (TEST_DATABASE_URL) -> vitest e2e (Chromium)
# and a closing "N passed, N failed" line summed over the vitest runs, even on failure.
# Needs redis-server, PostgreSQL server binaries and Chromium from the OS: installed here via
# apt-get when running as root, otherwise named in one sentence.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/node.sh || exit 1

# The first vitest run is the PGlite one whatever the caller's environment says.
unset TEST_DATABASE_URL
CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
export CHROMIUM_PATH # e2e tests launch this (playwright-core executablePath)

# --- System packages -----------------------------------------------------------------------------
pg_bin() { local d; for d in /usr/lib/postgresql/*/bin; do [[ -x "$d/initdb" ]] && echo "$d"; done | sort -V | tail -1; }
missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[[ -n "$(pg_bin)" ]] || missing+=(postgresql)
[[ -x "$CHROMIUM_PATH" ]] || missing+=(chromium)
if (( ${#missing[@]} )); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing ${missing[*]} (apt-get)..."
    apt_install() { DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null; }
    # Package lists may be stale or absent (fresh containers): update only when needed.
    apt_install "${missing[@]}" || { apt-get update -q >/dev/null && apt_install "${missing[@]}"; } || exit 1
    [[ -x "$CHROMIUM_PATH" ]] || { echo "No Chromium at $CHROMIUM_PATH: install chromium or set CHROMIUM_PATH."; exit 1; }
  else
    echo "Install ${missing[*]} (e.g. sudo apt-get install ${missing[*]}) and run npm test again."
    exit 1
  fi
fi
PG_BIN="$(pg_bin)"

# --- Summary and cleanup, also on failure --------------------------------------------------------
work="$(mktemp -d "${TMPDIR:-/tmp}/wayfinder-test.XXXXXX")"
runs=()
current=setup
summary() {
  # shellcheck disable=SC2016 # JavaScript, not shell
  node -e '
    let passed = 0, failed = 0;
    for (const f of process.argv.slice(1)) {
      try { const r = JSON.parse(require("fs").readFileSync(f, "utf8")); passed += r.numPassedTests; failed += r.numFailedTests; }
      catch { failed += 1; } // a run that died before writing its report counts as a failure
    }
    console.log(`${passed} passed, ${failed} failed`);
  ' "${runs[@]+"${runs[@]}"}"
}
pg_data='' as_pg=()
pg_stop() { # immediate: nothing in a throwaway cluster is worth a checkpoint
  [[ -n "$pg_data" ]] || return 0
  "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$pg_data" -m immediate stop >/dev/null 2>&1 || true
  pg_data=''
}
cleanup() {
  local rc=$?
  pg_stop
  (( rc == 0 )) || echo "npm test failed at: $current"
  summary || true
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# vitest NAME ARGS...: one run, its JSON report kept for the summary.
vitest() {
  local report="$work/vitest-$1.json"; shift
  runs+=("$report")
  npx vitest run --reporter=default --reporter=json --outputFile.json="$report" --passWithNoTests "$@"
}

step() { current="$*"; printf '\n== [%ss] %s\n' "$SECONDS" "$*"; }

step "tsc"
npx tsc --noEmit -p tsconfig.json
step "eslint"
npx eslint --max-warnings 0 .
step "web build"
npx vite build --config web/vite.config.ts --logLevel warn
step "vitest unit + integration (PGlite)"
vitest unit-integration --project unit --project integration

# --- Throwaway PostgreSQL ------------------------------------------------------------------------
step "vitest integration (PostgreSQL $("$PG_BIN/postgres" -V | awk '{print $3}'))"
pgdir="$work/pg"
mkdir -p "$pgdir"
if [[ $(id -u) -eq 0 ]]; then
  # initdb refuses to run as root; the postgres user comes with Debian's postgresql package.
  chown postgres: "$pgdir"
  chmod 755 "$work"
  as_pg=("$(PATH="$PATH:/usr/sbin:/sbin" command -v runuser)" -u postgres --)
fi
pg_port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
"${as_pg[@]}" "$PG_BIN/initdb" -D "$pgdir/data" -U postgres -A trust -E UTF8 --locale=C >/dev/null
pg_data="$pgdir/data"
# Durability is worthless for a throwaway cluster: fsync off makes DDL-heavy tests several times faster.
"${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$pgdir/data" -l "$pgdir/log" -w -t 60 start -o \
  "-c listen_addresses=127.0.0.1 -p $pg_port -c unix_socket_directories=$pgdir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >/dev/null \
  || { tail -20 "$pgdir/log"; exit 1; }
export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$pg_port/postgres"
vitest integration-postgres --project integration
unset TEST_DATABASE_URL
pg_stop

step "vitest e2e (Chromium)"
vitest e2e --project e2e
