# Starts a throwaway PostgreSQL 15 server for Confidant's tests and exports the variables that make
# `./mvnw verify` run the suite a second time on it. Meant to be sourced, by .ci/run or in a dev shell:
#
#   source .ci/start-postgres.sh     # starts the server, exports CONFIDANT_TEST_POSTGRES_*
#   ./mvnw verify
#   confidant_pg_stop                # stops it and deletes its data
#
# The server lives in a fresh temp directory (data, log and unix socket), listens on 127.0.0.1 only, on
# port 55432 or another free one, keeps fsync on, and has a role `confidant` with a new random password
# that owns the database `confidant_test`. As root, the server runs as the `postgres` OS user (initdb
# refuses root); as anyone else it runs as that user. Needs Debian's postgresql-15 (.ci/run installs it).

CONFIDANT_PG_BIN="${CONFIDANT_PG_BIN:-/usr/lib/postgresql/15/bin}"

# runs "$@" as the OS user that owns the server, from inside the server's directory
confidant_pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    (cd "$CONFIDANT_PG_DIR" && runuser -u postgres -- "$@")
  else
    (cd "$CONFIDANT_PG_DIR" && "$@")
  fi
}

# true when nothing accepts connections on 127.0.0.1:$1
confidant_pg_port_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

confidant_pg_stop() {
  local dir="${CONFIDANT_PG_DIR-}"
  [ -n "$dir" ] || return 0
  if [ -f "$dir/data/postmaster.pid" ]; then
    if ! confidant_pg_as_owner "$CONFIDANT_PG_BIN/pg_ctl" stop -D "$dir/data" -m fast -w -t 30 >/dev/null 2>&1; then
      # pg_ctl could not stop it: end this server's own postmaster, by the pid it recorded
      local pid
      pid="$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null || true)"
      if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill -QUIT "$pid" 2>/dev/null || true
        sleep 1
      fi
    fi
  fi
  rm -rf "$dir"
  unset CONFIDANT_PG_DIR CONFIDANT_TEST_POSTGRES_URL CONFIDANT_TEST_POSTGRES_USER CONFIDANT_TEST_POSTGRES_PASSWORD
  return 0
}

confidant_pg_start() {
  local bin="$CONFIDANT_PG_BIN" base pw port try started=""
  if [ ! -x "$bin/initdb" ] || [ ! -x "$bin/pg_ctl" ] || [ ! -x "$bin/psql" ]; then
    echo "start-postgres: no PostgreSQL 15 in $bin (apt-get install postgresql)" >&2
    return 1
  fi
  if [ -n "${CONFIDANT_PG_DIR-}" ] && [ -d "$CONFIDANT_PG_DIR" ]; then
    echo "start-postgres: a server from $CONFIDANT_PG_DIR is already set up in this shell (confidant_pg_stop first)" >&2
    return 1
  fi

  # as root the postgres user must reach the directory, so keep it directly under /tmp
  if [ "$(id -u)" -eq 0 ]; then base=/tmp; else base="${TMPDIR:-/tmp}"; fi
  CONFIDANT_PG_DIR="$(mktemp -d "$base/confidant-pg.XXXXXX")" || return 1
  export CONFIDANT_PG_DIR
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$CONFIDANT_PG_DIR" || return 1
  fi
  chmod 700 "$CONFIDANT_PG_DIR" || return 1

  pw="$(od -An -N 18 -tx1 /dev/urandom | tr -d ' \n')"
  [ -n "$pw" ] || return 1

  # local (unix socket, in the 0700 temp dir) is trusted for the setup below; TCP needs the password
  if ! confidant_pg_as_owner "$bin/initdb" -D "$CONFIDANT_PG_DIR/data" -U postgres -E UTF8 --locale=C \
      --auth-local=trust --auth-host=scram-sha-256 >"$CONFIDANT_PG_DIR/initdb.log" 2>&1; then
    cat "$CONFIDANT_PG_DIR/initdb.log" >&2
    return 1
  fi
  # fsync stays on on purpose: the tests check durability
  if ! confidant_pg_as_owner sh -c 'cat >> "$1"' sh "$CONFIDANT_PG_DIR/data/postgresql.conf" <<EOF

# --- Confidant test server (.ci/start-postgres.sh) ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$CONFIDANT_PG_DIR'
fsync = on
synchronous_commit = on
full_page_writes = on
max_connections = 300
logging_collector = off
EOF
  then
    return 1
  fi

  # 55432 first, then random high ports; a port taken between the check and the bind is retried too
  for try in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
    if [ "$try" -eq 1 ]; then port=55432; else port=$((40000 + RANDOM % 20000)); fi
    confidant_pg_port_free "$port" || continue
    if confidant_pg_as_owner "$bin/pg_ctl" start -D "$CONFIDANT_PG_DIR/data" -l "$CONFIDANT_PG_DIR/postgres.log" \
        -o "-p $port" -w -t 60 >/dev/null 2>&1; then
      started=1
      break
    fi
    if ! grep -qiE 'address already in use|could not create any TCP/IP sockets' "$CONFIDANT_PG_DIR/postgres.log" 2>/dev/null; then
      break
    fi
  done
  if [ -z "$started" ]; then
    echo "start-postgres: the server did not start; its log:" >&2
    cat "$CONFIDANT_PG_DIR/postgres.log" >&2 2>/dev/null || true
    return 1
  fi

  if ! "$bin/psql" -X -q -h "$CONFIDANT_PG_DIR" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
      -c "CREATE ROLE confidant LOGIN PASSWORD '$pw'" \
      -c "CREATE DATABASE confidant_test OWNER confidant ENCODING 'UTF8' TEMPLATE template0" >&2; then
    return 1
  fi

  export CONFIDANT_TEST_POSTGRES_URL="jdbc:postgresql://127.0.0.1:$port/confidant_test"
  export CONFIDANT_TEST_POSTGRES_USER=confidant
  export CONFIDANT_TEST_POSTGRES_PASSWORD="$pw"
  echo "PostgreSQL $("$bin/postgres" -V | awk '{print $3}') on 127.0.0.1:$port (data in $CONFIDANT_PG_DIR); database confidant_test, user confidant"
}

if ! confidant_pg_start; then
  confidant_pg_stop
  # sourced: give the failure back to the caller; run as a script: exit with it
  return 1 2>/dev/null || exit 1
fi
if ! (return 0 2>/dev/null); then
  echo "start-postgres: run as a script, so its variables are lost and the server is stopped again; use 'source $0'" >&2
  confidant_pg_stop
fi
