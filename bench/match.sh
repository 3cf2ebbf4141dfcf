#!/usr/bin/env bash
# Screening through HTTP (issue 15): POST /api/v1/match over the starter data and the whole OFAC SDN list
# (14,668 list entries beside the graph), one typo'd name a request (bench/match.lua), as a reader with an API
# token, against a bare Kestrel endpoint measured in the same run; wrk -t2 -c64 on 127.0.0.1.
# Writes bench/out/match.txt; bench/RESULTS.md records the figures by hand with the date.
# With VIGIL_BENCH_BEFORE=<folder of another checkout, built>, the same run against that build first.
# Usage: bench/match.sh [seconds=10] [sdn.csv]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
sdn=${2:-../shared/data/sanctions/ofac-sdn-2024-04-26.csv}
[ -f "$sdn" ] || sdn=/work/shared/data/sanctions/ofac-sdn-2024-04-26.csv
port=${VIGIL_BENCH_PORT:-5094}; base=http://127.0.0.1:$port; bare=http://127.0.0.1:$((port + 1))
out=bench/out; mkdir -p "$out"; rm -f "$out"/match.db* "$out"/match-before.db*
command -v wrk >/dev/null || { apt-get install -y -qq wrk >/dev/null; }
dotnet build src/Vigil.Cli -c Release -nologo -clp:ErrorsOnly -v:q
dotnet build bench/Vigil.Bench -c Release -nologo -clp:ErrorsOnly -v:q
bench="dotnet bench/Vigil.Bench/bin/Release/net10.0/Vigil.Bench.dll"
vigil="dotnet src/Vigil.Cli/bin/Release/net10.0/vigil.dll"

echo "== load average before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$out/match.txt"
$vigil -d "$out/match.db" import data >/dev/null
$vigil -d "$out/match.db" import sdn "$sdn" | tail -1 | tee -a "$out/match.txt"
echo "load-test-passphrase-$$-$RANDOM" | $vigil -d "$out/match.db" users add bench-reader --password-stdin >/dev/null
token=$($vigil -d "$out/match.db" tokens create "match bench" --user bench-reader --days 1 | grep -o 'vgl_[A-Za-z0-9_-]*' | head -1)
# The names to screen: the SDN list's and Vigil's, as the in-process benchmark (bench/Vigil.NameBench) takes them.
sqlite3 "$out/match.db" "SELECT Name FROM ListEntries UNION ALL SELECT Name FROM Actors WHERE ActorKind <> 1" > "$out/match-names.txt"
echo "names to screen: $(wc -l <"$out/match-names.txt")" | tee -a "$out/match.txt"

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
wait_for() { for _ in $(seq 1 300); do curl -sf "$1" >/dev/null && return 0; sleep 0.2; done; echo "no answer from $1" >&2; return 1; }
run() { # name url [wrk arguments]: warm-up pass discarded
  local name=$1 url=$2; shift 2
  # The URL before the options: wrk takes options after it, and what follows "--" goes to the script.
  wrk -t2 -c64 -d"${seconds}s" "$url" "$@" >/dev/null 2>&1 || true
  echo "$name $(wrk -t2 -c64 -d"${seconds}s" "$url" "$@" | grep RESULT)" | tee -a "$out/match.txt"
}

$bench baseline $bare >/dev/null 2>&1 & pids+=($!)
wait_for $bare/api/v1/actors
run baseline-kestrel "$bare/api/v1/actors" -s bench/report.lua
screen() { # label dll db: one server at a time
  local label=$1 dll=$2 db=$3
  Vigil__Database__Path="$db" Vigil__Database__SeedOnStart=false Logging__LogLevel__Default=Warning \
    dotnet "$dll" serve --urls $base >"$out/server-match-$label.log" 2>&1 & local server=$!; pids+=($server)
  wait_for $base/health
  run "$label match (token)" "$base" -s bench/match.lua -H "Authorization: Bearer $token" -- "$out/match-names.txt"
  echo "$label server peak RSS: $(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' /proc/$server/status)" | tee -a "$out/match.txt"
  kill $server; wait $server 2>/dev/null || true
}
# With VIGIL_BENCH_BEFORE=<folder of another checkout, built>, that build first, on a copy of the same database.
if [[ -n "${VIGIL_BENCH_BEFORE:-}" && -f "$VIGIL_BENCH_BEFORE/src/Vigil.Cli/bin/Release/net10.0/vigil.dll" ]]; then
  # A consistent copy: the last CLI step (the token) may still be in the write-ahead log, which cp would leave behind.
  sqlite3 "$out/match.db" ".backup '$out/match-before.db'"
  screen before "$VIGIL_BENCH_BEFORE/src/Vigil.Cli/bin/Release/net10.0/vigil.dll" "$out/match-before.db"
fi
screen after src/Vigil.Cli/bin/Release/net10.0/vigil.dll "$out/match.db"
run baseline-kestrel-again "$bare/api/v1/actors" -s bench/report.lua
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/match.txt"
