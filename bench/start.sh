#!/usr/bin/env bash
# Start-up time (issue 19): from launching `vigil serve` to the first 200 from /health, on a fresh database
# (migrations and the starter data load) and then warm (the same database, already loaded), five times each;
# the bare Kestrel endpoint of bench/Vigil.Bench started the same way is the baseline of the same run.
# Writes bench/out/start.txt; bench/RESULTS.md records the figures by hand with the date.
# Usage: bench/start.sh [runs=5]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
port=${VIGIL_BENCH_PORT:-5096}; base=http://127.0.0.1:$port
out=bench/out; mkdir -p "$out"; rm -f "$out"/start.db*
dotnet build src/Vigil.Cli -c Release -nologo -clp:ErrorsOnly -v:q
dotnet build bench/Vigil.Bench -c Release -nologo -clp:ErrorsOnly -v:q
vigil="dotnet src/Vigil.Cli/bin/Release/net10.0/vigil.dll"
bench="dotnet bench/Vigil.Bench/bin/Release/net10.0/Vigil.Bench.dll"

# Milliseconds from launching "$@" to the first 200 from the URL $probe; the process is stopped after.
time_to() {
  local probe=$1; shift
  local t0; t0=$(date +%s%N)
  "$@" >/dev/null 2>&1 & local pid=$!
  until curl -sf "$probe" >/dev/null 2>&1; do
    kill -0 $pid 2>/dev/null || { echo "the process exited before answering" >&2; return 1; }
    sleep 0.02
  done
  echo $((($(date +%s%N) - t0) / 1000000))
  kill $pid; wait $pid 2>/dev/null || true
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "== load average before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$out/start.txt"
serve=(env Vigil__Database__Path="$out/start.db" Logging__LogLevel__Default=Warning $vigil serve --urls $base)
first=$(time_to $base/health "${serve[@]}")
echo "first start (migrate, load the starter data): $first ms" | tee -a "$out/start.txt"
warm=$(for _ in $(seq "$runs"); do time_to $base/health "${serve[@]}"; done | tee "$out/start-warm.txt" | median)
echo "warm start to /health, median of $runs: $warm ms (all: $(paste -sd' ' "$out/start-warm.txt"))" | tee -a "$out/start.txt"
bare=$(for _ in $(seq "$runs"); do time_to $base/api/v1/actors $bench baseline $base; done | median)
echo "bare Kestrel start to its first answer, median of $runs: $bare ms (ratio $(awk -v a="$warm" -v b="$bare" 'BEGIN {printf "%.1f", a / b}'))" | tee -a "$out/start.txt"
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/start.txt"
