#!/usr/bin/env bash
# Two web nodes on one PostgreSQL behind a local reverse proxy (nginx, round robin), under the skewed mix
# (bench/mix.lua) with a reader's API token, while an editor writes through one node and a probe reads each
# write back from the other node: how long until the other node serves it (the staleness window the README
# promises: two seconds), and whether any acknowledged write is missing afterwards (none may be).
# Baselines in the same run: a bare Kestrel endpoint, directly and through the same nginx.
# Usage: bench/nodes.sh [actors=20000] [seconds=15] [writes=20]
# Installs what it lacks (wrk, nginx, PostgreSQL) from Debian; writes the figures to bench/out/nodes.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
actors=${1:-20000}; seconds=${2:-15}; writes=${3:-20}
out=bench/out; mkdir -p "$out"; results=$out/nodes.txt
proxy=http://127.0.0.1:5390; a=http://127.0.0.1:5391; b=http://127.0.0.1:5392
bare=http://127.0.0.1:5393; bareproxy=http://127.0.0.1:5394
for tool in wrk nginx; do command -v $tool >/dev/null || apt-get install -y -qq $tool >/dev/null; done
command -v pg_ctlcluster >/dev/null || apt-get install -y -qq postgresql >/dev/null

dotnet build src/Vigil.Cli -c Release -nologo -clp:ErrorsOnly -v:q
dotnet build bench/Vigil.Bench -c Release -nologo -clp:ErrorsOnly -v:q
bench="dotnet bench/Vigil.Bench/bin/Release/net10.0/Vigil.Bench.dll"
vigil="dotnet src/Vigil.Cli/bin/Release/net10.0/vigil.dll"

# shellcheck source=../scripts/lib/postgres.sh
source scripts/lib/postgres.sh
PGPORT=${VIGIL_BENCH_PGPORT:-55990} pg_start >/dev/null
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; pg_stop >/dev/null; }
trap cleanup EXIT
db="Host=127.0.0.1;Port=$PGPORT;Username=vigil;Database=vigilnodes"
psql() { "$(pg_bin)/psql" -h 127.0.0.1 -p "$PGPORT" -U vigil -At "$@"; }
psql -d postgres -c "CREATE DATABASE vigilnodes" >/dev/null
export Vigil__Database__Provider=postgres Vigil__Database__ConnectionString="$db"

echo "== load average before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$results"
$vigil migrate >/dev/null
$bench seed "$db" "$actors" | tee -a "$results"
$vigil import data >/dev/null
echo "load-test-passphrase-$$-$RANDOM" | $vigil users add bench-reader --password-stdin >/dev/null
echo "load-test-passphrase-$$-$RANDOM" | $vigil users add bench-editor --role editor --password-stdin >/dev/null
psql -d vigilnodes -c "UPDATE \"AspNetUsers\" SET \"TwoFactorEnabled\" = true WHERE \"UserName\" = 'bench-editor'" >/dev/null
token=$($vigil tokens create "load test" --user bench-reader --days 1 | grep -o 'vgl_[A-Za-z0-9_-]*' | head -1)
editor=$($vigil tokens create "load test writes" --user bench-editor --scope read-write --days 1 | grep -o 'vgl_[A-Za-z0-9_-]*' | head -1)

wait_for() { for _ in $(seq 1 300); do curl -sf "$1" >/dev/null && return 0; sleep 0.2; done; echo "no answer from $1" >&2; return 1; }
for node in $a $b; do
  Vigil__Database__SeedOnStart=false Logging__LogLevel__Default=Warning $vigil serve --urls "$node" >"$out/node-${node##*:}.log" 2>&1 &
  pids+=($!)
done
$bench baseline $bare >/dev/null 2>&1 & pids+=($!)

# nginx in the foreground of its own prefix: round robin over the two nodes, kept-alive upstream connections.
mkdir -p "$out/nginx/logs"
cat >"$out/nginx/nginx.conf" <<EOF
daemon off; worker_processes 1; pid $PWD/$out/nginx/nginx.pid; error_log $PWD/$out/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  upstream vigil { server ${a#http://}; server ${b#http://}; keepalive 64; }
  upstream bare { server ${bare#http://}; keepalive 64; }
  server { listen ${proxy#http://}; location / { proxy_pass http://vigil; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_set_header Host \$host; } }
  server { listen ${bareproxy#http://}; location / { proxy_pass http://bare; proxy_http_version 1.1; proxy_set_header Connection ""; } }
}
EOF
nginx -p "$PWD/$out/nginx" -c "$PWD/$out/nginx/nginx.conf" & pids+=($!)
wait_for $a/health; wait_for $b/health; wait_for $bare/api/v1/actors; wait_for $proxy/health

load() { # name url [extra wrk arguments]: warm-up discarded
  local name=$1 url=$2; shift 2
  wrk -t2 -c64 -d"${seconds}s" -s bench/report.lua "$@" "$url" >/dev/null 2>&1 || true
  echo "$name $(wrk -t2 -c64 -d"${seconds}s" -s bench/report.lua "$@" "$url" | grep RESULT)" | tee -a "$results"
}
mix() { # name [extra wrk arguments]
  local name=$1; shift
  wrk -t2 -c64 -d"${seconds}s" -s bench/mix.lua "$@" "$proxy" -- "$actors" bench/names.txt >/dev/null 2>&1 || true
  echo "$name $(wrk -t2 -c64 -d"${seconds}s" -s bench/mix.lua "$@" "$proxy" -- "$actors" bench/names.txt | grep RESULT)" | tee -a "$results"
}

# Each write goes to node A; the probe then asks node B (as the editor: the new actor is a draft) every
# 50 ms until it answers 200. Prints the milliseconds, or "lost" after 10 s.
probe() {
  local i=$1 body slug start now
  body=$(curl -s -X POST "$a/api/v1/actors" -H "Authorization: Bearer $editor" -H 'Content-Type: application/json' \
    -d "{\"name\":\"Nodes Write $$ $i\",\"kind\":\"company\",\"country\":\"LU\"}")
  slug=$(printf '%s' "$body" | python3 -c 'import json,sys; print(json.load(sys.stdin)["slug"])' 2>/dev/null) || { echo "refused $body"; return; }
  start=$(date +%s%N)
  for _ in $(seq 1 200); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "$b/api/v1/actors/$slug" -H "Authorization: Bearer $editor")" = 200 ]; then
      now=$(date +%s%N); echo "seen $(( (now - start) / 1000000 ))"; return
    fi
    sleep 0.05
  done
  echo "lost $slug"
}

echo "== wrk -t2 -c64 -d${seconds}s on 127.0.0.1; two nodes on PostgreSQL behind nginx" | tee -a "$results"
load "bare Kestrel (direct)" "$bare/api/v1/actors"
load "bare Kestrel (through nginx)" "$bareproxy/api/v1/actors"
mix "mix (token, two nodes)" -H "Authorization: Bearer $token"
: >"$out/probe.txt"
( for i in $(seq 1 "$writes"); do probe "$i" >>"$out/probe.txt"; sleep 0.5; done ) & prober=$!
mix "mix (token, two nodes, writes on node A read back from node B)" -H "Authorization: Bearer $token"
wait $prober
seen=$(grep -c '^seen' "$out/probe.txt" || true)
echo "writes acknowledged: $(grep -vc '^refused' "$out/probe.txt" || true) of $writes; read back from node B: $seen" | tee -a "$results"
grep '^seen' "$out/probe.txt" | awk '{print $2}' | sort -n | awk '{v[NR]=$1} END {if (NR) printf "staleness on node B (ms): median %d, p95 %d, max %d\n", v[int((NR+1)/2)], v[int(NR*0.95+0.5)], v[NR]}' | tee -a "$results"
stored=$(psql -d vigilnodes -c "SELECT count(*) FROM \"Actors\" WHERE \"Name\" LIKE 'Nodes Write $$ %'")
echo "acknowledged writes found in the database afterwards: $stored" | tee -a "$results"
for node in $a $b; do
  echo "node ${node##*:} peak RSS: $(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' /proc/"$(pgrep -f "serve --urls $node" | head -1)"/status)" | tee -a "$results"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$results"
