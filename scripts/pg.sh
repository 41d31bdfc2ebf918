#!/usr/bin/env bash
# The embedded PostgreSQL cluster: .run/pg/data, socket in .run/pg/socket, no TCP listener.
# Usage: pg.sh start|stop|status|running (exit 0 when running). Does nothing when DB_HOST points
# at your own server.
source "$(dirname "$0")/common.sh"

PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
DATA=$PG_DIR/data
SOCK=$PG_DIR/socket
PGLOG=$PG_DIR/postgresql.log

# The cluster belongs to the postgres OS user when we are root (PostgreSQL refuses to run as root).
as_pg_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
pg_ctl_() { as_pg_owner "$PGBIN/pg_ctl" -D "$DATA" "$@"; }

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
        elif is_running; then echo "embedded cluster running (socket $SOCK, port $PG_PORT_EMBEDDED)"
        else echo "embedded cluster stopped"; fi ;;
    running) [ "$PG_EMBEDDED" = 1 ] && is_running ;;
    *) die "usage: $0 start|stop|status|running" ;;
esac
