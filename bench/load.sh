#!/usr/bin/env bash
# Load test: Vigil over 100,000 actors on SQLite against a bare Kestrel endpoint, both on 127.0.0.1,
# measured with wrk at 64 connections: anonymous reads (the public cache answers all but the first) and
# the same reads with a reader's API token (no cache: the database read path). Also times the bulk load
# and reads the server's peak RSS.
# Writes the figures to bench/out/results.txt; bench/RESULTS.md records them by hand with the date.
# Usage: bench/load.sh [actors=100000] [seconds=15]   (VIGIL_BENCH_PORT moves the two servers off 5090/5091)
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

# A reader with an API token: its reads skip the public cache (they may read as someone), so they
# measure the database read path itself.
echo "load-test-passphrase-$$-$RANDOM" | $vigil -d "$out/bench.db" users add bench-reader --password-stdin >/dev/null
token=$($vigil -d "$out/bench.db" tokens create "load test" --user bench-reader --days 1 | grep -o 'vgl_[A-Za-z0-9_-]*' | head -1)

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
wait_for() { for _ in $(seq 1 100); do curl -sf "$1" >/dev/null && return 0; sleep 0.2; done; echo "no answer from $1" >&2; return 1; }

$bench baseline $bare >/dev/null 2>&1 & pids+=($!)
Vigil__Database__Path="$out/bench.db" Vigil__Database__SeedOnStart=false Logging__LogLevel__Default=Warning \
  $vigil serve --urls $base >"$out/server.log" 2>&1 & pids+=($!); server=$!
wait_for $bare/api/v1/actors
wait_for $base/health

load() { # name url [extra wrk arguments]
  local name=$1 url=$2; shift 2
  wrk -t2 -c64 -d"${seconds}s" -s bench/report.lua "$@" "$url" >/dev/null 2>&1 || true  # warm-up pass discarded
  local line; line=$(wrk -t2 -c64 -d"${seconds}s" -s bench/report.lua "$@" "$url" | grep RESULT)
  echo "$name $line" | tee -a "$out/results.txt"
}
echo "== wrk -t2 -c64 -d${seconds}s on 127.0.0.1" | tee -a "$out/results.txt"
load baseline-kestrel        "$bare/api/v1/actors"
load api-list-by-kind        "$base/api/v1/actors?kind=company&page=200&pageSize=50"
load api-get-actor           "$base/api/v1/actors/company-54321"
load api-search              "$base/api/v1/actors?q=company%2054321"
load page-actor              "$base/actors/company-54321"
# The same reads with the token: no cache, every request through the database.
auth=(-H "Authorization: Bearer $token")
load token-api-list-by-kind  "$base/api/v1/actors?kind=company&page=200&pageSize=50" "${auth[@]}"
load token-api-get-actor     "$base/api/v1/actors/company-54321" "${auth[@]}"
load token-api-search        "$base/api/v1/actors?q=company%2054321" "${auth[@]}"
pid=$(pgrep -f "vigil.dll serve --urls $base" | head -1)
echo "server peak RSS: $(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' /proc/"$pid"/status)" | tee -a "$out/results.txt"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/results.txt"
