# Wayfinder bootstrap: a Node >= 22.12 on PATH and an installed node_modules.
#
#   source scripts/node.sh            # from other scripts (start.sh, test.sh, .ci/run)
#   bash scripts/node.sh file.ts ...  # run a TypeScript file under that Node
#
# Why: the code runs TypeScript by type stripping and its dependencies (vitest 5, i18next 27,
# mediasoup 3.27) need Node >= 22, while Debian/Ubuntu ship Node 18/20. The npm registry publishes
# the official Node binaries as `node-linux-<arch>`, so we fetch Node 24 from the one place every
# machine that can `npm install` can reach, into .tools/ (git-ignored), once.
# See docs/decisions/0002-bootstrap-node24-and-services.md.

WF_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WF_NODE_MIN_MAJOR=22
WF_NODE_MIN_MINOR=12

# True when `node` on PATH is at least 22.12.
wf_node_ok() {
  local v major minor
  v="$(node -p 'process.versions.node' 2>/dev/null)" || return 1
  IFS=. read -r major minor _ <<<"$v"
  (( major > WF_NODE_MIN_MAJOR || (major == WF_NODE_MIN_MAJOR && minor >= WF_NODE_MIN_MINOR) ))
}

wf_ensure_node() {
  wf_node_ok && return 0
  local arch
  case "$(uname -m)" in
    x86_64 | amd64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) echo "Wayfinder needs Node.js >= 22.12; install it for $(uname -m) and retry." >&2; return 1 ;;
  esac
  local dir="$WF_ROOT/.tools/node24" bin="$WF_ROOT/.tools/node24/node_modules/node-linux-$arch/bin"
  if [[ ! -x "$bin/node" ]]; then
    # npm is needed to fetch Node from the registry; a machine without any Node gets Debian's.
    if ! command -v npm >/dev/null 2>&1; then
      if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q npm >/dev/null \
          || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q npm >/dev/null; } \
          || return 1
      else
        echo "Install Node.js >= 22.12 or npm (e.g. sudo apt-get install npm) and retry." >&2
        return 1
      fi
    fi
    npm install --prefix "$dir" --no-save --no-audit --no-fund --loglevel=error "node-linux-$arch@24" >/dev/null || return 1
  fi
  export PATH="$bin:$PATH"
  wf_node_ok || { echo "The Node in $bin does not run on this machine." >&2; return 1; }
  echo "Using Node $(node -v) from .tools/node24 (system node is missing or older than 22.12)." >&2
}

# mediasoup's postinstall downloads its worker binary from GitHub and, failing that, builds it
# from sources it also downloads (PyPI, GitHub). Without that access it fails after ~30 s of
# retries and fails the whole install. MEDIASOUP_WORKER_BIN set to a missing path makes the
# postinstall skip; the server then reports the SFU as unavailable and everything else works.
WF_NO_WORKER="$WF_ROOT/.tools/mediasoup-worker-unavailable"

# GitHub answers within 5 s? Otherwise the download and the source build both cannot work:
# skip the doomed attempt instead of waiting for its retries.
wf_github_reachable() {
  node -e "fetch('https://github.com',{method:'HEAD',signal:AbortSignal.timeout(5000)}).then(()=>process.exit(0),()=>process.exit(1))"
}

# npm ci (npm install without a lockfile). The timeout bounds a hanging worker download or a very
# slow source build; with MEDIASOUP_WORKER_BIN set the install takes ~25 s here.
wf_npm() { (cd "$WF_ROOT" && timeout 900 npm "$@" --no-audit --no-fund) 2>&1 | tee "$WF_ROOT/.tools/npm-install.log"; return "${PIPESTATUS[0]}"; }

wf_npm_install() {
  mkdir -p "$WF_ROOT/.tools"
  [[ -f "$WF_ROOT/package-lock.json" ]] || { wf_npm install; return; }
  # A lockfile written against a registry that lacks some platforms' optional packages is
  # "out of sync" for npm ci, although npm install accepts it and leaves it unchanged.
  # The dry run (~1 s) finds that without npm ci's page of usage text.
  local dry
  dry="$(cd "$WF_ROOT" && npm ci --dry-run --no-audit --no-fund 2>&1)" || true
  if [[ "$dry" == *'package-lock.json or npm-shrinkwrap.json are in sync'* ]]; then
    echo "npm ci refuses package-lock.json (missing optional platform entries); using npm install --no-save." >&2
    wf_npm install --no-save
  else
    wf_npm ci
  fi
}

wf_ensure_packages() {
  local hidden="$WF_ROOT/node_modules/.package-lock.json"
  # WF_FORCE_INSTALL=1 (used by .ci/run) always installs, as a plain `npm ci` would.
  if [[ -z "${WF_FORCE_INSTALL:-}" && -f "$hidden" && ! "$WF_ROOT/package-lock.json" -nt "$hidden" && ! "$WF_ROOT/package.json" -nt "$hidden" ]]; then
    return 0
  fi
  echo "Installing npm packages..." >&2
  if [[ -n "${MEDIASOUP_WORKER_BIN:-}" ]]; then
    wf_npm_install
  elif ! wf_github_reachable; then
    echo "GitHub is unreachable: installing without the mediasoup worker (video SFU unavailable)." >&2
    MEDIASOUP_WORKER_BIN="$WF_NO_WORKER" wf_npm_install
  elif ! wf_npm_install; then
    echo "npm install failed (likely the mediasoup worker download/build); retrying without it." >&2
    MEDIASOUP_WORKER_BIN="$WF_NO_WORKER" wf_npm_install
  fi
}

# At runtime mediasoup looks for its worker at MEDIASOUP_WORKER_BIN or its own build path.
wf_worker_env() {
  if [[ -z "${MEDIASOUP_WORKER_BIN:-}" && ! -x "$WF_ROOT/node_modules/mediasoup/worker/out/Release/mediasoup-worker" ]]; then
    export MEDIASOUP_WORKER_BIN="$WF_NO_WORKER"
  fi
}

wf_setup() {
  wf_ensure_node && wf_ensure_packages && wf_worker_env
}

if [[ "${BASH_SOURCE[0]}" != "$0" ]]; then
  # Sourced: set up and report the result; the caller decides what to run.
  wf_setup
  return
fi
# Run directly: set up, then hand over to node with the given arguments.
wf_setup || exit 1
(( $# == 0 )) || exec node "$@"
