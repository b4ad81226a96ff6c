#!/usr/bin/env bash
# shellcheck disable=SC2317 # functions run from traps
# npm start: one machine, everything Wayfinder needs, stopped together.
#
# Children: a private redis-server (unless REDIS_URL is set), the server (src/main.ts: HTTP,
# socket.io, video, dev SMTP) and, with DATABASE_URL, the BullMQ workers (workers/main.ts). Ctrl-C or SIGTERM stops
# server and workers first (they drain jobs and sockets through Redis), then Redis; exit 0.
# If any child dies on its own, the others are stopped and we exit non-zero.
# Data lives in ./data (Redis AOF in ./data/redis, PGlite in ./data/pglite), so it survives restarts.
set -euo pipefail
set +m # no job control: children stay out of process-group games (see setsid below)
cd "$(dirname "$0")/.."
source scripts/node.sh || exit 1

pids=() names=()
# Each child gets its own session so a terminal Ctrl-C reaches only this script, which then
# stops the children once each and in order (a second signal must not force-kill the server).
spawn() { local name=$1; shift; setsid "$@" & pids+=("$!"); names+=("$name"); }

# Stop one child: SIGTERM, SIGKILL after $2 seconds; wait until it is really gone.
stop_child() {
  local pid=$1 grace=$2
  kill -TERM "$pid" 2>/dev/null || return 0
  (sleep "$grace"; kill -KILL "$pid" 2>/dev/null) & local dog=$!
  while kill -0 "$pid" 2>/dev/null; do wait "$pid" 2>/dev/null || true; done
  kill "$dog" 2>/dev/null || true
  wait "$dog" 2>/dev/null || true
}

redis_pid=
stop_all() {
  local i
  for i in "${!pids[@]}"; do [[ "${pids[$i]}" == "$redis_pid" ]] || kill -TERM "${pids[$i]}" 2>/dev/null || true; done
  for i in "${!pids[@]}"; do [[ "${pids[$i]}" == "$redis_pid" ]] || stop_child "${pids[$i]}" 20; done
  # Last: SIGTERM makes redis-server fsync the AOF and exit cleanly.
  [[ -z "$redis_pid" ]] || stop_child "$redis_pid" 30
}

stopping=0
trap 'stopping=1' INT TERM
trap 'stop_all' EXIT

# --- Redis ---------------------------------------------------------------------------------------
if [[ -z "${REDIS_URL:-}" ]]; then
  if ! command -v redis-server >/dev/null 2>&1; then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
      echo "Installing redis-server (apt-get)..."
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q redis-server >/dev/null \
        || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q redis-server >/dev/null; } \
        || { echo "Install redis-server (e.g. sudo apt-get install redis-server) or set REDIS_URL."; exit 1; }
    else
      echo "Install redis-server (e.g. sudo apt-get install redis-server) or set REDIS_URL."
      exit 1
    fi
  fi
  port="${REDIS_PORT:-6389}"
  # Something already answering on the port is another instance: sharing its data is not ours to do.
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "Port $port is in use (another npm start?). Stop it, or set REDIS_PORT or REDIS_URL."
    exit 1
  fi
  mkdir -p data/redis
  # AOF + noeviction: BullMQ jobs and sessions must never be dropped. hz 100: delayed jobs fire on time.
  spawn redis redis-server --port "$port" --bind 127.0.0.1 --dir "$PWD/data/redis" --daemonize no \
    --appendonly yes --maxmemory-policy noeviction --hz 100 --loglevel notice --logfile "$PWD/data/redis/redis.log"
  redis_pid=${pids[-1]}
  # Ready when it answers PING: usually < 0.1 s, longer while it replays a large AOF (-LOADING).
  for (( i = 0; ; i++ )); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port"; printf 'PING\r\n' >&3; read -r -t 1 reply <&3; [[ $reply == +PONG* ]]) 2>/dev/null; then
      break
    fi
    kill -0 "$redis_pid" 2>/dev/null || { tail -5 data/redis/redis.log; echo "redis-server failed to start (data/redis/redis.log)."; exit 1; }
    (( i < 600 )) || { echo "redis-server did not become ready within 60 s."; exit 1; }
    sleep 0.1
  done
  export REDIS_URL="redis://127.0.0.1:$port"
fi

# --- Web build -----------------------------------------------------------------------------------
# Rebuild when the build is missing or older than anything it is made from.
if [[ -f web/vite.config.ts ]]; then
  if [[ ! -f web/dist/index.html ]] || [[ -n "$(find web locales src/contracts -path web/dist -prune -o -type f -newer web/dist/index.html -print -quit 2>/dev/null)" ]]; then
    echo "Building the web app..."
    npx vite build --config web/vite.config.ts --logLevel warn
  fi
fi

# --- Server and workers --------------------------------------------------------------------------
spawn server node src/main.ts
# Same rule as src/config.ts (WORKERS): PGlite (the default, ./data/pglite) is one process's
# database, so the server runs the queue workers itself; with DATABASE_URL they get their own process.
if [[ "${WORKERS:-$([[ -n "${DATABASE_URL:-}" ]] && echo separate || echo inline)}" == separate ]]; then
  spawn workers node workers/main.ts
fi

# Returns when a child exits or a trapped signal arrives (then `stopping` is set).
rc=0
if (( ! stopping )); then
  if wait -n -p done_pid "${pids[@]}"; then rc=0; else rc=$?; fi
fi
(( stopping )) && exit 0 # the EXIT trap stops the children in order
for i in "${!pids[@]}"; do
  if [[ "${pids[$i]}" == "${done_pid:-}" ]]; then
    echo "${names[$i]} exited (status $rc); stopping the others." >&2
    unset 'pids[i]' 'names[i]'
  fi
done
exit $(( rc == 0 ? 1 : rc )) # a child that stops on its own is a failure of the whole
