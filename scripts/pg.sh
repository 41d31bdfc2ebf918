#!/usr/bin/env bash
# The embedded PostgreSQL cluster: .run/pg/data, socket in .run/pg/socket, no TCP listener.
# As root the cluster belongs to the postgres OS user; when postgres cannot reach .run/pg (a
# checkout inside a folder only its owner may enter: a home folder with mode 700, mktemp -d),
# the cluster goes to /var/tmp/production-coordination-pg-<hash of .run's path>, created 700 for
# postgres, and .run/pg.location records where (read by every script, removed by make clean).
# Usage: pg.sh start|stop|status|running (exit 0 when running)|remove. Does nothing when
# DB_HOST points at your own server.
source "$(dirname "$0")/common.sh"

PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
DATA=$PG_DIR/data
SOCK=$PG_DIR/socket
PGLOG=$PG_DIR/postgresql.log

# The cluster belongs to the postgres OS user when we are root (PostgreSQL refuses to run as root).
as_pg_owner() {
    # From /: postgres may not be allowed in the current folder.
    if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}
pg_ctl_() { as_pg_owner "$PGBIN/pg_ctl" -D "$DATA" "$@"; }

# The folder of a cluster placed outside .run (see above): private to postgres, one per checkout.
outside_dir() {
    echo "/var/tmp/production-coordination-pg-$(printf '%s' "$RUN_DIR" | sha256sum | cut -c1-16)"
}

# As root, on the first start: keep the cluster in .run/pg when postgres can enter it (and its
# socket path is short enough for PostgreSQL), else move it to outside_dir and record that.
choose_dir() {
    [ "$(id -u)" = 0 ] && [ ! -s "$PG_LOCATION_FILE" ] || return 0
    local inside=$RUN_DIR/pg
    mkdir -p "$inside"
    chown postgres: "$inside"
    # PostgreSQL's socket path ($inside/socket/.s.PGSQL.<port>) holds at most 107 bytes.
    if runuser -u postgres -- test -x "$inside" -a -w "$inside" \
        && [ $((${#inside} + 22)) -le 107 ]; then
        return 0
    fi
    [ -e "$inside/data" ] && return 0  # a cluster made there before: keep using it
    rmdir "$inside" 2>/dev/null || true
    local outside
    outside=$(outside_dir)
    install -d -m 700 -o postgres -g postgres "$outside"
    echo "$outside" > "$PG_LOCATION_FILE"
    say "The postgres user cannot enter $inside (a private folder above it): the embedded cluster is in $outside (recorded in $PG_LOCATION_FILE; make clean removes it)"
    pg_locate
    DATA=$PG_DIR/data SOCK=$PG_DIR/socket PGLOG=$PG_DIR/postgresql.log
}

# Running = the pid in postmaster.pid is a live (not zombie) postgres process. pg_ctl status alone is fooled by a
# pid reused after a crash or a zombie left by a killed server.
is_running() {
    local pid
    pid=$(head -n 1 "$DATA/postmaster.pid" 2>/dev/null) || return 1
    [ -n "$pid" ] && [ -r "/proc/$pid/stat" ] || return 1
    [ "$(cut -d' ' -f3 "/proc/$pid/stat")" != Z ] && grep -qa postgres "/proc/$pid/cmdline"
}

start() {
    if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
        apt_ensure postgresql
        PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    fi
    choose_dir
    mkdir -p "$SOCK"
    [ "$(id -u)" = 0 ] && chown -R postgres: "$PG_DIR"
    if [ ! -f "$DATA/PG_VERSION" ]; then
        say "Creating the embedded PostgreSQL cluster in $DATA"
        # Superuser "odoo" (Odoo refuses to connect as "postgres"); trust on the private socket only.
        as_pg_owner "$PGBIN/initdb" -D "$DATA" -U odoo --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
        cat >> "$DATA/postgresql.conf" <<CONF
# production_coordination harness
listen_addresses = ''
unix_socket_directories = '$SOCK'
port = $PG_PORT_EMBEDDED
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 256MB
CONF
    fi
    is_running && return 0
    # A crash leaves postmaster.pid behind: pg_ctl status said "not running", so the file is stale.
    if [ -f "$DATA/postmaster.pid" ]; then
        say "Removing the stale pid file of a PostgreSQL that is not running"
        rm -f "$DATA/postmaster.pid" "$SOCK/.s.PGSQL.$PG_PORT_EMBEDDED" "$SOCK/.s.PGSQL.$PG_PORT_EMBEDDED.lock"
    fi
    pg_ctl_ start -w -t 60 -l "$PGLOG" >/dev/null || die "PostgreSQL did not start; see $PGLOG"
}

case "${1:-status}" in
    start)
        if [ "$PG_EMBEDDED" = 0 ]; then
            pg_psql -c "select 1" >/dev/null || die "Cannot reach PostgreSQL at $PGC_HOST:$PGC_PORT as $PGC_USER (set DB_HOST, DB_PORT, DB_USER, DB_PASSWORD)."
            exit 0
        fi
        start ;;
    stop)
        if [ "$PG_EMBEDDED" = 1 ] && is_running; then
            pg_ctl_ stop -m fast -t 30 >/dev/null || kill -9 "$(head -n 1 "$DATA/postmaster.pid")"
            say "PostgreSQL stopped"
        fi ;;
    status)
        if [ "$PG_EMBEDDED" = 0 ]; then echo "external server $PGC_HOST:$PGC_PORT"
        elif is_running; then echo "embedded cluster running in $PG_DIR (socket $SOCK, port $PG_PORT_EMBEDDED)"
        else echo "embedded cluster stopped ($PG_DIR)"; fi ;;
    running) [ "$PG_EMBEDDED" = 1 ] && is_running ;;
    remove)  # make clean: the cluster kept outside .run goes too (.run itself is removed by make)
        if [ -s "$PG_LOCATION_FILE" ]; then
            is_running && die "Stop PostgreSQL first (make stop)."
            [ "$PG_DIR" = "$(outside_dir)" ] && rm -rf "$PG_DIR"
            rm -f "$PG_LOCATION_FILE"
        fi ;;
    *) die "usage: $0 start|stop|status|running|remove" ;;
esac
