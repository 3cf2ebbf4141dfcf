# Throwaway PostgreSQL cluster on 127.0.0.1 for tests and benchmarks: a private data folder,
# trust authentication on loopback only, fsync off. Source this file, then pg_start / pg_stop.
# Sets PGPORT and VIGIL_PG_ADMIN (an Npgsql connection string to the "postgres" database).

PGPORT=${PGPORT:-55432}

pg_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  return 1
}

pg_as_owner() {
  # initdb refuses to run as root: run the cluster as the postgres system user then.
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_start() {
  local bin; bin=$(pg_bin) || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; return 1; }
  PG_DIR=$(mktemp -d /tmp/vigil-pg.XXXXXX)
  [ "$(id -u)" = 0 ] && chown postgres: "$PG_DIR"
  pg_as_owner "$bin/initdb" -D "$PG_DIR/data" -U vigil --auth=trust -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 \
    || { cat "$PG_DIR/initdb.log" >&2; return 1; }
  pg_as_owner "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/pg.log" \
    -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
    -w start >/dev/null || { cat "$PG_DIR/pg.log" >&2; return 1; }
  export PGPORT PG_DIR
  export VIGIL_PG_ADMIN="Host=127.0.0.1;Port=$PGPORT;Username=vigil;Database=postgres;Include Error Detail=true"
  echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') running on 127.0.0.1:$PGPORT (data in $PG_DIR)"
}

pg_stop() {
  [ -n "${PG_DIR:-}" ] || return 0
  local bin; bin=$(pg_bin) || return 0
  pg_as_owner "$bin/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
  echo "PostgreSQL stopped"
}
