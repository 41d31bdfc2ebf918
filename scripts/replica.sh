#!/usr/bin/env bash
# A streaming read replica of the embedded PostgreSQL cluster, for Odoo's --db_replica_host /
# --db_replica_port: a second cluster in .run/pg/replica (next to the primary, or where
# .run/pg.location says), made with `pg_basebackup -R` over a physical replication slot, on the
# primary's socket folder with its own port (REPLICA_PORT, default PG_PORT_EMBEDDED + 1).
# Only for the embedded cluster (DB_HOST unset).
# Usage: replica.sh start (make it when missing, start it, wait until it has caught up)
#        | stop | remove (stop it, delete it and drop its slot) | status | port | socket
#        | sync (wait until it has replayed everything the primary wrote so far)
source "$(dirname "$0")/common.sh"

PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
REPLICA_PORT=${REPLICA_PORT:-$((PG_PORT_EMBEDDED + 1))}
SLOT=odoo_replica
RDATA=$PG_DIR/replica/data
RLOG=$PG_DIR/replica/postgresql.log
SOCK=$PG_DIR/socket

as_pg_owner() { if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }
primary_sql() { pg_psql -c "$1"; }
replica_sql() {
    PGOPTIONS="-c client_min_messages=warning" psql -h "$SOCK" -p "$REPLICA_PORT" -U odoo -d postgres -qtAX -c "$1"
}
is_running() {
    local pid
    pid=$(head -n 1 "$RDATA/postmaster.pid" 2>/dev/null) || return 1
    [ -n "$pid" ] && [ -r "/proc/$pid/stat" ] && [ "$(cut -d' ' -f3 "/proc/$pid/stat")" != Z ]
}

# Wait until the replica has replayed the primary's current WAL position (at most 60 s).
sync_replica() {
    local lsn i
    lsn=$(primary_sql "SELECT pg_current_wal_lsn()")
    for i in $(seq 1 600); do
        [ "$(replica_sql "SELECT pg_last_wal_replay_lsn() >= '$lsn'::pg_lsn")" = t ] && return 0
        sleep 0.1
    done
    die "The replica did not replay $lsn within 60 s; see $RLOG"
}

make_replica() {
    say "Making the read replica in $RDATA (pg_basebackup -R, slot $SLOT, port $REPLICA_PORT)"
    mkdir -p "$PG_DIR/replica"
    [ "$(id -u)" = 0 ] && chown postgres: "$PG_DIR/replica"
    # The slot keeps the WAL the replica has not received yet, also while it is stopped.
    if [ -z "$(primary_sql "SELECT 1 FROM pg_replication_slots WHERE slot_name = '$SLOT'")" ]; then
        primary_sql "SELECT pg_create_physical_replication_slot('$SLOT')" >/dev/null
    fi
    # Trust on the private socket (scripts/pg.sh): initdb's pg_hba.conf also trusts local
    # replication connections.
    as_pg_owner "$PGBIN/pg_basebackup" -h "$SOCK" -p "$PG_PORT_EMBEDDED" -U odoo -D "$RDATA" \
        -R -X stream -S "$SLOT" -c fast >/dev/null || die "pg_basebackup failed"
    # Its own port and log settings; the last value of a setting wins.
    as_pg_owner tee -a "$RDATA/postgresql.conf" >/dev/null <<CONF
# production_coordination read replica (scripts/replica.sh)
port = $REPLICA_PORT
hot_standby = on
log_statement = 'all'
log_line_prefix = '%m [%p] %a@%d '
CONF
}

start() {
    [ "$PG_EMBEDDED" = 1 ] || die "The replica is made from the embedded cluster only (DB_HOST is set)."
    bash "$ROOT/scripts/pg.sh" start
    [ -f "$RDATA/PG_VERSION" ] || make_replica
    if ! is_running; then
        rm -f "$RDATA/postmaster.pid"
        as_pg_owner "$PGBIN/pg_ctl" -D "$RDATA" -l "$RLOG" -w -t 60 start >/dev/null \
            || die "The replica did not start; see $RLOG"
    fi
    [ "$(replica_sql "SELECT pg_is_in_recovery()")" = t ] || die "Port $REPLICA_PORT is not a replica"
    sync_replica
    say "Read replica running: --db_replica_host=$SOCK --db_replica_port=$REPLICA_PORT"
}

stop() {
    if is_running; then
        as_pg_owner "$PGBIN/pg_ctl" -D "$RDATA" -m fast -t 30 stop >/dev/null \
            || kill -9 "$(head -n 1 "$RDATA/postmaster.pid")"
        say "Read replica stopped"
    fi
}

case "${1:-status}" in
    start) start ;;
    stop) stop ;;
    remove)
        stop
        rm -rf "$PG_DIR/replica"
        if bash "$ROOT/scripts/pg.sh" running; then
            primary_sql "SELECT pg_drop_replication_slot('$SLOT') FROM pg_replication_slots WHERE slot_name = '$SLOT'" >/dev/null
        fi ;;
    sync) sync_replica ;;
    status)
        if is_running; then echo "read replica running in $RDATA (socket $SOCK, port $REPLICA_PORT)"
        else echo "read replica stopped ($RDATA)"; fi ;;
    port) echo "$REPLICA_PORT" ;;
    socket) echo "$SOCK" ;;
    log) echo "$RLOG" ;;
    *) die "usage: $0 start|stop|remove|sync|status|port|socket|log" ;;
esac
