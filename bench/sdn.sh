#!/usr/bin/env bash
# SDN import benchmark: first import, same-file re-import and delta re-import of the OFAC SDN list on a
# fresh SQLite database, each as entries/s and as a ratio to a bare parse of the file in the same run.
# Usage: bench/sdn.sh [sdn.csv=../shared/data/sanctions/ofac-sdn-2024-04-26.csv]
set -euo pipefail
cd "$(dirname "$0")/.."
file=${1:-../shared/data/sanctions/ofac-sdn-2024-04-26.csv}
[ -f "$file" ] || file=/work/shared/data/sanctions/ofac-sdn-2024-04-26.csv
out=bench/out; mkdir -p "$out"
dotnet build bench/Vigil.Bench -c Release -nologo -clp:ErrorsOnly -v:q
echo "== load average before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$out/sdn.txt"
dotnet bench/Vigil.Bench/bin/Release/net10.0/Vigil.Bench.dll sdn "$out/sdn.db" "$file" | tee -a "$out/sdn.txt"
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/sdn.txt"
