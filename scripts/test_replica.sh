#!/usr/bin/env bash
# make test-replica: the read replica test alone (tests/test_replica.py) on TEST_DB, by default
# make run's demo database (created here once when missing, as make run does). It makes a
# streaming replica of the embedded cluster (scripts/replica.sh), serves TEST_DB with
# --db_replica_host/--db_replica_port and removes the replica at the end. make test runs the
# same test in its top-level suite.
source "$(dirname "$0")/common.sh"
[ "$PG_EMBEDDED" = 1 ] || die "The replica is made from the embedded cluster only (unset DB_HOST)."
if ! bash "$ROOT/scripts/pg.sh" running; then
    trap 'bash "$ROOT/scripts/pg.sh" stop >/dev/null' EXIT
fi
bash "$ROOT/scripts/pg.sh" start
mkdir -p "$LOG_DIR"
TEST_DB=${TEST_DB:-coordination_demo}
if [ -z "$(pg_psql -c "SELECT 1 FROM pg_database WHERE datname = '$TEST_DB'")" ]; then
    say "Creating database $TEST_DB with both addons and demo data (once)"
    mapfile -t args < <(odoo_args)
    "$PY" "$ODOO_SRC/odoo-bin" "${args[@]}" -d "$TEST_DB" -i "$ADDONS" --stop-after-init \
        --max-cron-threads 0 --http-port "$(free_port 8169)" --logfile "$LOG_DIR/replica-install.log" \
        || die "Installing failed; see $LOG_DIR/replica-install.log"
fi
pg_locate
export ODOO_SRC PC_TEST_DB=$TEST_DB PC_PYTHON=$PY PC_LOG_DIR=$LOG_DIR \
    PC_DB_HOST=$PGC_HOST PC_DB_PORT=$PGC_PORT PC_DB_USER=$PGC_USER
say "Read replica test on $TEST_DB (server log: $LOG_DIR/pytest-replica-server.log)"
cd "$ROOT" && "$PY" -m pytest tests/test_replica.py -q -p no:cacheprovider
