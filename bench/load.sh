#!/usr/bin/env bash
# Load test: Vigil over 100,000 synthetic actors (plus the starter data) on SQLite, against a bare Kestrel
# endpoint measured in the same run, with wrk at 64 connections on 127.0.0.1.
#   1. single addresses, as before (one repeated address per endpoint: a cache hit after the first);
#   2. the skewed mix (bench/mix.lua: Zipf over all actors, list pages, real-name searches, pages, the gap
#      matrix) for the public and for a reader with an API token;
#   3. the same token mix while an editor saves a new actor every second (every save invalidates the cache).
# With VIGIL_BENCH_BEFORE=<folder of another checkout, built>, the same runs against that build too, one
# server at a time, on a copy of the same database: before and after in one run.
# Writes the figures to bench/out/results.txt; bench/RESULTS.md records them by hand with the date.
# Usage: bench/load.sh [actors=100000] [seconds=15]   (VIGIL_BENCH_PORT moves the servers off 5090/5091)
set -euo pipefail
cd "$(dirname "$0")/.."
actors=${1:-100000}; seconds=${2:-15}
port=${VIGIL_BENCH_PORT:-5090}; base=http://127.0.0.1:$port; bare=http://127.0.0.1:$((port + 1))
out=bench/out; mkdir -p "$out"; rm -f "$out"/*.db*
command -v wrk >/dev/null || { apt-get install -y -qq wrk >/dev/null; }

dotnet build src/Vigil.Cli -c Release -nologo -clp:ErrorsOnly -v:q
dotnet build bench/Vigil.Bench -c Release -nologo -clp:ErrorsOnly -v:q
bench="dotnet bench/Vigil.Bench/bin/Release/net10.0/Vigil.Bench.dll"
vigil="dotnet src/Vigil.Cli/bin/Release/net10.0/vigil.dll"

# Other work on this machine skews every figure: record how busy it was.
echo "== load average before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$out/results.txt"
echo "== bulk load ($actors actors)" | tee -a "$out/results.txt"
$bench seed "$out/bench.db" "$actors" | tee -a "$out/results.txt"
# The starter data too, so that searches for real names and the gap matrix of real vendors find something.
$vigil -d "$out/bench.db" import data >/dev/null

# A reader with a read-only API token, and an editor (two-factor set, as an editor must have) with a
# read-write one for the writes.
echo "load-test-passphrase-$$-$RANDOM" | $vigil -d "$out/bench.db" users add bench-reader --password-stdin >/dev/null
echo "load-test-passphrase-$$-$RANDOM" | $vigil -d "$out/bench.db" users add bench-editor --role editor --password-stdin >/dev/null
sqlite3 "$out/bench.db" "UPDATE AspNetUsers SET TwoFactorEnabled = 1 WHERE UserName = 'bench-editor'"
token=$($vigil -d "$out/bench.db" tokens create "load test" --user bench-reader --days 1 | grep -o 'vgl_[A-Za-z0-9_-]*' | head -1)
editor=$($vigil -d "$out/bench.db" tokens create "load test writes" --user bench-editor --scope read-write --days 1 | grep -o 'vgl_[A-Za-z0-9_-]*' | head -1)

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
wait_for() { for _ in $(seq 1 300); do curl -sf "$1" >/dev/null && return 0; sleep 0.2; done; echo "no answer from $1" >&2; return 1; }

load() { # name url [extra wrk arguments]
  local name=$1 url=$2; shift 2
  wrk -t2 -c64 -d"${seconds}s" -s bench/report.lua "$@" "$url" >/dev/null 2>&1 || true  # warm-up pass discarded
  local line; line=$(wrk -t2 -c64 -d"${seconds}s" -s bench/report.lua "$@" "$url" | grep RESULT)
  echo "$name $line" | tee -a "$out/results.txt"
}
mix() { # name [extra wrk arguments]: the skewed mix, warm-up discarded
  local name=$1; shift
  wrk -t2 -c64 -d"${seconds}s" -s bench/mix.lua "$@" "$base" -- "$actors" bench/names.txt >/dev/null 2>&1 || true
  local line; line=$(wrk -t2 -c64 -d"${seconds}s" -s bench/mix.lua "$@" "$base" -- "$actors" bench/names.txt | grep RESULT)
  echo "$name $line" | tee -a "$out/results.txt"
}
writer() { # an editor saving a new draft actor every second, until killed
  local i=0
  while true; do
    i=$((i + 1))
    curl -s -o /dev/null -w '%{http_code}\n' -X POST "$base/api/v1/actors" -H "Authorization: Bearer $editor" \
      -H 'Content-Type: application/json' -d "{\"name\":\"Bench Write $$ $i\",\"kind\":\"company\",\"country\":\"LU\"}" >>"$out/writes.txt"
    sleep 1
  done
}

$bench baseline $bare >/dev/null 2>&1 & pids+=($!)
wait_for $bare/api/v1/actors
echo "== wrk -t2 -c64 -d${seconds}s on 127.0.0.1" | tee -a "$out/results.txt"
load baseline-kestrel "$bare/api/v1/actors"

run_server() { # label dll db
  local label=$1 dll=$2 db=$3
  echo "== $label" | tee -a "$out/results.txt"
  Vigil__Database__Path="$db" Vigil__Database__SeedOnStart=false Logging__LogLevel__Default=Warning \
    dotnet "$dll" serve --urls $base >"$out/server-$label.log" 2>&1 & local server=$!; pids+=($server)
  wait_for $base/health
  auth=(-H "Authorization: Bearer $token")
  load "$label single api-get-actor (public)"      "$base/api/v1/actors/company-54321"
  load "$label single api-get-actor (token)"       "$base/api/v1/actors/company-54321" "${auth[@]}"
  load "$label single api-list-by-kind (token)"    "$base/api/v1/actors?kind=company&page=200&pageSize=50" "${auth[@]}"
  mix "$label mix (public)"
  mix "$label mix (token)" "${auth[@]}"
  : >"$out/writes.txt"
  writer & local w=$!
  mix "$label mix (token, editor saving every second)" "${auth[@]}"
  kill $w 2>/dev/null || true; wait $w 2>/dev/null || true
  echo "$label writes during the mixed run: $(grep -c '^201' "$out/writes.txt") saved of $(wc -l <"$out/writes.txt")" | tee -a "$out/results.txt"
  echo "$label server peak RSS: $(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' /proc/$server/status)" | tee -a "$out/results.txt"
  kill $server; wait $server 2>/dev/null || true
}

if [[ -n "${VIGIL_BENCH_BEFORE:-}" && -f "$VIGIL_BENCH_BEFORE/src/Vigil.Cli/bin/Release/net10.0/vigil.dll" ]]; then
  # A consistent copy: the last CLI step (the tokens) may still be in the write-ahead log, which cp would leave behind.
  sqlite3 "$out/bench.db" ".backup '$out/before.db'"
  run_server before "$VIGIL_BENCH_BEFORE/src/Vigil.Cli/bin/Release/net10.0/vigil.dll" "$out/before.db"
fi
run_server after src/Vigil.Cli/bin/Release/net10.0/vigil.dll "$out/bench.db"
load baseline-kestrel-again "$bare/api/v1/actors"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/results.txt"
