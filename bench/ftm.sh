#!/usr/bin/env bash
# FollowTheMoney import benchmark: a synthetic OpenSanctions-shaped file of N entities (people, companies and
# organisations with their Sanction entities) into a fresh PostgreSQL database (a throwaway cluster, started
# here), then the same file again and the next snapshot (1% delisted, 1% renamed, 1% added); records/s and
# each figure's ratio to a bare parse of the file in the same run; peak memory of the whole run.
# Usage: bench/ftm.sh [entities=1000000] [postgres|sqlite]   (PGPORT picks the cluster's port, default 55932)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
engine=${2:-postgres}
out=bench/out; mkdir -p "$out"
dotnet build bench/Vigil.Bench -c Release -nologo -clp:ErrorsOnly -v:q
bench="dotnet bench/Vigil.Bench/bin/Release/net10.0/Vigil.Bench.dll"
file="$out/ftm-$n.json"; delta="$out/ftm-$n-delta.json"
[ -f "$file" ] || $bench ftm-gen "$file" "$n"
[ -f "$delta" ] || $bench ftm-gen "$delta" "$n" delta
if [ "$engine" = postgres ]; then
  PGPORT=${PGPORT:-55932}
  source scripts/lib/postgres.sh
  # A cluster already listening on the port is used as it is (a fresh database in it); else a throwaway one.
  if ! "$(pg_bin)/pg_isready" -q -h 127.0.0.1 -p "$PGPORT"; then
    pg_start
    trap pg_stop EXIT
  fi
  db="Host=127.0.0.1;Port=$PGPORT;Username=vigil;Database=vigil_ftm_bench"
else
  db="$out/ftm.db"
fi
echo "== load average before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$out/ftm.txt"
/usr/bin/time -v $bench ftm "$db" "$file" "$delta" 2> "$out/ftm-time.txt" | tee -a "$out/ftm.txt"
grep -E "Maximum resident|Elapsed" "$out/ftm-time.txt" | tee -a "$out/ftm.txt"
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/ftm.txt"
