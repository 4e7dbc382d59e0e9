# Throwaway PostgreSQL cluster on loopback for the tests: start_throwaway_postgres sets RAPPORT_TEST_PG,
# stop_throwaway_postgres removes every trace. Sourced by scripts/test.

pg_bin_dir() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

free_port() {
  local port
  for port in $(seq 55432 55531); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  return 1
}

# Runs a command as the owner of the cluster: the postgres user when we are root (the server refuses to run as root).
as_pg_owner() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi
}

start_throwaway_postgres() {
  local bin; bin=$(pg_bin_dir)
  [ -n "$bin" ] || { echo "PostgreSQL server binaries not found under /usr/lib/postgresql" >&2; return 1; }
  PG_TMP=$(mktemp -d /tmp/rapport-pg.XXXXXX)
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$PG_TMP"
  PG_PORT=$(free_port)
  as_pg_owner "$bin/initdb -D $PG_TMP/data -U postgres -A trust -E UTF8 --locale=C.UTF-8" > "$PG_TMP.initdb.log" 2>&1 \
    || { cat "$PG_TMP.initdb.log" >&2; return 1; }
  as_pg_owner "$bin/pg_ctl -D $PG_TMP/data -l $PG_TMP/server.log -w -o \"-p $PG_PORT -c listen_addresses=127.0.0.1 -k $PG_TMP -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200\" start" > /dev/null \
    || { cat "$PG_TMP/server.log" >&2; return 1; }
  export RAPPORT_TEST_PG="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"
  echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') started on 127.0.0.1:$PG_PORT ($PG_TMP)"
}

stop_throwaway_postgres() {
  [ -n "${PG_TMP:-}" ] || return 0
  local bin; bin=$(pg_bin_dir)
  as_pg_owner "$bin/pg_ctl -D $PG_TMP/data -m fast -w stop" > /dev/null 2>&1 || true
  rm -rf "$PG_TMP" "$PG_TMP.initdb.log"
  PG_TMP=
}
